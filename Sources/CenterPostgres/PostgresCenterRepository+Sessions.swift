import CenterService
import PostgresNIO

extension PostgresCenterRepository {
    public func sessions() async throws -> [CenterSession] {
        try await rows("lecture des épreuves", "SELECT * FROM session ORDER BY starts_at DESC").map { try Rows.session($0) }
    }

    public func session(number: String) async throws -> CenterSession? {
        try await rows("lecture d'une épreuve", "SELECT * FROM session WHERE number = \(number)").first.map { try Rows.session($0) }
    }

    /// A taken number inserts nothing (`ON CONFLICT DO NOTHING` waits for a concurrent insert of the
    /// same number to end, then tells); a failing enrolment rolls the session back with it.
    public func insertSession(_ session: CenterSession, enrolments: [Enrolment]) async throws -> SessionInsertion {
        let questionIds = try jsonText(session.questionIds)
        let surveillantCheck = try session.surveillantCheck.map(jsonText)
        let themeIds = try session.themeIds.map(jsonText)
        return try await transaction("création de l'épreuve") { transaction in
            let inserted = try await transaction.rows("""
                INSERT INTO session (number, kind, profile_id, name, starts_at, place, timed, always_active, seed, result_key,
                                     surveillant_salt, surveillant_hash, surveillant_check, question_ids, content_digest, created_at,
                                     medium, theme_ids, additional_text, rattrapage_of, requires_presence, closed_at)
                VALUES (\(session.number), \(session.kind.rawValue), \(session.profileId), \(session.name), \(session.startsAt),
                        \(session.place), \(session.timed), \(session.alwaysActive), \(session.seed), \(session.resultKey),
                        \(session.surveillantSalt), \(session.surveillantHash), \(surveillantCheck)::jsonb, \(questionIds)::jsonb,
                        \(session.contentDigest), \(session.createdAt), \(session.medium.rawValue), \(themeIds)::jsonb,
                        \(session.additionalText), \(session.rattrapageOf), \(session.requiresPresence), \(session.closedAt))
                ON CONFLICT (number) DO NOTHING
                RETURNING number
                """)
            guard !inserted.isEmpty else { return .numberTaken }
            for enrolment in enrolments {
                try await transaction.run("""
                    INSERT INTO session_candidate (session_number, candidate_id, code_salt, code_hash, extra_time, demo_code,
                                                   presence_confirmed_at)
                    VALUES (\(enrolment.sessionNumber), \(enrolment.candidateId), \(enrolment.codeSalt), \(enrolment.codeHash),
                            \(enrolment.extraTime), \(enrolment.demoCode), \(enrolment.presenceConfirmedAt))
                    """)
            }
            return .inserted
        }
    }

    public func enrolments(session number: String) async throws -> [Enrolment] {
        try await rows("lecture des convocations", "SELECT * FROM session_candidate WHERE session_number = \(number)")
            .map { try Rows.enrolment($0) }
    }

    public func enrolment(session number: String, candidate id: String) async throws -> Enrolment? {
        try await rows("lecture d'une convocation",
                       "SELECT * FROM session_candidate WHERE session_number = \(number) AND candidate_id = \(id)")
            .map { try Rows.enrolment($0) }.first
    }

    /// One statement: the shared salt's match, else the enrolments with salts of their own; each
    /// with its candidate.
    public func enrolledCandidates(session number: String, codeHash: String, sharedSalt: String) async throws -> [EnrolledCandidate] {
        try await rows("lecture d'une convocation", """
            WITH found AS (SELECT * FROM session_candidate WHERE session_number = \(number) AND code_hash = \(codeHash)),
            matches AS (
                SELECT * FROM found
                UNION ALL
                SELECT * FROM session_candidate
                WHERE session_number = \(number) AND code_salt <> \(sharedSalt) AND NOT EXISTS (SELECT 1 FROM found))
            SELECT c.*, e.session_number, e.candidate_id, e.code_salt, e.code_hash, e.extra_time AS enrolment_extra_time,
                   e.demo_code, e.presence_confirmed_at
            FROM matches e JOIN candidate c ON c.id = e.candidate_id
            """).map(Self.enrolledCandidate)
    }

    /// One statement, so one snapshot: the enrolments and their candidates as they were together.
    public func enrolledCandidates(session number: String) async throws -> [EnrolledCandidate] {
        try await rows("lecture des convocations", Self.enrolledCandidatesQuery(number)).map(Self.enrolledCandidate)
    }

