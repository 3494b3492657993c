import ExamKit
import Foundation

/// What a candidate raises from the question screen (« Signaler un problème »).
public enum AlertKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The question cannot be read (text, illustration).
    case unreadable = "illisible"
    /// The screen shows it wrongly (cut, garbled, frozen).
    case display = "affichage"
    case other = "autre"
}

/// Where an alert stands.
public enum AlertStatus: String, Sendable, Hashable, CaseIterable {
    case pending = "en-attente"
    /// The question is neutralized for this candidate: left out of the score.
    case accepted = "acceptee"
    case rejected = "rejetee"
}

/// A candidate's alert about one question of their attempt, and the surveillant's decision.
public struct CandidateAlert: Sendable, Hashable {
    public var id: String
    public var sessionNumber: String
    public var attemptId: String
    public var candidateId: String
    public var questionId: String
    /// 1-based, in the candidate's order (« question 7/20 »).
    public var position: Int
    public var kind: AlertKind
    public var raisedAt: Date
    public var status: AlertStatus
    public var decidedAt: Date?

    public init(id: String, sessionNumber: String, attemptId: String, candidateId: String, questionId: String, position: Int,
                kind: AlertKind, raisedAt: Date, status: AlertStatus = .pending, decidedAt: Date? = nil) {
        self.id = id
        self.sessionNumber = sessionNumber
        self.attemptId = attemptId
        self.candidateId = candidateId
        self.questionId = questionId
        self.position = position
        self.kind = kind
        self.raisedAt = raisedAt
        self.status = status
        self.decidedAt = decidedAt
    }
}

/// What the surveillant did, as the session's log keeps it (the procès-verbal reads it back).
public enum SessionLogKind: String, Sendable, Hashable, CaseIterable {
    case presenceConfirmed = "presence"
    case transferAuthorized = "reprise"
    case attemptStopped = "arret"
    case accessCodeReissued = "code-acces"
    case surveillantCodeReissued = "code-surveillant"
    case incident
    case alertAccepted = "alerte-acceptee"
    case alertRejected = "alerte-rejetee"
    case sessionClosed = "cloture"
}

/// One line of a session's log: when, what, about whom, and the words typed (reason, incident).
public struct SessionLogEntry: Sendable, Hashable {
    public var sessionNumber: String
    public var at: Date
    public var kind: SessionLogKind
    public var candidateId: String?
    public var detail: String

    public init(sessionNumber: String, at: Date, kind: SessionLogKind, candidateId: String? = nil, detail: String = "") {
        self.sessionNumber = sessionNumber
        self.at = at
        self.kind = kind
        self.candidateId = candidateId
        self.detail = detail
    }
}

/// A surveillant's action on the store, applied with its log line in one transaction.
public enum SupervisionAction: Sendable, Hashable {
    case confirmPresence(candidateId: String)
    /// The candidate's next login from another terminal takes the open attempt over.
    case authorizeTransfer(attemptId: String)
    /// Ends an open attempt: its terminal learns it with its next progress receipt.
    case stopAttempt(attemptId: String, reason: String)
    /// A demo enrolment keeps its public code in clear (`demoCode`); any other keeps only the hash.
    case replaceAccessCode(candidateId: String, salt: String, hash: String, demoCode: String)
    case replaceSurveillantCode(salt: String, hash: String, check: SlowCodeHash)
    /// Nothing changes but the log.
    case incident
    case decideAlert(alertId: String, accepted: Bool)
    /// Locks the session (no login, no result from then on).
    case close
}

/// A result as the console reads it: no envelope, no answers.
public struct ResultSummary: Sendable, Hashable {
    public var attemptId: String
    public var candidateId: String
    public var score: Int
    public var questionCount: Int
    public var passed: Bool
    public var finishedAt: Date
    public var stopReason: String?

    public init(attemptId: String, candidateId: String, score: Int, questionCount: Int, passed: Bool, finishedAt: Date,
                stopReason: String?) {
        self.attemptId = attemptId
        self.candidateId = candidateId
        self.score = score
        self.questionCount = questionCount
        self.passed = passed
        self.finishedAt = finishedAt
        self.stopReason = stopReason
    }

    public init(_ result: StoredResult) {
        self.init(attemptId: result.attemptId, candidateId: result.candidateId, score: result.score,
                  questionCount: result.questionCount, passed: result.passed, finishedAt: result.finishedAt,
                  stopReason: result.stopReason)
    }
}

/// Everything the surveillant's console shows of one session, read in one transaction.
public struct SupervisionData: Sendable, Hashable {
    public var session: CenterSession
    public var candidates: [EnrolledCandidate]
    public var attempts: [CenterAttempt]
    public var results: [ResultSummary]
    public var alerts: [CandidateAlert]

    public init(session: CenterSession, candidates: [EnrolledCandidate], attempts: [CenterAttempt], results: [ResultSummary],
                alerts: [CandidateAlert]) {
        self.session = session
        self.candidates = candidates
        self.attempts = attempts
        self.results = results
        self.alerts = alerts
    }
}

/// The answer to a terminal waiting for the surveillant's confirmation.
public enum PresencePoll: Sendable, Hashable {
    case confirmed
    case waiting
    /// The attempt runs on another terminal now.
    case movedElsewhere
    case unknownAttempt
}
