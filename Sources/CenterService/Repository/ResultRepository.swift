public enum ResultInsertion: Sendable, Hashable {
    /// Stored; with the question ids of the attempt's accepted alerts as of the insert's transaction
    /// (an alert accepted while the result was on its way rescored nothing: there was no result).
    case inserted(acceptedAlerts: Set<String>)
    /// The result's candidate is not enrolled in its session: nothing was stored (checked first).
    case candidateNotEnrolled
    /// A result with this attempt id is stored already (same or other content: compare the hash);
    /// nothing was stored.
    case sameAttemptExists(contentHash: String)
    /// Asked for one result per candidate and the candidate has another attempt's result in the
    /// session: nothing was stored.
    case candidateAlreadyHasResult
}

public protocol ResultRepository: Sendable {
    /// Stores a result once per attempt id, in one transaction (the checks, in the order of
    /// `ResultInsertion`, and the insert).
    func insertResult(_ result: StoredResult, onePerCandidate: Bool) async throws -> ResultInsertion
    /// Results of one session, or of all sessions when nil, by finish time.
    func results(session number: String?) async throws -> [StoredResult]
    func result(attemptId: String) async throws -> StoredResult?
}

public enum EnteredResultStorage: Sendable, Hashable {
    case inserted
    /// The candidate's earlier typed-in result in the session was replaced by this one.
    case replaced(previous: StoredResult)
    case candidateNotEnrolled
    /// The candidate has a result from a terminal or a rescue file in the session: nothing stored.
    case candidateHasTerminalResult
}

public protocol EnteredResultRepository: Sendable {
    /// Stores a result typed in on the center (`paperAnswers` or `paperMark`) in one transaction: the
    /// candidate's earlier typed-in result in that session, if any, is replaced.
    func storeEnteredResult(_ result: StoredResult) async throws -> EnteredResultStorage
}

/// What checking one result reads, taken together (`ResultRepository.resultContext`).
public struct ResultContext: Sendable, Hashable {
    public var session: CenterSession?
    /// The attempt, whatever its session (the caller compares).
    public var attempt: CenterAttempt?
    /// The enrolment of the attempt's candidate in `session`.
    public var enrolment: Enrolment?
    /// Question ids of the attempt's accepted alerts.
    public var acceptedAlerts: Set<String>

    public init(session: CenterSession?, attempt: CenterAttempt?, enrolment: Enrolment?, acceptedAlerts: Set<String>) {
        self.session = session
        self.attempt = attempt
        self.enrolment = enrolment
        self.acceptedAlerts = acceptedAlerts
    }
}
