import ExamKit
import Foundation

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
    /// The candidate's unfinished attempt in the session (the latest opened), if any.
    func openAttempt(session number: String, candidate id: String) async throws -> CenterAttempt?
    /// Every attempt of the session, finished or not, by opening time.
    func attempts(session number: String) async throws -> [CenterAttempt]
    /// Keeps where a running attempt stands, in one transaction, if it still belongs to `terminalId`
    /// and has no result; `at` dates it (« vu il y a … »). An attempt the surveillant ended answers
    /// `stopRequested` (the progress is kept all the same).
    func recordProgress(attemptId: String, terminalId: String, progress: AttemptSnapshot, at: Date) async throws -> ProgressRecording
    /// Moves an open attempt to the terminal `to` if it still belongs to `from` (compare and set, one
    /// transaction); the transfer authorisation is used up. False when it moved meanwhile or is over.
    func moveAttempt(id: String, from: String, to: String, at: Date) async throws -> Bool
    /// Lets (or no longer lets) the candidate's next login from another terminal take the attempt over.
    /// False when the attempt is unknown or over.
    func authorizeTransfer(attemptId: String, _ authorized: Bool) async throws -> Bool
}

public enum ProgressRecording: Sendable, Hashable {
    case recorded
    /// Kept, and the surveillant ended the attempt from the console for this reason: the terminal stops.
    case stopRequested(reason: String)
    /// The attempt runs on another terminal now: nothing was kept.
    case movedElsewhere
    /// The attempt has a result: nothing was kept.
    case finished
    case unknownAttempt
}
