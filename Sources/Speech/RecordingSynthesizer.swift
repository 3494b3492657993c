import Foundation
import Synchronization

/// A synthesizer that says nothing and records what it was asked, in order: for unit tests, and
/// for end-to-end tests where the terminal runs in another process (then give it `logFile`: each
/// request is appended there as one JSON line, read back with `RecordingSynthesizer.read`).
public final class RecordingSynthesizer: SpeechSynthesizer {
    public enum Request: Sendable, Hashable, Codable {
        case say(text: String, wordsPerMinute: Int)
        case interrupt
    }

    public let logFile: URL?
    private let recorded = Mutex<[Request]>([])

    public init() {
        logFile = nil
    }

    /// Also appends every request to `logFile`, created empty (or emptied) here.
    public init(logFile: URL) throws {
        self.logFile = logFile
        try Data().write(to: logFile)
    }

    public var isAvailable: Bool { true }

    public func say(_ text: String, wordsPerMinute: Int) {
        record(.say(text: text, wordsPerMinute: wordsPerMinute))
    }

    public func interrupt() {
        record(.interrupt)
    }

    /// Every request so far, in order.
    public var requests: [Request] {
        recorded.withLock { $0 }
    }

    /// The texts of the `say` requests so far, in order.
    public var saidTexts: [String] {
        requests.compactMap { if case let .say(text, _) = $0 { text } else { nil } }
    }

    /// Reads a log written by a recording synthesizer (possibly in another process).
    public static func read(_ logFile: URL) throws -> [Request] {
        let decoder = JSONDecoder()
        return try String(decoding: Data(contentsOf: logFile), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { try decoder.decode(Request.self, from: Data($0.utf8)) }
    }

    private func record(_ request: Request) {
        recorded.withLock { requests in
            requests.append(request)
            // Written under the lock so lines from concurrent calls never interleave.
            guard let logFile, let line = try? JSONEncoder().encode(request),
                  let handle = try? FileHandle(forWritingTo: logFile) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line + Data("\n".utf8))
        }
    }
}
