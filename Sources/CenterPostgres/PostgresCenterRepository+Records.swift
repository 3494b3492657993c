import CenterService
import Foundation
import PostgresNIO

/// Typed-in results, the establishment and the export records on PostgreSQL.
extension PostgresCenterRepository {
    /// Under the candidate-in-session lock `insertResult` takes, with the enrolment read `FOR SHARE`:
    /// a result from a terminal stored meanwhile is seen, and wins.
    public func storeEnteredResult(_ result: StoredResult) async throws -> EnteredResultStorage {
        let insert = Self.insertQuery(result)
        return try await transaction("saisie du résultat") { transaction in
            let session = result.sessionNumber, candidate = result.candidateId
            guard try await Self.lockEnrolment(of: result, transaction) else { return .candidateNotEnrolled }
            let existing = try await transaction.rows("""
                SELECT * FROM result WHERE session_number = \(session) AND candidate_id = \(candidate) ORDER BY stored_at
                """).map { try Rows.result($0) }
            if existing.contains(where: { !$0.source.hasTypedOrigin }) { return .candidateHasTerminalResult }
            try await transaction.run("DELETE FROM result WHERE session_number = \(session) AND candidate_id = \(candidate)")
            _ = try await transaction.rows(insert)
            return existing.last.map { .replaced(previous: $0) } ?? .inserted
        }
    }

    public func establishment() async throws -> CenterEstablishment? {
        guard let row = try await rows("lecture de l'établissement", "SELECT id, data FROM establishment WHERE id = 1").first else {
            return nil
        }
        return try ColumnReader(row, table: "establishment", id: "id").json("data")
    }

    public func saveEstablishment(_ establishment: CenterEstablishment) async throws {
        let data = try jsonText(establishment)
        try await transaction("enregistrement de l'établissement") { transaction in
            try await transaction.run("""
                INSERT INTO establishment (id, data) VALUES (1, \(data)::jsonb)
                ON CONFLICT (id) DO UPDATE SET data = excluded.data
                """)
        }
    }

    public func recordExport(_ record: ExportRecord) async throws {
        let sessions = try jsonText(record.sessions)
        try await transaction("enregistrement de l'export") { transaction in
            try await transaction.run("""
                INSERT INTO export_record (written_at, path, sha256, sessions)
                VALUES (\(record.writtenAt), \(record.path), \(record.sha256), \(sessions)::jsonb)
                """)
        }
    }

    public func exportRecords() async throws -> [ExportRecord] {
        try await rows("lecture des exports", "SELECT id::text AS id, written_at, path, sha256, sessions FROM export_record ORDER BY id")
            .map { row in
                let read = ColumnReader(row, table: "export_record", id: "id")
                return ExportRecord(writtenAt: try read("written_at"), path: try read("path"), sha256: try read("sha256"),
                                    sessions: try read.json("sessions"))
            }
    }
}
