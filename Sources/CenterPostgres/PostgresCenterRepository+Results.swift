import CenterService
import PostgresNIO

extension PostgresCenterRepository {
    /// `store_result` (schema 6): the candidate-in-session lock (one result per candidate for an
    /// exam, whichever process stores it), the checks in `ResultInsertion`'s order with the enrolment
    /// read `FOR SHARE` (a session deleted meanwhile cannot lose it under the insert), the insert, and
    /// the attempt's accepted alerts. The attempt id is the primary key and `ON CONFLICT DO NOTHING`
    /// turns a copy stored meanwhile under another candidate's lock into "same attempt" rather than
    /// an error. Results arriving together are stored together (`ResultStore`, schema 7).
    public func insertResult(_ result: StoredResult, onePerCandidate: Bool) async throws -> ResultInsertion {
        try await resultBatches.submit(ResultToStore(result: result, onePerCandidate: onePerCandidate))
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
    static func insertQuery(_ result: StoredResult) -> PostgresQuery {
        let answers = StoredJSON.answers(result.answers)
        let neutralized = StoredJSON.strings(result.neutralizedQuestionIds)
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
