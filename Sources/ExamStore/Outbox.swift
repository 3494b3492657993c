import ExamKit
import Foundation
import GRDB

/// Whether the center acknowledged a result.
public enum OutboxState: String, Codable, Sendable, Hashable, DatabaseValueConvertible {
    case pending
    case delivered
    /// The attempt went on on another terminal: this result does not count and is not sent.
    case superseded
}

/// A result waiting for the center's acknowledgement. Kept until acknowledged; survives restarts.
public struct OutboxRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "outbox"
    public var attemptId: String
    public var examNumber: String
    public var candidateId: String
    /// The signed envelope, exactly as a rescue file would hold it.
    public var envelope: String
    public var tries: Int
    public var lastError: String?
    public var state: OutboxState
    public var nextTryAt: Date
    public var createdAt: Date
    public var deliveredAt: Date?

    public func decodedEnvelope() throws -> ResultEnvelope {
        try StoreError.decode(ResultEnvelope.self, from: envelope, table: Self.databaseTableName, id: attemptId, column: "envelope")
    }
}

extension TerminalStore {
    public func outbox() throws -> [OutboxRecord] {
        try database.read { db in try OutboxRecord.order(Column("createdAt")).fetchAll(db) }
    }

    public func outboxEntry(attemptId: String) throws -> OutboxRecord? {
        try database.read { db in try OutboxRecord.fetchOne(db, key: attemptId) }
    }

    public func undelivered() throws -> [OutboxRecord] {
        try database.read { db in
            try OutboxRecord.filter(Column("state") == OutboxState.pending).order(Column("createdAt")).fetchAll(db)
        }
    }

    /// Undelivered results with the key of the center their rescue files are sealed to (none for
    /// packages of the first version).
    public func undeliveredForRescue() throws -> [(envelope: ResultEnvelope, centerPublicKey: String?)] {
        try database.read { db in
            try OutboxRecord.filter(Column("state") == OutboxState.pending).order(Column("createdAt")).fetchAll(db).map { entry in
                let package = try LocalAttemptRecord.fetchOne(db, key: entry.attemptId)?.decodedPackage()
                return (try entry.decodedEnvelope(), package?.centerPublicKey)
            }
        }
    }

    public func markDelivered(attemptId: String) throws {
        try StoreError.wrap("file d'envoi") {
            try database.write { db in
                try db.execute(sql: "UPDATE outbox SET state = ?, deliveredAt = ?, tries = tries + 1, lastError = NULL WHERE attemptId = ?",
                               arguments: [OutboxState.delivered, clock.now(), attemptId])
            }
        }
    }

    public func markFailed(attemptId: String, error: String, nextTryAt: Date) throws {
        try StoreError.wrap("file d'envoi") {
            try database.write { db in
                try db.execute(sql: "UPDATE outbox SET tries = tries + 1, lastError = ?, nextTryAt = ? WHERE attemptId = ? AND state = ?",
                               arguments: [error, nextTryAt, attemptId, OutboxState.pending])
            }
        }
    }
}
