import Foundation

/// What the surveillant's console reads and does (DESIGN §12), and the candidate's side of it: alerts
/// and the wait for the presence confirmation.
public protocol SupervisionRepository: Sendable {
    /// The session with its candidates, attempts, results (summaries) and alerts, in ONE read
    /// transaction: the console never shows an attempt and a result of two different moments.
    /// Nil when no session has this number.
    func supervision(session number: String) async throws -> SupervisionData?
    /// Applies one surveillant action to `log.sessionNumber` and appends `log` to the session's log, in
    /// one transaction. False when the action no longer applies (unknown candidate, attempt over or
    /// unknown, alert already decided, session already closed): then nothing is written.
    func supervise(_ action: SupervisionAction, log: SessionLogEntry) async throws -> Bool
    /// The session's log, oldest first.
    func sessionLog(session number: String) async throws -> [SessionLogEntry]
    /// Stores an alert once per attempt and question, in one transaction: a repeated alert returns the
    /// one stored first and stores nothing.
    func raiseAlert(_ alert: CandidateAlert) async throws -> CandidateAlert
    /// The session's alerts, oldest first.
    func alerts(session number: String) async throws -> [CandidateAlert]
    /// A terminal waiting for the surveillant: notes that it was heard from (`at`) when the attempt still
    /// runs there, and says whether the candidate's presence is confirmed. One transaction.
    func pollPresence(attemptId: String, terminalId: String, at: Date) async throws -> PresencePoll
    /// Replaces a stored result by `rescore` of it and of the attempt's accepted alerts' question ids,
    /// read in the same transaction (so a decision and a result arriving together end up counted).
    /// Nil when the attempt has no result.
    func rescoreResult(attemptId: String,
                       _ rescore: @escaping @Sendable (StoredResult, Set<String>) -> StoredResult) async throws -> StoredResult?
}
