import ExamKit
import Foundation
import GRDB

/// Local profiles (a first name, no password) and their practice history, in the terminal store.
extension TerminalStore {
    /// First names, in the order they were first typed.
    public func practiceProfiles() throws -> [String] {
        try StoreError.wrap("profils") {
            try database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM practiceProfile ORDER BY createdAt, rowid")
            }
        }
    }

    /// Adds a profile; a name already known (any case) is kept as it was first typed. Returns the stored name.
    @discardableResult
    public func addPracticeProfile(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError("profil : prénom vide") }
        let now = clock.now()
        return try StoreError.wrap("profils") {
            try database.write { db in
                if let known = try String.fetchOne(db, sql: "SELECT name FROM practiceProfile WHERE name = ? COLLATE NOCASE",
                                                   arguments: [trimmed]) {
                    return known
                }
                try db.execute(sql: "INSERT INTO practiceProfile (name, createdAt) VALUES (?, ?)", arguments: [trimmed, now])
                return trimmed
            }
        }
    }

    /// Records a finished session (its profile is created if needed); `finishedAt` defaults to now.
    @discardableResult
    public func recordPractice(_ entry: PracticeResult) throws -> Int64 {
        let profile = try addPracticeProfile(entry.profileName)
        let finishedAt = entry.finishedAt ?? clock.now()
        return try StoreError.wrap("historique") {
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO practiceResult (profile, mode, bank, questions, "right", durationMs, passed, finishedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [profile, entry.mode.rawValue, entry.bank, entry.questions, entry.right, entry.durationMs,
                                     entry.passed, finishedAt])
                let id = db.lastInsertedRowID
                for stat in entry.themes {
                    try db.execute(sql: "INSERT INTO practiceThemeResult (resultId, theme, questions, \"right\") VALUES (?, ?, ?, ?)",
                                   arguments: [id, stat.theme, stat.questions, stat.right])
                }
                return id
            }
        }
    }

    /// Sessions, oldest first, of one profile (any case) or of all.
    public func practiceHistory(profile: String? = nil) throws -> [PracticeResult] {
        try StoreError.wrap("historique") {
            try database.read { db in
                var sql = "SELECT * FROM practiceResult"
                var arguments: StatementArguments = []
                if let profile {
                    sql += " WHERE profile = ? COLLATE NOCASE"
                    arguments = [profile]
                }
                let rows = try Row.fetchAll(db, sql: sql + " ORDER BY finishedAt, id", arguments: arguments)
                return try rows.map { row in
                    let id: Int64 = row["id"]
                    let themes = try Row.fetchAll(db, sql: "SELECT * FROM practiceThemeResult WHERE resultId = ? ORDER BY rowid",
                                                  arguments: [id])
                        .map { ThemeStat(theme: $0["theme"], questions: $0["questions"], right: $0["right"]) }
                    let modeName: String = row["mode"]
                    guard let mode = PracticeResult.Mode(rawValue: modeName) else {
                        throw StoreError("table practiceResult, ligne \(id) : mode « \(modeName) » inconnu (donnée corrompue)")
                    }
                    return PracticeResult(
                        mode: mode, profileName: row["profile"], bank: row["bank"], questions: row["questions"],
                        right: row["right"], durationMs: row["durationMs"], passed: row["passed"], themes: themes,
                        finishedAt: row["finishedAt"])
                }
            }
        }
    }
}

/// The practice history's own migration, registered after the terminal's first schema.
enum PracticeHistorySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("practice-history-v1") { db in
            try db.create(table: "practiceProfile") { t in
                t.primaryKey("name", .text).collate(.nocase)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "practiceResult") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("profile", .text).notNull().references("practiceProfile", onDelete: .cascade)
                t.column("mode", .text).notNull()
                t.column("bank", .text).notNull()
                t.column("questions", .integer).notNull()
                t.column("right", .integer).notNull()
                t.column("durationMs", .integer).notNull()
                t.column("passed", .boolean)
                t.column("finishedAt", .datetime).notNull()
            }
            try db.create(table: "practiceThemeResult") { t in
                t.column("resultId", .integer).notNull().references("practiceResult", onDelete: .cascade)
                t.column("theme", .text).notNull()
                t.column("questions", .integer).notNull()
                t.column("right", .integer).notNull()
            }
        }
    }
}
