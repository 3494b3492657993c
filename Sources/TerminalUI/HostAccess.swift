import ExamKit

/// What the host reads from the interface to keep the journal current between events
/// (the time left is saved every second and on SIGTERM, so a crash costs at most a second).
extension TerminalApp {
    /// The attempt running on screen, if any: its id and a snapshot at `now`.
    public func runningAttempt(at now: MonotonicInstant) -> (attemptId: String, snapshot: AttemptSnapshot)? {
        guard let grant, let attempt, !attempt.isFinished, attempt.phase != .notStarted else { return nil }
        return (grant.attemptId, attempt.snapshot(at: now))
    }
}
