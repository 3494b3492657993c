import ExamKit

// Bodies of the supervision routes (issue 12): a candidate's alert and the wait for the surveillant's
// confirmation of presence. Both requests are signed with the attempt's key, like progress reports.

/// `POST /api/v1/attempts/{attemptId}/alerts` request: « Signaler un problème » on a question. `mac` is
/// the HMAC-SHA256 (base64) of the sorted-keys JSON of {attemptId, terminalId, questionId, position,
/// kind, mac: ""} with the attempt's key.
public struct AlertRequest: Codable, Sendable, Hashable {
    public var terminalId: String
    public var questionId: String
    /// 1-based position of the question in the candidate's order.
    public var position: Int
    /// `illisible` | `affichage` | `autre`.
    public var kind: String
    public var mac: String

    public init(terminalId: String, questionId: String, position: Int, kind: String, mac: String) {
        self.terminalId = terminalId
        self.questionId = questionId
        self.position = position
        self.kind = kind
        self.mac = mac
    }

    public init(_ report: AlertReport) {
        self.init(terminalId: report.terminalId, questionId: report.questionId, position: report.position, kind: report.kind,
                  mac: report.mac)
    }

    /// The signed report, with the attempt id of the route.
    public func report(attemptId: String) -> AlertReport {
        var report = AlertReport(attemptId: attemptId, terminalId: terminalId, questionId: questionId, position: position,
                                 kind: kind, key: "")
        report.mac = mac
        return report
    }
}

/// `POST /api/v1/attempts/{attemptId}/alerts` → 201 `{"status":"received"}` (also for a repeated alert).
public struct AlertResponse: Codable, Sendable, Hashable {
    public var status: String

    public init(status: String = "received") {
        self.status = status
    }
}

/// `POST /api/v1/attempts/{attemptId}/presence` request: is the presence confirmed? `mac` is the
/// HMAC-SHA256 (base64) of the sorted-keys JSON of {attemptId, terminalId, mac: ""}.
public struct PresenceRequestBody: Codable, Sendable, Hashable {
    public var terminalId: String
    public var mac: String

    public init(terminalId: String, mac: String) {
        self.terminalId = terminalId
        self.mac = mac
    }

    public init(_ request: PresenceRequest) {
        self.init(terminalId: request.terminalId, mac: request.mac)
    }

    public func request(attemptId: String) -> PresenceRequest {
        var request = PresenceRequest(attemptId: attemptId, terminalId: terminalId, key: "")
        request.mac = mac
        return request
    }
}

public enum WirePresenceStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case confirmed
    case waiting
}

/// `POST /api/v1/attempts/{attemptId}/presence` → 200.
public struct PresenceResponse: Codable, Sendable, Hashable {
    public var status: WirePresenceStatus

    public init(status: WirePresenceStatus) {
        self.status = status
    }
}
