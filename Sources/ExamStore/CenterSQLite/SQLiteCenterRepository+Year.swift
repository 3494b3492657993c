import CenterService
import Foundation
import GRDB

/// The establishment's year (issues 13 and 14): session edits, fresh codes, typed-in results, the
/// establishment, export records and the archive purge.
extension SQLiteCenterRepository {
    public func amendSession(number: String, adding: [Enrolment], removing: [String],
                             _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> SessionAmendment {
        try await write("modification de l'épreuve") { db in
            guard let current = try db.session(number: number) else { return .unknownSession }
            let attempts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt WHERE sessionNumber = ?", arguments: [number]) ?? 0
            let results = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE sessionNumber = ?", arguments: [number]) ?? 0
            guard attempts == 0 && results == 0 else { return .started }
            var changed = transform(current)
            changed.number = number
            try SessionRow(changed).update(db)
            for id in removing {
                try db.execute(sql: "DELETE FROM sessionCandidate WHERE sessionNumber = ? AND candidateId = ?", arguments: [number, id])
            }
            for enrolment in adding {
                var added = enrolment
                added.sessionNumber = number
                try EnrolmentRow(added).save(db)
            }
            return .amended(changed)
        }
    }

    public func replaceAccessCodes(session number: String, _ codes: [Enrolment], onePerCandidate: Bool) async throws -> [String] {
        try await write("nouveaux codes d'accès") { db in
            let started = try String.fetchSet(db, sql: onePerCandidate
                ? "SELECT candidateId FROM attempt WHERE sessionNumber = ?"
                : "SELECT a.candidateId FROM attempt a WHERE a.sessionNumber = ? AND NOT EXISTS (SELECT 1 FROM result r WHERE r.attemptId = a.id)",
                arguments: [number])
            var replaced: [String] = []
            for code in codes where !started.contains(code.candidateId) {
                try db.execute(sql: "UPDATE sessionCandidate SET codeSalt = ?, codeHash = ? WHERE sessionNumber = ? AND candidateId = ?",
                               arguments: [code.codeSalt, code.codeHash, number, code.candidateId])
                if db.changesCount == 1 { replaced.append(code.candidateId) }
            }
            return replaced
        }
    }

    public func allEnrolments() async throws -> [Enrolment] {
        try await read("lecture des convocations") { db in try EnrolmentRow.fetchAll(db).map(\.value) }
    }

    public func purgeSessions(numbers: [String]) async throws -> PurgeCount {
        guard !numbers.isEmpty else { return PurgeCount(sessions: 0, results: 0, candidates: 0) }
        return try await write("purge des archives") { db in
            let placeholders = databaseQuestionMarks(count: numbers.count)
            let arguments = StatementArguments(numbers)
            let concerned = try String.fetchSet(db, sql: "SELECT candidateId FROM sessionCandidate WHERE sessionNumber IN (\(placeholders))",
                                                arguments: arguments)
            try db.execute(sql: "DELETE FROM result WHERE sessionNumber IN (\(placeholders))", arguments: arguments)
            let results = db.changesCount
            try db.execute(sql: "DELETE FROM attempt WHERE sessionNumber IN (\(placeholders))", arguments: arguments)
            try db.execute(sql: "DELETE FROM sessionCandidate WHERE sessionNumber IN (\(placeholders))", arguments: arguments)
            try db.execute(sql: "DELETE FROM session WHERE number IN (\(placeholders))", arguments: arguments)
            let sessions = db.changesCount
            var candidates = 0
            for id in concerned.sorted() {
                try db.execute(sql: """
                    DELETE FROM candidate WHERE id = ?
                      AND NOT EXISTS (SELECT 1 FROM sessionCandidate WHERE candidateId = ?)
                      AND NOT EXISTS (SELECT 1 FROM result WHERE candidateId = ?)
                      AND NOT EXISTS (SELECT 1 FROM attempt WHERE candidateId = ?)
                    """, arguments: [id, id, id, id])
                candidates += db.changesCount
            }
            return PurgeCount(sessions: sessions, results: results, candidates: candidates)
        }
    }

    public func storeEnteredResult(_ result: StoredResult) async throws -> EnteredResultStorage {
        try await write("saisie du résultat") { db in
            guard try EnrolmentRow.exists(db, key: ["sessionNumber": result.sessionNumber, "candidateId": result.candidateId]) else {
                return .candidateNotEnrolled
            }
            let existing = try ResultRow
                .filter(Column("sessionNumber") == result.sessionNumber && Column("candidateId") == result.candidateId)
                .fetchAll(db).map(\.value)
            if existing.contains(where: { $0.source.hasTypedOrigin == false }) { return .candidateHasTerminalResult }
            for previous in existing { try ResultRow(previous).delete(db) }
            try ResultRow(result).insert(db)
            return existing.last.map { .replaced(previous: $0) } ?? .inserted
        }
    }

    public func establishment() async throws -> CenterEstablishment? {
        try await read("lecture de l'établissement") { db in
            guard let text = try String.fetchOne(db, sql: "SELECT data FROM establishment WHERE id = 1") else { return nil }
            do {
                return try JSONDecoder().decode(CenterEstablishment.self, from: Data(text.utf8))
            } catch {
                throw CenterError.unreadableRow(table: "establishment", id: "1", column: "data")
            }
        }
    }

    public func saveEstablishment(_ establishment: CenterEstablishment) async throws {
        let text = try jsonText(establishment)
        try await write("enregistrement de l'établissement") { db in
            try db.execute(sql: """
                INSERT INTO establishment (id, data) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data
                """, arguments: [text])
        }
    }

    public func recordExport(_ record: ExportRecord) async throws {
        let sessions = try jsonText(record.sessions)
        try await write("enregistrement de l'export") { db in
            try db.execute(sql: "INSERT INTO exportRecord (writtenAt, path, sha256, sessions) VALUES (?, ?, ?, ?)",
                           arguments: [record.writtenAt, record.path, record.sha256, sessions])
        }
    }

    public func exportRecords() async throws -> [ExportRecord] {
        try await read("lecture des exports") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM exportRecord ORDER BY id").map { row in
                let read = ColumnReader(row, table: "exportRecord", id: "id")
                return ExportRecord(writtenAt: try read("writtenAt"), path: try read("path"), sha256: try read("sha256"),
                                    sessions: try read.json("sessions"))
            }
        }
    }
}
