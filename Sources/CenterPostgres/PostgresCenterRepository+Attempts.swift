import CenterService
import PostgresNIO

extension PostgresCenterRepository {
    /// Under the candidate-in-session lock, so concurrent logins of one candidate on any process
    /// see each other: the first opens, the others resume that attempt.
    public func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening {
        try await transaction("ouverture de la tentative") { transaction in
            let session = attempt.sessionNumber, candidate = attempt.candidateId
            try await transaction.lock(.candidateInSession(session: session, candidate: candidate))
            if onePerCandidate, try await !transaction.rows("""
                SELECT 1 FROM result WHERE session_number = \(session) AND candidate_id = \(candidate) LIMIT 1
                """).isEmpty {
                return .candidateHasResult
            }
            if let open = try await transaction.rows("""
                SELECT * FROM attempt a
                WHERE a.session_number = \(session) AND a.candidate_id = \(candidate)
                  AND NOT EXISTS (SELECT 1 FROM result r WHERE r.attempt_id = a.id)
                ORDER BY a.opened_at DESC LIMIT 1
                """).first {
                return .resumed(try Rows.attempt(open))
            }
            try await transaction.run("""
                INSERT INTO attempt (id, session_number, candidate_id, terminal_id, opened_at)
                VALUES (\(attempt.id), \(session), \(candidate), \(attempt.terminalId), \(attempt.openedAt))
                """)
            return .opened(attempt)
        }
    }

    public func attempt(id: String) async throws -> CenterAttempt? {
        try await rows("lecture d'une tentative", "SELECT * FROM attempt WHERE id = \(id)").first.map { try Rows.attempt($0) }
    }
}
