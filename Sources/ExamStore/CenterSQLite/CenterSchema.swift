import ExamKit
import Foundation
import GRDB

/// A pupil registered at the center.
public struct CandidateRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "candidate"
    public var id: String
    public var ine: String?
    public var lastName: String
    public var firstName: String
    /// ISO date, yyyy-MM-dd.
    public var birthDate: String
    public var className: String
    public var sex: String
    public var attestation: String
    public var siecle: Bool
    public var extraTime: Bool

    public init(id: String, ine: String?, lastName: String, firstName: String, birthDate: String, className: String,
                sex: String, attestation: String, siecle: Bool, extraTime: Bool) {
        self.id = id
        self.ine = ine
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.className = className
        self.sex = sex
        self.attestation = attestation
        self.siecle = siecle
        self.extraTime = extraTime
    }

    /// "Lily ALEXANDRE"
    public var displayName: String { "\(firstName) \(lastName.uppercased())" }
}

/// An exam or training session ("épreuve").
public struct SessionRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
    public var number: String
    public var kind: SessionKind
    public var profileId: String
    public var name: String
    public var startsAt: Date
    public var place: String?
    public var timed: Bool
    public var alwaysActive: Bool
    /// Seeds the candidates' question orders (DESIGN §7).
    public var seed: String
    /// Signs result envelopes (HMAC-SHA256); handed to terminals at login.
    public var resultKey: String
    public var surveillantSalt: String
    public var surveillantHash: String
    /// Question ids in the session's canonical order, JSON array.
    public var questionIds: String
    public var contentDigest: String
    public var createdAt: Date

    public var window: SessionWindow { SessionWindow(kind: kind, start: startsAt, alwaysActive: alwaysActive) }

    public var questionIdList: [String] {
        (try? JSONDecoder().decode([String].self, from: Data(questionIds.utf8))) ?? []
    }
}

/// A candidate called to a session, with the hash of their access code.
public struct SessionCandidateRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sessionCandidate"
    public var sessionNumber: String
    public var candidateId: String
    public var codeSalt: String
    public var codeHash: String
    public var extraTime: Bool
    /// Only for the demo sessions, whose codes are public (README, DESIGN §9).
    public var demoCode: String?
}

/// An attempt opened by a successful login.
public struct AttemptRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "attempt"
    public var id: String
    public var sessionNumber: String
    public var candidateId: String
    public var terminalId: String
    public var openedAt: Date
}

/// A stored result: the envelope as received and the score the center recomputed itself.
public struct ResultRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "result"
    public var attemptId: String
    public var sessionNumber: String
    public var candidateId: String
    public var terminalId: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Selected letters per question id, JSON object.
    public var answers: String
    /// SHA-256 of the canonical envelope: the same attempt with other content is a conflict.
    public var contentHash: String
    public var envelope: String
    public var score: Int
    public var questionCount: Int
    public var passed: Bool
    public var source: String
    public var storedAt: Date
}

/// Consecutive wrong codes per terminal (DESIGN §7).
struct ThrottleRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "loginThrottle"
    var terminalId: String
    var consecutiveFailures: Int
    var lockCount: Int
    var lockedUntil: Date?
}

enum CenterSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "candidate") { t in
                t.primaryKey("id", .text)
                t.column("ine", .text).unique()
                t.column("lastName", .text).notNull()
                t.column("firstName", .text).notNull()
                t.column("birthDate", .text).notNull()
                t.column("className", .text).notNull()
                t.column("sex", .text).notNull()
                t.column("attestation", .text).notNull()
                t.column("siecle", .boolean).notNull()
                t.column("extraTime", .boolean).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("number", .text)
                t.column("kind", .text).notNull()
                t.column("profileId", .text).notNull()
                t.column("name", .text).notNull()
                t.column("startsAt", .datetime).notNull()
                t.column("place", .text)
                t.column("timed", .boolean).notNull()
                t.column("alwaysActive", .boolean).notNull()
                t.column("seed", .text).notNull()
                t.column("resultKey", .text).notNull()
                t.column("surveillantSalt", .text).notNull()
                t.column("surveillantHash", .text).notNull()
                t.column("questionIds", .text).notNull()
                t.column("contentDigest", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "sessionCandidate") { t in
                t.column("sessionNumber", .text).notNull().references("session", onDelete: .cascade)
                t.column("candidateId", .text).notNull().references("candidate")
                t.column("codeSalt", .text).notNull()
                t.column("codeHash", .text).notNull()
                t.column("extraTime", .boolean).notNull()
                t.column("demoCode", .text)
                t.primaryKey(["sessionNumber", "candidateId"])
            }
            try db.create(table: "attempt") { t in
                t.primaryKey("id", .text)
                t.column("sessionNumber", .text).notNull().references("session")
                t.column("candidateId", .text).notNull().references("candidate")
                t.column("terminalId", .text).notNull()
                t.column("openedAt", .datetime).notNull()
            }
            try db.create(table: "result") { t in
                t.primaryKey("attemptId", .text)
                t.column("sessionNumber", .text).notNull().references("session")
                t.column("candidateId", .text).notNull().references("candidate")
                t.column("terminalId", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime).notNull()
                t.column("answers", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("envelope", .text).notNull()
                t.column("score", .integer).notNull()
                t.column("questionCount", .integer).notNull()
                t.column("passed", .boolean).notNull()
                t.column("source", .text).notNull()
                t.column("storedAt", .datetime).notNull()
            }
            try db.create(index: "resultBySession", on: "result", columns: ["sessionNumber", "candidateId"])
            try db.create(table: "loginThrottle") { t in
                t.primaryKey("terminalId", .text)
                t.column("consecutiveFailures", .integer).notNull()
                t.column("lockCount", .integer).notNull()
                t.column("lockedUntil", .datetime)
            }
        }
        return migrator
    }
}
