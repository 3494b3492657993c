import CenterService
import PostgresNIO

extension PostgresCenterRepository {
    /// The checks in `ResultInsertion`'s order under the candidate-in-session lock (one result per
    /// candidate for an exam, whichever process stores it); the enrolment is read `FOR SHARE` so a
    /// session deleted meanwhile cannot lose it under the insert; the attempt id is the primary key and
    /// `ON CONFLICT DO NOTHING` turns a copy stored meanwhile under another candidate's lock into
    /// "same attempt" rather than an error.
    public func insertResult(_ result: StoredResult, onePerCandidate: Bool) async throws -> ResultInsertion {
        let insert = try Self.insertQuery(result)
        return try await transaction("enregistrement du résultat") { transaction in
            // The enrolment, a copy of this result and another result of the candidate: one statement.
            let session = result.sessionNumber, candidate = result.candidateId
            try await transaction.lock(.candidateInSession(session: session, candidate: candidate))
            guard let row = try await transaction.rows("""
                SELECT (SELECT content_hash FROM result WHERE attempt_id = \(result.attemptId)) AS stored_hash,
                       EXISTS (SELECT 1 FROM result WHERE session_number = \(session) AND candidate_id = \(candidate)) AS has_result
                FROM session_candidate WHERE session_number = \(session) AND candidate_id = \(candidate) FOR SHARE
                """).first else { return .candidateNotEnrolled }
            let read = ColumnReader(row, table: "result", id: "stored_hash")
            if let hash = try read.optional("stored_hash") as String? { return .sameAttemptExists(contentHash: hash) }
            if onePerCandidate, try read("has_result") as Bool { return .candidateAlreadyHasResult }
            guard try await transaction.rows(insert).isEmpty else {
                return .inserted(acceptedAlerts: try await Self.acceptedAlerts(attemptId: result.attemptId, transaction))
            }
            guard let hash = try await Self.storedHash(of: result.attemptId, transaction) else {
                throw CenterError("enregistrement du résultat : tentative \(result.attemptId) ni enregistrée ni présente")
            }
            return .sameAttemptExists(contentHash: hash)
        }
    }

    static func acceptedAlerts(attemptId: String, _ transaction: Transaction) async throws -> Set<String> {
        var questionIds: Set<String> = []
        for row in try await transaction.rows("""
            SELECT question_id FROM alert WHERE attempt_id = \(attemptId) AND status = \(AlertStatus.accepted.rawValue)
            """) {
            questionIds.insert(try ColumnReader(row, table: "alert", id: "question_id")("question_id"))
        }
        return questionIds
    }

    /// The candidate-in-session lock, then the enrolment read `FOR SHARE`: false when not enrolled.
    static func lockEnrolment(of result: StoredResult, _ transaction: Transaction) async throws -> Bool {
        let session = result.sessionNumber, candidate = result.candidateId
        try await transaction.lock(.candidateInSession(session: session, candidate: candidate))
        return try await !transaction.rows("""
            SELECT 1 FROM session_candidate WHERE session_number = \(session) AND candidate_id = \(candidate) FOR SHARE
            """).isEmpty
    }

    /// Inserts the result unless its attempt id is stored already; returns the attempt id when inserted.
    static func insertQuery(_ result: StoredResult) throws -> PostgresQuery {
        let answers = try jsonText(result.answers)
        let neutralized = try jsonText(result.neutralizedQuestionIds)
        return """
            INSERT INTO result (attempt_id, session_number, candidate_id, terminal_id, started_at, finished_at, answers,
                                content_hash, envelope, score, question_count, passed, source, stored_at, stop_reason, neutralized)
            VALUES (\(result.attemptId), \(result.sessionNumber), \(result.candidateId), \(result.terminalId), \(result.startedAt),
                    \(result.finishedAt), \(answers)::jsonb, \(result.contentHash), \(result.envelope), \(result.score),
                    \(result.questionCount), \(result.passed), \(result.source.rawValue), \(result.storedAt), \(result.stopReason),
                    \(neutralized)::jsonb)
            ON CONFLICT (attempt_id) DO NOTHING
            RETURNING attempt_id
            """
    }

    private static func storedHash(of attemptId: String, _ transaction: Transaction) async throws -> String? {
        guard let row = try await transaction.rows("SELECT attempt_id, content_hash FROM result WHERE attempt_id = \(attemptId)").first else {
            return nil
        }
        let read = ColumnReader(row, table: "result", id: "attempt_id")
        return try read("content_hash") as String
    }

    public func results(session number: String?) async throws -> [StoredResult] {
        let query: PostgresQuery = if let number {
            "SELECT * FROM result WHERE session_number = \(number) ORDER BY finished_at, stored_at"
        } else {
            "SELECT * FROM result ORDER BY finished_at, stored_at"
        }
        return try await rows("lecture des résultats", query).map { try Rows.result($0) }
    }

    public func result(attemptId: String) async throws -> StoredResult? {
        try await rows("lecture d'un résultat", "SELECT * FROM result WHERE attempt_id = \(attemptId)").first.map { try Rows.result($0) }
    }
}
