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
}
