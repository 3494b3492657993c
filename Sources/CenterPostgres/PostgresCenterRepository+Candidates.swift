import CenterService
import PostgresNIO

extension PostgresCenterRepository {
    public func candidates() async throws -> [Candidate] {
        try await rows("lecture des candidats", """
            SELECT * FROM candidate ORDER BY class_name COLLATE "C", last_name COLLATE "C", first_name COLLATE "C"
            """).map { try Rows.candidate($0) }
    }

    public func candidate(id: String) async throws -> Candidate? {
        try await rows("lecture d'un candidat", "SELECT * FROM candidate WHERE id = \(id)").first.map { try Rows.candidate($0) }
    }

    /// Imports run one at a time (an advisory lock): a key finds at most one candidate, as when SQLite
    /// serializes them. A row that breaks a constraint (an INE taken) rolls the whole batch back.
    public func upsertCandidates(_ upserts: [CandidateUpsert], newId: @escaping @Sendable () -> String) async throws -> UpsertCount {
        try await transaction("import des candidats") { transaction in
            try await transaction.lock(.candidates)
            var count = UpsertCount(added: 0, updated: 0)
            for upsert in upserts {
                var found = try await Self.candidate(matching: upsert.key, transaction)
                if found == nil, let fallback = upsert.fallback { found = try await Self.candidate(matching: fallback, transaction) }
                if let existing = found {
                    var merged = upsert.merge(existing)
                    merged.id = existing.id
                    try await transaction.run("""
                        UPDATE candidate SET ine = \(merged.ine), last_name = \(merged.lastName), first_name = \(merged.firstName),
                            birth_date = \(merged.birthDate), class_name = \(merged.className), sex = \(merged.sex),
                            attestation = \(merged.attestation), siecle = \(merged.siecle), extra_time = \(merged.extraTime),
                            reads_aloud = \(merged.readsAloud)
                        WHERE id = \(merged.id)
                        """)
                    count.updated += 1
                } else {
                    var fresh = upsert.merge(nil)
                    while try await !transaction.rows("SELECT 1 FROM candidate WHERE id = \(fresh.id)").isEmpty { fresh.id = newId() }
                    try await transaction.run("""
                        INSERT INTO candidate (id, ine, last_name, first_name, birth_date, class_name, sex, attestation, siecle, extra_time,
                                               reads_aloud)
                        VALUES (\(fresh.id), \(fresh.ine), \(fresh.lastName), \(fresh.firstName), \(fresh.birthDate), \(fresh.className),
                                \(fresh.sex), \(fresh.attestation), \(fresh.siecle), \(fresh.extraTime), \(fresh.readsAloud))
                        """)
                    count.added += 1
                }
            }
            return count
        }
    }

    private static func candidate(matching key: CandidateKey, _ transaction: Transaction) async throws -> Candidate? {
        let found: [PostgresRow] = switch key {
        case let .id(id):
            try await transaction.rows("SELECT * FROM candidate WHERE id = \(id)")
        case let .ine(ine):
            try await transaction.rows("SELECT * FROM candidate WHERE ine = \(ine)")
        case let .identity(lastName, firstName, birthDate):
            // Names compared without case or accents: the folding is the service's, not SQL's.
            try await transaction.rows("""
                SELECT * FROM candidate WHERE ine IS NULL AND birth_date = \(birthDate) ORDER BY id COLLATE "C"
                """).filter { row in
                NameFolding.matches(try Rows.candidate(row), lastName: lastName, firstName: firstName, birthDate: birthDate)
            }
        }
        return try found.first.map { try Rows.candidate($0) }
    }

    /// Each candidate's row is locked before its enrolments are looked at, so a session enrolling
    /// them meanwhile either comes first (they stay) or finds them gone.
    public func deleteCandidates(ids: [String]) async throws -> Int {
        try await transaction("suppression de candidats") { transaction in
            var deleted = 0
            for id in ids {
                guard try await !transaction.rows("SELECT 1 FROM candidate WHERE id = \(id) FOR UPDATE").isEmpty,
                      try await transaction.rows("SELECT 1 FROM session_candidate WHERE candidate_id = \(id) LIMIT 1").isEmpty
                else { continue }
                try await transaction.run("DELETE FROM candidate WHERE id = \(id)")
                deleted += 1
            }
            return deleted
        }
    }
}
