import ExamKit
import Foundation
import GRDB

/// One practice or self-test session of a local profile, with its per-theme statistics.
public struct PracticeHistoryEntry: Sendable, Hashable {
    public var id: Int64?
    public var profile: String
    /// "entrainement" or "autotest".
    public var mode: String
    /// The bank's label ("ASSR1").
    public var bank: String
    public var questions: Int
    public var right: Int
    public var durationMs: Int
    /// Self-tests only.
    public var passed: Bool?
    public var finishedAt: Date
    public var themes: [ThemeStat]

    public init(id: Int64? = nil, profile: String, mode: String, bank: String, questions: Int, right: Int, durationMs: Int,
                passed: Bool?, finishedAt: Date, themes: [ThemeStat]) {
        self.id = id
        self.profile = profile
        self.mode = mode
        self.bank = bank
        self.questions = questions
        self.right = right
        self.durationMs = durationMs
        self.passed = passed
        self.finishedAt = finishedAt
        self.themes = themes
    }
}

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
    public func recordPractice(_ entry: PracticeHistoryEntry) throws -> Int64 {
        let profile = try addPracticeProfile(entry.profile)
        return try StoreError.wrap("historique") {
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO practiceResult (profile, mode, bank, questions, "right", durationMs, passed, finishedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [profile, entry.mode, entry.bank, entry.questions, entry.right, entry.durationMs,
                                     entry.passed, entry.finishedAt])
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
    public func practiceHistory(profile: String? = nil) throws -> [PracticeHistoryEntry] {
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
                    return PracticeHistoryEntry(
                        id: id, profile: row["profile"], mode: row["mode"], bank: row["bank"], questions: row["questions"],
                        right: row["right"], durationMs: row["durationMs"], passed: row["passed"], finishedAt: row["finishedAt"],
                        themes: themes)
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
