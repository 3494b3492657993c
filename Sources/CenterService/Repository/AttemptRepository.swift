public enum AttemptOpening: Sendable, Hashable {
    /// The candidate had no unfinished attempt in the session: the given one was stored.
    case opened(CenterAttempt)
    /// The candidate's unfinished attempt in the session (the latest opened, one with no result),
    /// stored earlier: the terminal resumes it; nothing was stored.
    case resumed(CenterAttempt)
    /// Asked for one result per candidate and the candidate has one in the session: nothing stored.
    case candidateHasResult
}

public protocol AttemptRepository: Sendable {
    /// Resumes or opens the candidate's attempt, in one transaction: concurrent logins of one
    /// candidate yield one attempt.
    func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening
    func attempt(id: String) async throws -> CenterAttempt?
}
