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
        try await read("lecture d'un candidat") { db in try CandidateRow.fetchOne(db, key: id)?.value }
    }

    public func upsertCandidates(_ upserts: [CandidateUpsert], newId: @escaping @Sendable () -> String) async throws -> UpsertCount {
        try await write("import des candidats") { db in
            var count = UpsertCount(added: 0, updated: 0)
            for upsert in upserts {
                if let existing = try Self.candidate(matching: upsert.key, db) {
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
            return try CandidateRow.fetchOne(db, key: id)?.value
        case let .ine(ine):
            return try CandidateRow.filter(Column("ine") == ine).fetchOne(db)?.value
        case let .identity(lastName, firstName, birthDate):
            return try CandidateRow
                .filter(Column("ine") == nil && Column("lastName") == lastName && Column("firstName") == firstName
                    && Column("birthDate") == birthDate)
                .fetchOne(db)?.value
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
