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

/// French sentences the host needs (they live with every other word, in `Strings`).
public enum HostMessages {
    public static func notStarted(_ startsAt: String) -> String { Strings.examNotStarted(startsAt) }
    public static var finished: String { Strings.examFinished }
    public static var unknownExam: String { Strings.examUnknown }
}
