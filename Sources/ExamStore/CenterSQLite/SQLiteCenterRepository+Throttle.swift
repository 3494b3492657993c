import CenterService
import ExamKit
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func throttle(_ key: ThrottleKey) async throws -> LoginThrottle {
        try await read("lecture du compteur de codes") { db in
            try ThrottleRow.fetchOne(db, key: key.storageKey)?.value ?? LoginThrottle()
        }
    }

    public func updateThrottle(_ key: ThrottleKey, now: Date,
                               _ transform: @escaping @Sendable (LoginThrottle) -> LoginThrottle) async throws -> LoginThrottle {
        try await write("compteur de codes") { db in
            let current = try ThrottleRow.fetchOne(db, key: key.storageKey)?.value ?? LoginThrottle()
            let next = transform(current)
            // An unchanged counter (a right code on a clean terminal) writes nothing.
            if next != current { try ThrottleRow(key: key.storageKey, value: next, updatedAt: now).save(db) }
            return next
        }
    }
}
