import CenterService
import GRDB

extension SQLiteCenterRepository {
    public func insertResult(_ result: StoredResult, onePerCandidate: Bool) async throws -> ResultInsertion {
        try await write("enregistrement du résultat") { db in
            guard try EnrolmentRow.exists(db, key: ["sessionNumber": result.sessionNumber, "candidateId": result.candidateId]) else {
                return .candidateNotEnrolled
            }
            if let hash = try String.fetchOne(db, sql: "SELECT contentHash FROM result WHERE attemptId = ?", arguments: [result.attemptId]) {
                return .sameAttemptExists(contentHash: hash)
            }
            if onePerCandidate, try ResultRow
                .filter(Column("sessionNumber") == result.sessionNumber && Column("candidateId") == result.candidateId)
                .fetchCount(db) > 0 {
                return .candidateAlreadyHasResult
            }
            try ResultRow(result).insert(db)
            return .inserted
        }
    }

    public func results(session number: String?) async throws -> [StoredResult] {
        try await read("lecture des résultats") { db in
            var request = ResultRow.order(Column("finishedAt"), Column("storedAt"))
            if let number { request = request.filter(Column("sessionNumber") == number) }
            return try request.fetchAll(db).map(\.value)
        }
    }

    public func result(attemptId: String) async throws -> StoredResult? {
        try await read("lecture d'un résultat") { db in try ResultRow.fetchOne(db, key: attemptId)?.value }
    }
}
