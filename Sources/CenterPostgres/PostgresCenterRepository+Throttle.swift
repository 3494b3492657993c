import CenterService
import ExamKit
import Foundation
import PostgresNIO

extension PostgresCenterRepository {
    public func throttle(_ key: ThrottleKey) async throws -> LoginThrottle {
        try await rows("lecture du compteur de codes", "SELECT * FROM login_throttle WHERE key = \(key.storageKey)")
            .first.map { try Rows.throttle($0) } ?? LoginThrottle()
    }

    /// Under the counter's lock, which exists before its row does: concurrent failures all count.
    public func updateThrottle(_ key: ThrottleKey, now: Date,
                               _ transform: @escaping @Sendable (LoginThrottle) -> LoginThrottle) async throws -> LoginThrottle {
        try await transaction("compteur de codes") { transaction in
            let storageKey = key.storageKey
            try await transaction.lock(.throttle(storageKey))
            let current = try await transaction.rows("SELECT * FROM login_throttle WHERE key = \(storageKey)")
                .first.map { try Rows.throttle($0) } ?? LoginThrottle()
            let next = transform(current)
            // An unchanged counter (a right code on a clean terminal) writes nothing.
            if next != current {
                try await transaction.run("""
                    INSERT INTO login_throttle (key, consecutive_failures, lock_count, locked_until, updated_at)
                    VALUES (\(storageKey), \(next.consecutiveFailures), \(next.lockCount), \(next.lockedUntil), \(now))
                    ON CONFLICT (key) DO UPDATE SET consecutive_failures = excluded.consecutive_failures,
                        lock_count = excluded.lock_count, locked_until = excluded.locked_until, updated_at = excluded.updated_at
                    """)
            }
            return next
        }
    }
}
