import CenterService
import Foundation
import PostgresNIO

/// The establishment's year (issues 13 and 14) on PostgreSQL: candidate edits, session edits, fresh
/// codes, typed-in results, the establishment, export records and the archive purge. The locks are
/// those of the methods they resemble, taken in the same order, so no two of them deadlock.
extension PostgresCenterRepository {
    /// The candidate's row is locked (`FOR UPDATE`) while the INE is checked, under the imports' lock
    /// (an import meanwhile could give the INE to someone else).
    public func updateCandidate(_ candidate: Candidate) async throws -> CandidateUpdate {
        try await transaction("modification du candidat") { transaction in
            try await transaction.lock(.candidates)
            guard try await !transaction.rows("SELECT 1 FROM candidate WHERE id = \(candidate.id) FOR UPDATE").isEmpty else {
                return .unknownCandidate
            }
            if let ine = candidate.ine, let row = try await transaction.rows("""
                SELECT id FROM candidate WHERE ine = \(ine) AND id <> \(candidate.id)
                """).first {
                return .ineTaken(by: try ColumnReader(row, table: "candidate", id: "id")("id"))
            }
            try await transaction.run("""
                UPDATE candidate SET ine = \(candidate.ine), last_name = \(candidate.lastName), first_name = \(candidate.firstName),
                    birth_date = \(candidate.birthDate), class_name = \(candidate.className), sex = \(candidate.sex),
                    attestation = \(candidate.attestation), siecle = \(candidate.siecle), extra_time = \(candidate.extraTime),
                    reads_aloud = \(candidate.readsAloud)
                WHERE id = \(candidate.id)
                """)
            return .updated
        }
    }

    /// The candidate's enrolments are locked first, then the candidate: a result being stored holds
    /// its enrolment `FOR SHARE` and ends before (and is deleted) or finds no enrolment afterwards.
    public func deleteCandidate(id: String, force: Bool) async throws -> CandidateDeletion {
        try await transaction("suppression du candidat") { transaction in
            try await transaction.run("SELECT 1 FROM session_candidate WHERE candidate_id = \(id) FOR UPDATE")
            guard try await !transaction.rows("SELECT 1 FROM candidate WHERE id = \(id) FOR UPDATE").isEmpty else {
                return .unknownCandidate
            }
            let results = try await Self.count("SELECT count(*) FROM result WHERE candidate_id = \(id)", transaction)
            if results > 0 && !force { return .hasResults(results) }
            try await transaction.run("DELETE FROM result WHERE candidate_id = \(id)")
            try await transaction.run("DELETE FROM attempt WHERE candidate_id = \(id)")
            try await transaction.run("DELETE FROM session_candidate WHERE candidate_id = \(id)")
            try await transaction.run("DELETE FROM candidate WHERE id = \(id)")
            return .deleted(results: results)
        }
    }

    public func alignExtraTime(candidate id: String?, sessions: [String]) async throws -> Int {
        guard !sessions.isEmpty else { return 0 }
        let numbers = try jsonText(sessions)
        return try await transaction("tiers-temps des convocations") { transaction in
            let changed = try await transaction.rows("""
                UPDATE session_candidate e SET extra_time = c.extra_time
                FROM candidate c
                WHERE c.id = e.candidate_id AND e.extra_time <> c.extra_time
                  AND e.session_number IN (SELECT jsonb_array_elements_text(\(numbers)::jsonb))
                  AND (\(id)::text IS NULL OR e.candidate_id = \(id))
                  AND NOT EXISTS (SELECT 1 FROM attempt a WHERE a.session_number = e.session_number AND a.candidate_id = e.candidate_id)
                RETURNING e.candidate_id
                """)
            return changed.count
        }
    }

