import ExamKit
import Foundation
import Testing

/// `SortedJSONWriter` replaces `JSONEncoder` where a result's mac and body are computed: a terminal
/// and a center of different versions must produce the same bytes, so `JSONEncoder` itself is the
/// reference here.
@Suite struct SortedJSONWriterTests {
    /// Every ASCII character (controls, quote, backslash, slash, DEL), accents, an emoji, the line
    /// and paragraph separators, an empty string.
    static let awkwardStrings: [String] = [
        String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }),
        "élève à l'école", "🚗💨 voiture", "a\u{2028}b\u{2029}c", "", "a/b\\c\"d", "\u{0}\u{1f}\u{7f}",
    ]

    static func reference(_ value: some Encodable, escapeSlashes: Bool) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapeSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test(arguments: [false, true])
    func stringsAreEscapedAsJSONEncoderEscapesThem(escapeSlashes: Bool) throws {
        for text in Self.awkwardStrings {
            var json = SortedJSONWriter(escapeSlashes: escapeSlashes)
            json.strings([text, text])
            #expect(json.bytes == (try Self.reference([text, text], escapeSlashes: escapeSlashes)), "\(text.debugDescription)")
        }
    }

    @Test func objectsArraysNumbersAndBooleansAreWrittenCompactly() throws {
        struct Sample: Encodable {
            var a: Int
            var b: [Bool]
            var c: [[String]]
        }
        var json = SortedJSONWriter()
        json.beginObject()
        json.key("a"); json.int(-1234567890123)
        json.key("b"); json.beginArray(); json.bool(true); json.bool(false); json.endArray()
        json.key("c"); json.beginArray(); json.strings([]); json.strings(["x", "y"]); json.endArray()
        json.endObject()
        let sample = Sample(a: -1234567890123, b: [true, false], c: [[], ["x", "y"]])
        #expect(json.bytes == (try Self.reference(sample, escapeSlashes: false)))
    }

    /// The envelope's own `Codable` members, the mac left out as the canonical form leaves it out.
    struct Unsigned: Encodable {
        let envelope: ResultEnvelope
        enum Keys: String, CodingKey {
            case format, attemptId, examNumber, candidateId, terminalId, bank, extraTime, startedAt, finishedAt,
                 questions, contentDigest, stopReason
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(envelope.format, forKey: .format)
            try container.encode(envelope.attemptId, forKey: .attemptId)
            try container.encode(envelope.examNumber, forKey: .examNumber)
            try container.encode(envelope.candidateId, forKey: .candidateId)
            try container.encode(envelope.terminalId, forKey: .terminalId)
            try container.encode(envelope.bank, forKey: .bank)
            try container.encode(envelope.extraTime, forKey: .extraTime)
            try container.encode(envelope.startedAt, forKey: .startedAt)
            try container.encode(envelope.finishedAt, forKey: .finishedAt)
            try container.encode(envelope.questions, forKey: .questions)
            try container.encode(envelope.contentDigest, forKey: .contentDigest)
            try container.encodeIfPresent(envelope.stopReason, forKey: .stopReason)
        }
    }

    static func envelopes() -> [ResultEnvelope] {
        var envelopes: [ResultEnvelope] = []
        for (index, text) in awkwardStrings.enumerated() {
            var envelope = ResultEnvelope(
                attemptId: "a-\(text)", examNumber: text, candidateId: "C/\(index)", terminalId: text, bank: "assr1\(text)",
                extraTime: index.isMultiple(of: 2), startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 900),
                questions: (1...index + 1).map { .init(position: $0, questionId: "q\($0)\(text)", selected: $0 == 2 ? [] : ["A", text],
                                                       timeUsedMs: $0 * 997) },
                contentDigest: text, stopReason: index.isMultiple(of: 3) ? nil : "arrêt : \(text)")
            envelope = envelope.signed(key: "k\(index)")
            envelopes.append(envelope)
        }
        var legacy = envelopes[1]
        legacy.format = ResultEnvelope.legacyFormatName
        legacy.mac = "a/b+c=="
        return envelopes + [legacy]
    }

    @Test func theCanonicalFormIsTheOneJSONEncoderWrites() throws {
        for envelope in Self.envelopes() {
            #expect(Array(envelope.canonicalJSON()) == (try Self.reference(Unsigned(envelope: envelope), escapeSlashes: false)))
        }
    }

    @Test func theRequestBodyIsTheEnvelopeAsJSONEncoderWritesItWithItsMac() throws {
        for envelope in Self.envelopes() {
            #expect(Array(envelope.wireJSON()) == (try Self.reference(envelope, escapeSlashes: false)))
            #expect(try JSONDecoder().decode(ResultEnvelope.self, from: envelope.wireJSON()) == envelope)
        }
    }

    @Test func theStoredFormIsTheCanonicalOneWithTheMacLast() throws {
        for envelope in Self.envelopes() {
            let stored = envelope.storedJSON(canonical: envelope.canonicalJSON())
            #expect(try JSONDecoder().decode(ResultEnvelope.self, from: Data(stored.utf8)) == envelope)
            #expect(stored.hasSuffix(",\"mac\":\"\(envelope.mac)\"}"))
        }
    }
}
