import GRDB

/// The center's tables. "v1" is the first schema, kept as it was for existing center.sqlite files;
/// every change is a new migration.
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
        migrator.registerMigration("v2: attempt lookup, throttle dates") { db in
            // Every login looks for the candidate's open attempt in the session.
            try db.create(index: "attemptBySessionCandidate", on: "attempt", columns: ["sessionNumber", "candidateId"])
            // When a counter last changed: a later purge removes stale ones.
            try db.alter(table: "loginThrottle") { t in t.add(column: "updatedAt", .datetime) }
        }
        migrator.registerMigration("v3: integrity") { db in
            try db.alter(table: "session") { t in t.add(column: "surveillantCheck", .text) }
            try db.alter(table: "attempt") { t in
                t.add(column: "progress", .text)
                t.add(column: "progressAt", .datetime)
                t.add(column: "transferAuthorized", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "result") { t in t.add(column: "stopReason", .text) }
            try db.create(table: "centerKey") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("privateKey", .text).notNull()
            }
            try db.create(table: "throttleWindow") { t in
                t.primaryKey("key", .text)
                t.column("windowStart", .datetime).notNull()
                t.column("failures", .integer).notNull()
            }
        }
        migrator.registerMigration("v4: the establishment's year") { db in
            try db.alter(table: "session") { t in
                t.add(column: "medium", .text).notNull().defaults(to: "terminal")
                t.add(column: "themeIds", .text)
                t.add(column: "additionalText", .text)
                t.add(column: "rattrapageOf", .text)
            }
            try db.create(table: "establishment") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("data", .text).notNull()
            }
            try db.create(table: "exportRecord") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("writtenAt", .datetime).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("sessions", .text).notNull()
            }
            // Every candidate list looks enrolments up by candidate.
            try db.create(index: "enrolmentByCandidate", on: "sessionCandidate", columns: ["candidateId"])
        }
        migrator.registerMigration("v5: supervision") { db in
            try db.alter(table: "session") { t in
                t.add(column: "requiresPresence", .boolean).notNull().defaults(to: false)
                t.add(column: "closedAt", .datetime)
            }
            try db.alter(table: "sessionCandidate") { t in t.add(column: "presenceConfirmedAt", .datetime) }
            try db.alter(table: "attempt") { t in
                t.add(column: "stopReason", .text)
                t.add(column: "stoppedAt", .datetime)
            }
            try db.alter(table: "result") { t in t.add(column: "neutralized", .text).notNull().defaults(to: "[]") }
            try db.create(table: "alert") { t in
                t.primaryKey("id", .text)
                t.column("sessionNumber", .text).notNull().references("session")
                t.column("attemptId", .text).notNull().references("attempt")
                t.column("candidateId", .text).notNull()
                t.column("questionId", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("raisedAt", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("decidedAt", .datetime)
                t.uniqueKey(["attemptId", "questionId"])
            }
            try db.create(index: "alertBySession", on: "alert", columns: ["sessionNumber"])
            try db.create(table: "sessionLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sessionNumber", .text).notNull().references("session")
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("candidateId", .text)
                t.column("detail", .text).notNull()
            }
            try db.create(index: "sessionLogBySession", on: "sessionLog", columns: ["sessionNumber"])
        }
        migrator.registerMigration("v6: reading aloud, access codes by hash") { db in
            try db.alter(table: "candidate") { t in t.add(column: "readsAloud", .boolean).notNull().defaults(to: false) }
            // A login finds its enrolment by the typed code's hash under the session's salt.
            try db.create(index: "enrolmentByCode", on: "sessionCandidate", columns: ["sessionNumber", "codeHash"])
        }
        return migrator
    }
}