    /// Locks as `deleteSession` does (the enrolments, then the session row, which an attempt or a
    /// result being inserted holds by its foreign key), then looks for attempts and results.
    public func amendSession(number: String, adding: [Enrolment], removing: [String],
                             _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> SessionAmendment {
        try await transaction("modification de l'épreuve") { transaction in
            try await transaction.run("SELECT 1 FROM session_candidate WHERE session_number = \(number) FOR UPDATE")
            guard let row = try await transaction.rows("SELECT * FROM session WHERE number = \(number) FOR UPDATE").first else {
                return .unknownSession
            }
            let started = try await Self.count("""
                SELECT (SELECT count(*) FROM attempt WHERE session_number = \(number))
                     + (SELECT count(*) FROM result WHERE session_number = \(number))
                """, transaction)
            guard started == 0 else { return .started }
            var changed = transform(try Rows.session(row))
            changed.number = number
            try await Self.writeSession(changed, transaction)
            for id in removing {
                try await transaction.run("DELETE FROM session_candidate WHERE session_number = \(number) AND candidate_id = \(id)")
            }
            for enrolment in adding {
                try await transaction.run("""
                    INSERT INTO session_candidate (session_number, candidate_id, code_salt, code_hash, extra_time, demo_code)
                    VALUES (\(number), \(enrolment.candidateId), \(enrolment.codeSalt), \(enrolment.codeHash),
                            \(enrolment.extraTime), \(enrolment.demoCode))
                    ON CONFLICT (session_number, candidate_id) DO UPDATE
                    SET code_salt = excluded.code_salt, code_hash = excluded.code_hash, extra_time = excluded.extra_time,
                        demo_code = excluded.demo_code
                    """)
            }
            return .amended(changed)
        }
    }

    /// Each candidate under the candidate-in-session lock logins take, so a code is never replaced
    /// under an attempt being opened.
    public func replaceAccessCodes(session number: String, _ codes: [Enrolment], onePerCandidate: Bool) async throws -> [String] {
        try await transaction("nouveaux codes d'accès") { transaction in
            var replaced: [String] = []
            for code in codes.sorted(by: { $0.candidateId < $1.candidateId }) {
                let candidate = code.candidateId
                try await transaction.lock(.candidateInSession(session: number, candidate: candidate))
                let started = onePerCandidate
                    ? try await !transaction.rows("""
                        SELECT 1 FROM attempt WHERE session_number = \(number) AND candidate_id = \(candidate) LIMIT 1
                        """).isEmpty
                    : try await transaction.rows(Self.openAttemptQuery(session: number, candidate: candidate)).first
                        .flatMap(Self.openAttempt) != nil
                guard !started else { continue }
                let updated = try await transaction.rows("""
                    UPDATE session_candidate SET code_salt = \(code.codeSalt), code_hash = \(code.codeHash)
                    WHERE session_number = \(number) AND candidate_id = \(candidate)
                    RETURNING candidate_id
                    """)
                if !updated.isEmpty { replaced.append(candidate) }
            }
            return replaced
        }
    }

    public func allEnrolments() async throws -> [Enrolment] {
        try await rows("lecture des convocations", "SELECT * FROM session_candidate").map { try Rows.enrolment($0) }
    }

    /// Locks the sessions' enrolments, then their rows (as `deleteSession`), then deletes; the
    /// candidates left enrolled nowhere are locked before they are checked and deleted.
    public func purgeSessions(numbers: [String]) async throws -> PurgeCount {
        guard !numbers.isEmpty else { return PurgeCount(sessions: 0, results: 0, candidates: 0) }
        let list = try jsonText(numbers)
        return try await transaction("purge des archives") { transaction in
            var concerned: Set<String> = []
            for row in try await transaction.rows("""
                SELECT candidate_id FROM session_candidate
                WHERE session_number IN (SELECT jsonb_array_elements_text(\(list)::jsonb)) FOR UPDATE
                """) {
                concerned.insert(try ColumnReader(row, table: "session_candidate", id: "candidate_id")("candidate_id"))
            }
            try await transaction.run("""
                SELECT 1 FROM session WHERE number IN (SELECT jsonb_array_elements_text(\(list)::jsonb)) ORDER BY number FOR UPDATE
                """)
            let results = try await transaction.rows("""
                DELETE FROM result WHERE session_number IN (SELECT jsonb_array_elements_text(\(list)::jsonb)) RETURNING attempt_id
                """).count
            try await transaction.run("DELETE FROM attempt WHERE session_number IN (SELECT jsonb_array_elements_text(\(list)::jsonb))")
            try await transaction.run("""
                DELETE FROM session_candidate WHERE session_number IN (SELECT jsonb_array_elements_text(\(list)::jsonb))
                """)
            let sessions = try await transaction.rows("""
                DELETE FROM session WHERE number IN (SELECT jsonb_array_elements_text(\(list)::jsonb)) RETURNING number
                """).count
            var candidates = 0
            for id in concerned.sorted() {
                guard try await !transaction.rows("SELECT 1 FROM candidate WHERE id = \(id) FOR UPDATE").isEmpty else { continue }
                let deleted = try await transaction.rows("""
                    DELETE FROM candidate WHERE id = \(id)
                      AND NOT EXISTS (SELECT 1 FROM session_candidate WHERE candidate_id = \(id))
                      AND NOT EXISTS (SELECT 1 FROM result WHERE candidate_id = \(id))
                      AND NOT EXISTS (SELECT 1 FROM attempt WHERE candidate_id = \(id))
                    RETURNING id
                    """)
                candidates += deleted.count
            }
            return PurgeCount(sessions: sessions, results: results, candidates: candidates)
        }
    }

    static func count(_ query: PostgresQuery, _ transaction: Transaction) async throws -> Int {
        guard let row = try await transaction.rows(query).first else { return 0 }
        return try row.decode(Int.self)
    }
}
