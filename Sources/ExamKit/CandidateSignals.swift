import Foundation

/// « Signaler un problème »: a candidate's alert about the question on screen, signed with the
/// attempt's key like progress reports. `kind` is `illisible`, `affichage` or `autre`.
public struct AlertReport: Codable, Sendable, Hashable {
    public var attemptId: String
    public var terminalId: String
    public var questionId: String
    /// 1-based position in the candidate's order.
    public var position: Int
    public var kind: String
    public var mac: String

    public init(attemptId: String, terminalId: String, questionId: String, position: Int, kind: String, key: String) {
        self.attemptId = attemptId
        self.terminalId = terminalId
        self.questionId = questionId
        self.position = position
        self.kind = kind
        mac = ""
        mac = AttemptSignature.mac(of: self, key: key)
    }

    public func hasValidMac(key: String) -> Bool {
        var unsigned = self
        unsigned.mac = ""
        return AttemptSignature.matches(mac, expected: AttemptSignature.mac(of: unsigned, key: key))
    }
}

/// A terminal waiting for the surveillant's confirmation of presence asks whether it came, signed
/// with the attempt's key.
public struct PresenceRequest: Codable, Sendable, Hashable {
    public var attemptId: String
    public var terminalId: String
    public var mac: String

    public init(attemptId: String, terminalId: String, key: String) {
        self.attemptId = attemptId
        self.terminalId = terminalId
        mac = ""
        mac = AttemptSignature.mac(of: self, key: key)
    }

    public func hasValidMac(key: String) -> Bool {
        var unsigned = self
        unsigned.mac = ""
        return AttemptSignature.matches(mac, expected: AttemptSignature.mac(of: unsigned, key: key))
    }
}

/// The center's answer to an alert.
public enum AlertReceipt: Sendable, Hashable {
    /// Stored (or stored before: one alert per question and attempt).
    case received
    /// The attempt runs on another terminal now.
    case moved
    case unknownAttempt
}

/// The center's answer to a presence poll.
public enum PresenceAnswer: Sendable, Hashable {
    case confirmed
    case waiting
    /// The attempt runs on another terminal now.
    case moved
    case unknownAttempt
}
