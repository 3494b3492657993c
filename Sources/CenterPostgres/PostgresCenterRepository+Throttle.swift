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

    /// One statement for the windows and the terminal's counter: one round trip, not three.
    public func codeGuardReading(windows keys: [String], terminal: ThrottleKey, now: Date,
                                 length: TimeInterval) async throws -> CodeGuardReading {
        let found = try await rows("lecture du compteur de codes", """
            SELECT key, window_start, failures, NULL::integer AS consecutive_failures, NULL::integer AS lock_count,
                   NULL::timestamptz AS locked_until, false AS is_terminal
              FROM throttle_window WHERE key = ANY(\(keys))
            UNION ALL
            SELECT key, NULL, NULL, consecutive_failures, lock_count, locked_until, true
              FROM login_throttle WHERE key = \(terminal.storageKey)
            """)
        var windows: [String: FailureWindow] = [:]
        var counter = LoginThrottle()
        for row in found {
            let read = ColumnReader(row, table: "throttle_window", id: "key")
            if try read("is_terminal") as Bool {
                counter = try Rows.throttle(row)
            } else {
                windows[try read("key")] = try Self.window(row)
            }
        }
        return CodeGuardReading(windows: keys.map { key in windows[key].flatMap { now.timeIntervalSince($0.start) < length ? $0 : nil } },
                                terminal: counter)
    }

    /// One upsert statement, atomic on its own: `ON CONFLICT DO UPDATE` locks the key's row and
    /// computes from its latest version, so concurrent failures all count, and a window older than
    /// `length` starts again at `now` (`excluded.window_start`).
    public func recordFailure(_ key: String, now: Date, length: TimeInterval) async throws -> FailureWindow {
        let stored = try await rows("compteur de codes", """
            INSERT INTO throttle_window AS w (key, window_start, failures) VALUES (\(key), \(now), 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN extract(epoch FROM excluded.window_start - w.window_start) < \(length)
                                    THEN w.window_start ELSE excluded.window_start END,
                failures = CASE WHEN extract(epoch FROM excluded.window_start - w.window_start) < \(length)
                                THEN w.failures + 1 ELSE 1 END
            RETURNING *
            """)
        guard let row = stored.first else { throw CenterError("compteur de codes : rien n'a été enregistré") }
        return try Self.window(row)
    }

    static func window(_ row: PostgresRow) throws -> FailureWindow {
        let read = ColumnReader(row, table: "throttle_window", id: "key")
        return FailureWindow(start: try read("window_start"), failures: try read("failures"))
    }
}
