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
    /// The enrolments a typed code may be, with their candidates (the login's package needs them: one
    /// read, not two): those whose hash under the session's shared salt is `codeHash` (an indexed
    /// read); when there is none, those with a salt of their own (codes made before codes shared a
    /// salt), for the caller to compare one by one.
    func enrolledCandidates(session number: String, codeHash: String, sharedSalt: String) async throws -> [EnrolledCandidate]
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

public enum SessionAmendment: Sendable, Hashable {
    case amended(CenterSession)
    case unknownSession
    /// A candidate has opened an attempt or has a result: nothing was changed.
    case started
}

/// Numbers of what `purgeSessions` deleted.
public struct PurgeCount: Sendable, Hashable {
    public var sessions: Int
    public var results: Int
    public var candidates: Int

    public init(sessions: Int, results: Int, candidates: Int) {
        self.sessions = sessions
        self.results = results
        self.candidates = candidates
    }
}

/// The session repository's year-long operations (issues 13 and 14).
public protocol SessionEditing: Sendable {
    /// In one transaction, unless a candidate has an attempt or a result in the session: replaces the
    /// session by `transform` of it (its number stays), adds the enrolments `adding` and removes
    /// those of the candidates `removing`.
    func amendSession(number: String, adding: [Enrolment], removing: [String],
                      _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> SessionAmendment
    /// Replaces the access codes (salt and hash) of the given enrolments of one session in one
    /// transaction, except for candidates who have opened an attempt there (any attempt when
    /// `onePerCandidate`, else only a running one, without result). Returns the candidates whose code
    /// changed.
    func replaceAccessCodes(session number: String, _ codes: [Enrolment], onePerCandidate: Bool) async throws -> [String]
    /// Every enrolment of every session, in no particular order.
    func allEnrolments() async throws -> [Enrolment]
    /// Deletes the sessions with their enrolments, attempts and results, then the candidates they
    /// leave enrolled nowhere, in one transaction.
    func purgeSessions(numbers: [String]) async throws -> PurgeCount
}
