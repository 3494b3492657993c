import CenterService
import ExamKit
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func throttle(_ key: ThrottleKey) async throws -> LoginThrottle {
        try await read("lecture du compteur de codes") { db in
            try db.throttle(key)
        }
    }

    public func updateThrottle(_ key: ThrottleKey, now: Date,
                               _ transform: @escaping @Sendable (LoginThrottle) -> LoginThrottle) async throws -> LoginThrottle {
        try await write("compteur de codes") { db in
            let current = try db.throttle(key)
            let next = transform(current)
            // An unchanged counter (a right code on a clean terminal) writes nothing.
            if next != current { try ThrottleRow(key: key.storageKey, value: next, updatedAt: now).save(db) }
            return next
        }
    }

    public func codeGuardReading(windows keys: [String], terminal: ThrottleKey, now: Date,
                                 length: TimeInterval) async throws -> CodeGuardReading {
        try await read("lecture du compteur de codes") { db in
            let windows = try keys.map { key -> FailureWindow? in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT windowStart, failures FROM throttleWindow WHERE key = ?"),
                                                 arguments: [key]) else { return nil }
                let read = ColumnReader(row, table: "throttleWindow", id: "windowStart")
                let window = FailureWindow(start: try read("windowStart"), failures: try read("failures"))
                return now.timeIntervalSince(window.start) < length ? window : nil
            }
            return CodeGuardReading(windows: windows, terminal: try db.throttle(terminal))
        }
    }

    public func recordFailure(_ key: String, now: Date, length: TimeInterval) async throws -> FailureWindow {
        try await write("compteur de codes") { db in
            var window = FailureWindow(start: now, failures: 1)
            if let row = try Row.fetchOne(db, sql: "SELECT windowStart, failures FROM throttleWindow WHERE key = ?", arguments: [key]) {
                let read = ColumnReader(row, table: "throttleWindow", id: "windowStart")
                let stored = FailureWindow(start: try read("windowStart"), failures: try read("failures"))
                if now.timeIntervalSince(stored.start) < length { window = FailureWindow(start: stored.start, failures: stored.failures + 1) }
            }
            try db.execute(sql: """
                INSERT INTO throttleWindow (key, windowStart, failures) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET windowStart = excluded.windowStart, failures = excluded.failures
                """, arguments: [key, window.start, window.failures])
            return window
        }
    }
}
