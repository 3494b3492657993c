import Foundation

/// Mono 16-bit PCM audio, as espeak-ng produces it, and its RIFF/WAVE file form.
public struct WAVAudio: Sendable, Hashable {
    public var sampleRate: Int
    public var samples: [Int16]

    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    public var duration: Duration {
        guard sampleRate > 0 else { return .zero }
        return .nanoseconds(Int64(samples.count) * 1_000_000_000 / Int64(sampleRate))
    }

    /// The canonical 44-byte header followed by the little-endian samples.
    public func fileData() -> Data {
        let dataBytes = samples.count * 2
        var data = Data(capacity: 44 + dataBytes)
        data.append(contentsOf: Array("RIFF".utf8))
        data.appendLittleEndian(UInt32(36 + dataBytes))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        data.appendLittleEndian(UInt32(16))  // fmt chunk size
        data.appendLittleEndian(UInt16(1))  // PCM
        data.appendLittleEndian(UInt16(1))  // mono
        data.appendLittleEndian(UInt32(sampleRate))
        data.appendLittleEndian(UInt32(sampleRate * 2))  // bytes per second
        data.appendLittleEndian(UInt16(2))  // bytes per frame
        data.appendLittleEndian(UInt16(16))  // bits per sample
        data.append(contentsOf: Array("data".utf8))
        data.appendLittleEndian(UInt32(dataBytes))
        #if _endian(little)
        samples.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for sample in samples { data.appendLittleEndian(UInt16(bitPattern: sample)) }
        #endif
        return data
    }

    /// Reads a mono 16-bit PCM WAV file (chunks in any order, unknown chunks skipped).
    public init(fileData data: Data) throws(WAVFormatError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x41, 0x56, 0x45] else {
            throw WAVFormatError.notRIFFWave
        }
        var offset = 12
        var format: (channels: Int, rate: Int, bits: Int, code: Int)?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes.littleEndianUInt32(at: offset + 4))
            let body = offset + 8
            guard body + size <= bytes.count else { throw WAVFormatError.truncated(chunk: id) }
            if id == "fmt " {
                guard size >= 16 else { throw WAVFormatError.truncated(chunk: id) }
                format = (Int(bytes.littleEndianUInt16(at: body + 2)), Int(bytes.littleEndianUInt32(at: body + 4)),
                          Int(bytes.littleEndianUInt16(at: body + 14)), Int(bytes.littleEndianUInt16(at: body)))
            } else if id == "data" {
                guard let format else { throw WAVFormatError.missingFormat }
                guard format.code == 1, format.channels == 1, format.bits == 16 else {
                    throw WAVFormatError.unsupported(channels: format.channels, bitsPerSample: format.bits)
                }
                sampleRate = format.rate
                samples = [Int16](unsafeUninitializedCapacity: size / 2) { buffer, count in
                    for n in 0..<size / 2 {
                        buffer[n] = Int16(bitPattern: bytes.littleEndianUInt16(at: body + 2 * n))
                    }
                    count = size / 2
                }
                return
            }
            offset = body + size + (size & 1)  // chunks are padded to even sizes
        }
        throw WAVFormatError.missingData
    }
}

public enum WAVFormatError: Error, Sendable, Hashable {
    case notRIFFWave
    case truncated(chunk: String)
    case missingFormat
    case missingData
    case unsupported(channels: Int, bitsPerSample: Int)
}

private extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

private extension [UInt8] {
    func littleEndianUInt16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func littleEndianUInt32(at index: Int) -> UInt32 {
        UInt32(littleEndianUInt16(at: index)) | UInt32(littleEndianUInt16(at: index + 2)) << 16
    }
}