    static func enrolledCandidatesQuery(_ number: String) -> PostgresQuery {
        """
        SELECT c.*, e.session_number, e.candidate_id, e.code_salt, e.code_hash, e.extra_time AS enrolment_extra_time, e.demo_code,
               e.presence_confirmed_at
        FROM session_candidate e JOIN candidate c ON c.id = e.candidate_id
        WHERE e.session_number = \(number)
        ORDER BY c.class_name COLLATE "C", c.last_name COLLATE "C", c.first_name COLLATE "C"
        """
    }

    static func enrolledCandidate(_ row: PostgresRow) throws -> EnrolledCandidate {
        EnrolledCandidate(candidate: try Rows.candidate(row), enrolment: try Rows.enrolment(row, aliases: ["extra_time": "enrolment_extra_time"]))
    }

    /// The enrolment row is locked (`FOR UPDATE`) between its read and its update.
    public func updateEnrolment(session number: String, candidate id: String,
                                _ transform: @escaping @Sendable (Enrolment) -> Enrolment) async throws -> Enrolment? {
        try await transaction("nouveau code") { transaction in
            guard let row = try await transaction.rows("""
                SELECT * FROM session_candidate WHERE session_number = \(number) AND candidate_id = \(id) FOR UPDATE
                """).first else { return nil }
            var changed = transform(try Rows.enrolment(row))
            changed.sessionNumber = number
            changed.candidateId = id
            try await transaction.run("""
                UPDATE session_candidate SET code_salt = \(changed.codeSalt), code_hash = \(changed.codeHash),
                    extra_time = \(changed.extraTime), demo_code = \(changed.demoCode),
                    presence_confirmed_at = \(changed.presenceConfirmedAt)
                WHERE session_number = \(number) AND candidate_id = \(id)
                """)
            return changed
        }
    }

    /// The session row is locked (`FOR UPDATE`) between its read and its update.
    public func updateSession(number: String,
                              _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> CenterSession? {
        try await transaction("modification de l'épreuve") { transaction in
            guard let row = try await transaction.rows("SELECT * FROM session WHERE number = \(number) FOR UPDATE").first else {
                return nil
            }
            var changed = transform(try Rows.session(row))
            changed.number = number
            try await Self.writeSession(changed, transaction)
            return changed
        }
    }

    /// Every column of the session's row, found by its number.
    static func writeSession(_ changed: CenterSession, _ transaction: Transaction) async throws {
        let questionIds = try jsonText(changed.questionIds)
        let surveillantCheck = try changed.surveillantCheck.map(jsonText)
        let themeIds = try changed.themeIds.map(jsonText)
        try await transaction.run("""
            UPDATE session SET kind = \(changed.kind.rawValue), profile_id = \(changed.profileId), name = \(changed.name),
                starts_at = \(changed.startsAt), place = \(changed.place), timed = \(changed.timed),
                always_active = \(changed.alwaysActive), seed = \(changed.seed), result_key = \(changed.resultKey),
                surveillant_salt = \(changed.surveillantSalt), surveillant_hash = \(changed.surveillantHash),
                surveillant_check = \(surveillantCheck)::jsonb, question_ids = \(questionIds)::jsonb,
                content_digest = \(changed.contentDigest), created_at = \(changed.createdAt), medium = \(changed.medium.rawValue),
                theme_ids = \(themeIds)::jsonb, additional_text = \(changed.additionalText), rattrapage_of = \(changed.rattrapageOf),
                requires_presence = \(changed.requiresPresence), closed_at = \(changed.closedAt)
            WHERE number = \(changed.number)
            """)
    }

    /// Locks the session's enrolments first (a result being stored holds its candidate's `FOR SHARE`:
    /// it ends before, and is deleted, or waits and then finds no enrolment), then the session row
    /// (an attempt being opened ends before), then deletes; always in that order, so no deadlock.
    public func deleteSession(number: String) async throws -> Bool {
        try await transaction("suppression de l'épreuve") { transaction in
            try await transaction.run("SELECT 1 FROM session_candidate WHERE session_number = \(number) FOR UPDATE")
            guard try await !transaction.rows("SELECT 1 FROM session WHERE number = \(number) FOR UPDATE").isEmpty else { return false }
            try await transaction.run("DELETE FROM session_log WHERE session_number = \(number)")
            try await transaction.run("DELETE FROM alert WHERE session_number = \(number)")
            try await transaction.run("DELETE FROM result WHERE session_number = \(number)")
            try await transaction.run("DELETE FROM attempt WHERE session_number = \(number)")
            try await transaction.run("DELETE FROM session_candidate WHERE session_number = \(number)")
            try await transaction.run("DELETE FROM session WHERE number = \(number)")
            return true
        }
    }
}
