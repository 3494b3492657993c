import Crypto
import Foundation

/// A finished attempt as it travels from terminal to center (DESIGN §8), online or in a rescue file.
public struct ResultEnvelope: Codable, Sendable, Hashable {
    /// Signed with the attempt's own key (`AttemptKey`); may carry the surveillant's stop reason.
    public static let formatName = "epreuve-result/2"
    /// The first version, signed with the session key: still read from old rescue files.
    public static let legacyFormatName = "epreuve-result/1"

    public struct Answer: Codable, Sendable, Hashable {
        /// 1-based position in the candidate's order.
        public var position: Int
        public var questionId: String
        public var selected: [String]
        public var timeUsedMs: Int

        public init(position: Int, questionId: String, selected: [String], timeUsedMs: Int) {
            self.position = position
            self.questionId = questionId
            self.selected = selected
            self.timeUsedMs = timeUsedMs
        }
    }

    public var format: String
    public var attemptId: String
    public var examNumber: String
    public var candidateId: String
    public var terminalId: String
    public var bank: String
    public var extraTime: Bool
    /// ISO 8601 UTC, e.g. 2026-11-22T09:15:00Z.
    public var startedAt: String
    public var finishedAt: String
    public var questions: [Answer]
    public var contentDigest: String
    /// Set when the surveillant ended the attempt: the reason they gave.
    public var stopReason: String?
    public var mac: String

    public init(attemptId: String, examNumber: String, candidateId: String, terminalId: String, bank: String,
                extraTime: Bool, startedAt: Date, finishedAt: Date, questions: [Answer], contentDigest: String,
                stopReason: String? = nil) {
        self.init(format: Self.formatName, attemptId: attemptId, examNumber: examNumber, candidateId: candidateId,
                  terminalId: terminalId, bank: bank, extraTime: extraTime, startedAt: Self.timestamp(startedAt),
                  finishedAt: Self.timestamp(finishedAt), questions: questions, contentDigest: contentDigest,
                  stopReason: stopReason, mac: "")
    }

    /// Every member as received, nothing computed or checked: how a request body read straight from
    /// its JSON (CenterWire's `DirectRequestDecoding`) is built.
    public init(format: String, attemptId: String, examNumber: String, candidateId: String, terminalId: String, bank: String,
                extraTime: Bool, startedAt: String, finishedAt: String, questions: [Answer], contentDigest: String,
                stopReason: String?, mac: String) {
        self.format = format
        self.attemptId = attemptId
        self.examNumber = examNumber
        self.candidateId = candidateId
        self.terminalId = terminalId
        self.bank = bank
        self.extraTime = extraTime
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.questions = questions
        self.contentDigest = contentDigest
        self.stopReason = stopReason
        self.mac = mac
    }

    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    public static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).parse(text)
    }

    /// Sorted keys, no `mac`, no insignificant white space: what the mac covers. The bytes are those
    /// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes` (see `SortedJSONWriter`).
    public func canonicalJSON() -> Data {
        Data(sortedJSON(mac: nil))
    }

    /// The request body a terminal posts: every member, the mac included, in sorted key order; the
    /// same bytes as `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` would write.
    public func wireJSON() -> Data {
        Data(sortedJSON(mac: mac))
    }

    /// Members in sorted key order, the mac in its place when given.
    private func sortedJSON(mac: String?) -> [UInt8] {
        var json = SortedJSONWriter(capacity: 256 + questions.count * 96)
        json.beginObject()
        json.key("attemptId"); json.string(attemptId)
        json.key("bank"); json.string(bank)
        json.key("candidateId"); json.string(candidateId)
        json.key("contentDigest"); json.string(contentDigest)
        json.key("examNumber"); json.string(examNumber)
        json.key("extraTime"); json.bool(extraTime)
        json.key("finishedAt"); json.string(finishedAt)
        json.key("format"); json.string(format)
        if let mac { json.key("mac"); json.string(mac) }
        json.key("questions")
        json.beginArray()
        for answer in questions {
            json.beginObject()
            json.key("position"); json.int(answer.position)
            json.key("questionId"); json.string(answer.questionId)
            json.key("selected"); json.strings(answer.selected)
            json.key("timeUsedMs"); json.int(answer.timeUsedMs)
            json.endObject()
        }
        json.endArray()
        json.key("startedAt"); json.string(startedAt)
        if let stopReason { json.key("stopReason"); json.string(stopReason) }
        json.key("terminalId"); json.string(terminalId)
        json.endObject()
        return json.bytes
    }

    /// HMAC-SHA256 over the canonical JSON, base64.
    public func computeMac(key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: canonicalJSON(), using: SymmetricKey(data: Data(key.utf8)))
        return Data(code).base64EncodedString()
    }

    public func signed(key: String) -> ResultEnvelope {
        var copy = self
        copy.mac = computeMac(key: key)
        return copy
    }

    /// `canonical`: the envelope's `canonicalJSON()` when the caller has it already.
    public func hasValidMac(key: String, canonical: Data? = nil) -> Bool {
        guard let given = Data(base64Encoded: mac) else { return false }
        let data = canonical ?? canonicalJSON()
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: data, using: SymmetricKey(data: Data(key.utf8)))
    }

    /// The envelope as the center keeps it: `canonical` (this envelope's `canonicalJSON()`, the bytes
    /// the mac covers) with the mac as its last member. The check, the content hash and the record
    /// share one encoding, and the mac can be checked on the stored text by taking that member off.
    public func storedJSON(canonical: Data) -> String {
        var mac = SortedJSONWriter(capacity: 64)
        mac.string(self.mac)
        guard canonical.last == UInt8(ascii: "}") else { return String(decoding: canonical, as: UTF8.self) }
        return String(decoding: canonical.dropLast(), as: UTF8.self) + ",\"mac\":" + String(decoding: mac.bytes, as: UTF8.self) + "}"
    }

    /// The file a proctor carries on a USB key: pretty, sorted, with its mac.
    public func fileData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// `epreuve-<exam>-<candidate>-<first 8 of attemptId>.json`
    public var rescueFileName: String {
        let safeCandidate = candidateId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "epreuve-\(examNumber)-\(safeCandidate)-\(attemptId.prefix(8)).json"
    }

    /// Selected choice indices per question id.
    public var selectionsByQuestion: [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for answer in questions {
            result[answer.questionId] = Set(answer.selected.compactMap { $0.first.flatMap(ChoiceLetter.index(of:)) })
        }
        return result
    }
}
