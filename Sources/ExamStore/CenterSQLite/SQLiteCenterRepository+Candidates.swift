import CenterService
import GRDB

extension SQLiteCenterRepository {
    private static let byClassAndName = [Column("className"), Column("lastName"), Column("firstName")]

    public func candidates() async throws -> [Candidate] {
        try await read("lecture des candidats") { db in
            try CandidateRow.order(Self.byClassAndName).fetchAll(db).map(\.value)
        }
    }

    public func candidate(id: String) async throws -> Candidate? {
        try await read("lecture d'un candidat") { db in try db.candidate(id: id) }
    }

    public func upsertCandidates(_ upserts: [CandidateUpsert], newId: @escaping @Sendable () -> String) async throws -> UpsertCount {
        try await write("import des candidats") { db in
            var count = UpsertCount(added: 0, updated: 0)
            for upsert in upserts {
                if let existing = try Self.candidate(matching: upsert.key, db)
                    ?? upsert.fallback.flatMap({ try Self.candidate(matching: $0, db) }) {
                    var merged = upsert.merge(existing)
                    merged.id = existing.id
                    try CandidateRow(merged).update(db)
                    count.updated += 1
                } else {
                    var fresh = upsert.merge(nil)
                    while try CandidateRow.exists(db, key: fresh.id) { fresh.id = newId() }
                    try CandidateRow(fresh).insert(db)
                    count.added += 1
                }
            }
            return count
        }
    }

    private static func candidate(matching key: CandidateKey, _ db: Database) throws -> Candidate? {
        switch key {
        case let .id(id):
            return try db.candidate(id: id)
        case let .ine(ine):
            return try CandidateRow.filter(Column("ine") == ine).fetchOne(db)?.value
        case let .identity(lastName, firstName, birthDate):
            // Names compared without case or accents: the folding is the service's, not SQL's.
            return try CandidateRow.filter(Column("ine") == nil && Column("birthDate") == birthDate).order(Column("id"))
                .fetchAll(db).map(\.value)
                .first { NameFolding.matches($0, lastName: lastName, firstName: firstName, birthDate: birthDate) }
        }
    }

    public func deleteCandidates(ids: [String]) async throws -> Int {
        try await write("suppression de candidats") { db in
            var deleted = 0
            for id in ids where try EnrolmentRow.filter(Column("candidateId") == id).isEmpty(db) {
                try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id])
                deleted += db.changesCount
            }
            return deleted
        }
    }
}

extension SQLiteCenterRepository {
    public func updateCandidate(_ candidate: Candidate) async throws -> CandidateUpdate {
        try await write("modification du candidat") { db in
            guard try CandidateRow.exists(db, key: candidate.id) else { return .unknownCandidate }
            if let ine = candidate.ine,
               let other = try String.fetchOne(db, sql: "SELECT id FROM candidate WHERE ine = ? AND id <> ?", arguments: [ine, candidate.id]) {
                return .ineTaken(by: other)
            }
            try CandidateRow(candidate).update(db)
            return .updated
        }
    }

    public func deleteCandidate(id: String, force: Bool) async throws -> CandidateDeletion {
        try await write("suppression du candidat") { db in
            guard try CandidateRow.exists(db, key: id) else { return .unknownCandidate }
            let results = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE candidateId = ?", arguments: [id]) ?? 0
            if results > 0 && !force { return .hasResults(results) }
            try db.execute(sql: "DELETE FROM result WHERE candidateId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM attempt WHERE candidateId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM sessionCandidate WHERE candidateId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id])
            return .deleted(results: results)
        }
    }

    public func alignExtraTime(candidate id: String?, sessions: [String]) async throws -> Int {
        guard !sessions.isEmpty else { return 0 }
        return try await write("tiers-temps des convocations") { db in
            let placeholders = databaseQuestionMarks(count: sessions.count)
            var arguments = StatementArguments(sessions)
            var candidateFilter = ""
            if let id {
                candidateFilter = "AND candidateId = ?"
                arguments += [id]
            }
            try db.execute(sql: """
                UPDATE sessionCandidate
                SET extraTime = (SELECT c.extraTime FROM candidate c WHERE c.id = sessionCandidate.candidateId)
                WHERE sessionNumber IN (\(placeholders)) \(candidateFilter)
                  AND extraTime <> (SELECT c.extraTime FROM candidate c WHERE c.id = sessionCandidate.candidateId)
                  AND NOT EXISTS (SELECT 1 FROM attempt a
                                  WHERE a.sessionNumber = sessionCandidate.sessionNumber AND a.candidateId = sessionCandidate.candidateId)
                """, arguments: arguments)
            return db.changesCount
        }
    }
}
