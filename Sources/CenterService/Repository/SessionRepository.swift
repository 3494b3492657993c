public enum SessionInsertion: Sendable, Hashable {
    case inserted
    /// Another session has this number: nothing was stored, the caller draws another.
    case numberTaken
}

public protocol SessionRepository: Sendable {
    /// Every session, latest start first.
    func sessions() async throws -> [CenterSession]
    func session(number: String) async throws -> CenterSession?
    /// The session and its enrolments in one transaction.
    func insertSession(_ session: CenterSession, enrolments: [Enrolment]) async throws -> SessionInsertion
    /// The session's enrolments (codes' hashes), in no particular order.
    func enrolments(session number: String) async throws -> [Enrolment]
    /// One candidate's enrolment in the session, found by key (each result needs it: never a scan).
    func enrolment(session number: String, candidate id: String) async throws -> Enrolment?
    /// The session's enrolments with their candidates, by class, last name, first name.
    func enrolledCandidates(session number: String) async throws -> [EnrolledCandidate]
    /// Replaces one enrolment by `transform` of it in one transaction (the session and candidate
    /// stay); nil when the candidate is not enrolled.
    func updateEnrolment(session number: String, candidate id: String,
                         _ transform: @escaping @Sendable (Enrolment) -> Enrolment) async throws -> Enrolment?
    /// Replaces the session by `transform` of it in one transaction (its number stays); nil when unknown.
    func updateSession(number: String, _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> CenterSession?
    /// Deletes a session with its enrolments, attempts and results, in one transaction; false when unknown.
    func deleteSession(number: String) async throws -> Bool
}
