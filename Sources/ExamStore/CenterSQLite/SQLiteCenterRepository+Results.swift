import CenterService
import GRDB

extension SQLiteCenterRepository {
    public func insertResult(_ result: StoredResult, onePerCandidate: Bool) async throws -> ResultInsertion {
        try await write("enregistrement du résultat") { db in
            let pair: StatementArguments = [result.sessionNumber, result.candidateId]
            guard try db.exists("SELECT 1 FROM sessionCandidate WHERE sessionNumber = ? AND candidateId = ?", pair) else {
                return .candidateNotEnrolled
            }
            if let hash = try String.fetchOne(db.cachedStatement(sql: "SELECT contentHash FROM result WHERE attemptId = ?"),
                                              arguments: [result.attemptId]) {
                return .sameAttemptExists(contentHash: hash)
            }
            if onePerCandidate, try db.exists("SELECT 1 FROM result WHERE sessionNumber = ? AND candidateId = ?", pair) {
                return .candidateAlreadyHasResult
            }
            try ResultRow(result).insert(db)
            return .inserted(acceptedAlerts: try db.acceptedAlerts(attemptId: result.attemptId))
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
        try await read("lecture d'un résultat") { db in try db.result(attemptId: attemptId) }
    }
}
