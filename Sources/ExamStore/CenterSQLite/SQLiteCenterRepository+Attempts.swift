import CenterService
import GRDB

extension SQLiteCenterRepository {
    public func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening {
        try await write("ouverture de la tentative") { db in
            let sameCandidate = Column("sessionNumber") == attempt.sessionNumber && Column("candidateId") == attempt.candidateId
            if onePerCandidate, try ResultRow.filter(sameCandidate).fetchCount(db) > 0 { return .candidateHasResult }
            if let open = try AttemptRow.filter(sameCandidate)
                .filter(sql: "id NOT IN (SELECT attemptId FROM result)")
                .order(Column("openedAt").desc).fetchOne(db) {
                return .resumed(open.value)
            }
            try AttemptRow(attempt).insert(db)
            return .opened(attempt)
        }
    }

    public func attempt(id: String) async throws -> CenterAttempt? {
        try await read("lecture d'une tentative") { db in try AttemptRow.fetchOne(db, key: id)?.value }
    }
}
