import ExamKit
import Foundation

/// Whose wrong codes are counted. Today: one terminal's access codes (DESIGN §7); later issues add
/// surveillant codes per session and per client address.
public enum ThrottleKey: Sendable, Hashable {
    case terminal(String)
}

public protocol ThrottleRepository: Sendable {
    /// The key's counter, or a fresh one when nothing was recorded.
    func throttle(_ key: ThrottleKey) async throws -> LoginThrottle
    /// Replaces the key's counter by `transform` of it inside one write transaction, so concurrent
    /// failures all count; returns what was stored. `now` dates the change.
    func updateThrottle(_ key: ThrottleKey, now: Date,
                        _ transform: @escaping @Sendable (LoginThrottle) -> LoginThrottle) async throws -> LoginThrottle
    /// What a code check reads before it compares the code, in one read (a login makes several
    /// round trips to the database already): the current window of each of `windows` (nil when none
    /// or when the window is over), in order, and the counter of `terminal`.
    func codeGuardReading(windows keys: [String], terminal: ThrottleKey, now: Date, length: TimeInterval) async throws -> CodeGuardReading
    /// Counts one failure in the key's window, in one transaction: a window older than `length` starts
    /// again at `now`. Returns the window after the failure.
    func recordFailure(_ key: String, now: Date, length: TimeInterval) async throws -> FailureWindow
}

/// The counters a code check reads first (`ThrottleRepository.codeGuardReading`).
public struct CodeGuardReading: Sendable, Hashable {
    public var windows: [FailureWindow?]
    public var terminal: LoginThrottle

    public init(windows: [FailureWindow?], terminal: LoginThrottle) {
        self.windows = windows
        self.terminal = terminal
    }
}

/// Wrong codes counted over a fixed window (per session, per client address).
public struct FailureWindow: Sendable, Hashable {
    public var start: Date
    public var failures: Int

    public init(start: Date, failures: Int) {
        self.start = start
        self.failures = failures
    }
}
