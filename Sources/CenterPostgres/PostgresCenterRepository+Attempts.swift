import CenterService
import ExamKit
import Foundation
import PostgresNIO

extension PostgresCenterRepository {
    /// What a result's checks need, read with the other results' arriving together (`ResultContexts`).
    public func resultContext(session number: String, attemptId: String) async throws -> ResultContext {
        try await contextBatches.submit(ResultContextRequest(session: number, attemptId: attemptId))
    }

    /// `open_attempt` (schema 7), one statement: under the candidate-in-session lock, so concurrent
    /// logins of one candidate on any process see each other: the first opens, the others resume
    /// that attempt.
    public func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening {
        let progress = try attempt.progress.map(jsonText)
        let lock = AdvisoryLock.candidateInSession(session: attempt.sessionNumber, candidate: attempt.candidateId).key
        guard let row = try await rows("ouverture de la tentative", """
            SELECT o.outcome, (o.existing).* FROM open_attempt(
                \(lock), \(attempt.id), \(attempt.sessionNumber), \(attempt.candidateId), \(attempt.terminalId), \(attempt.openedAt),
                \(progress)::jsonb, \(attempt.progressAt), \(attempt.transferAuthorized), \(attempt.stopReason), \(attempt.stoppedAt),
                \(onePerCandidate)) AS o
            """).first else {
            throw CenterError("ouverture de la tentative : aucune ligne")
        }
        switch try ColumnReader(row, table: "attempt", id: "id")("outcome") as String {
        case "opened": return .opened(attempt)
        case "candidate_has_result": return .candidateHasResult
        case "resumed": return .resumed(try Rows.attempt(row))
        case let outcome: throw CenterError.unreadableRow(table: "attempt", id: attempt.id, column: "outcome", detail: outcome)
        }
    }

    public func attempt(id: String) async throws -> CenterAttempt? {
        try await rows("lecture d'une tentative", "SELECT * FROM attempt WHERE id = \(id)").first.map { try Rows.attempt($0) }
    }

    public func openAttempt(session number: String, candidate id: String) async throws -> CenterAttempt? {
        try await rows("lecture d'une tentative", Self.openAttemptQuery(session: number, candidate: id)).first.flatMap(Self.openAttempt)
    }

    /// One row, whatever there is: whether the candidate has a result in the session (`has_result`),
    /// and the columns of their latest attempt there that has none (all null when there is none).
    static func openAttemptQuery(session: String, candidate: String) -> PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM result WHERE session_number = \(session) AND candidate_id = \(candidate)) AS has_result, open.*
        FROM (SELECT 1) AS one LEFT JOIN LATERAL (
            SELECT * FROM attempt a
            WHERE a.session_number = \(session) AND a.candidate_id = \(candidate)
              AND NOT EXISTS (SELECT 1 FROM result r WHERE r.attempt_id = a.id)
            ORDER BY a.opened_at DESC LIMIT 1) AS open ON true
        """
    }

    /// The open attempt of an `openAttemptQuery` row, if any.
    static func openAttempt(_ row: PostgresRow) throws -> CenterAttempt? {
        try ColumnReader(row, table: "attempt", id: "id").optional("id") as String? == nil ? nil : try Rows.attempt(row)
    }

    public func attempts(session number: String) async throws -> [CenterAttempt] {
        try await rows("lecture des tentatives", "SELECT * FROM attempt WHERE session_number = \(number) ORDER BY opened_at")
            .map { try Rows.attempt($0) }
    }

    // The three writes below lock the attempt's row (the progress report by its UPDATE, the others
    // `FOR UPDATE`) before they read it, so progress reports, moves and authorisations of one attempt
    // happen one after the other on every process.
    // A result stored meanwhile does not touch that row: whichever statement sees it not yet there
    // acted before it, as if the two had run in that order.

    /// One statement in the usual case (the attempt runs on this terminal and has no result): the
    /// update, which locks the row, returns the surveillant's stop reason. Only when it changes
    /// nothing does a second statement say why, in the order unknown, moved, finished. A report
    /// every 5 s from every terminal made this the most frequent write; it took 5 round trips.
    public func recordProgress(attemptId: String, terminalId: String, progress: AttemptSnapshot,
                               at: Date) async throws -> ProgressRecording {
        let text = try jsonText(progress)
        let what = "suivi de la tentative"
        // A second try only if the attempt changed between the two statements (moved and back).
        for _ in 0..<3 {
            if let row = try await rows(what, """
                UPDATE attempt SET progress = \(text)::jsonb, progress_at = \(at)
                WHERE id = \(attemptId) AND terminal_id = \(terminalId)
                  AND NOT EXISTS (SELECT 1 FROM result WHERE attempt_id = \(attemptId))
                RETURNING id, stop_reason
                """).first {
                let stopReason = try ColumnReader(row, table: "attempt", id: "id").optional("stop_reason") as String?
                return stopReason.map { .stopRequested(reason: $0) } ?? .recorded
            }
            guard let row = try await rows(what, """
                SELECT id, terminal_id, EXISTS (SELECT 1 FROM result WHERE attempt_id = \(attemptId)) AS finished
                FROM attempt WHERE id = \(attemptId)
                """).first else {
                return .unknownAttempt
            }
            let read = ColumnReader(row, table: "attempt", id: "id")
            guard try read("terminal_id") as String == terminalId else { return .movedElsewhere }
            if try read("finished") as Bool { return .finished }
        }
        throw CenterError("\(what) : tentative \(attemptId) modifiée pendant l'enregistrement")
    }

    /// Compare and set: moves only if the attempt still runs on `from`.
    public func moveAttempt(id: String, from: String, to: String, at: Date) async throws -> Bool {
        try await transaction("reprise de la tentative sur un autre poste") { transaction in
            guard let row = try await transaction.rows("SELECT * FROM attempt WHERE id = \(id) FOR UPDATE").first,
                  try Rows.attempt(row).terminalId == from,
                  try await !Self.hasResult(id, transaction) else { return false }
            try await transaction.run("""
                UPDATE attempt SET terminal_id = \(to), transfer_authorized = false, progress_at = \(at) WHERE id = \(id)
                """)
            return true
        }
    }

    public func authorizeTransfer(attemptId: String, _ authorized: Bool) async throws -> Bool {
        try await transaction("autorisation de reprise") { transaction in
            guard try await !transaction.rows("SELECT 1 FROM attempt WHERE id = \(attemptId) FOR UPDATE").isEmpty,
                  try await !Self.hasResult(attemptId, transaction) else { return false }
            try await transaction.run("UPDATE attempt SET transfer_authorized = \(authorized) WHERE id = \(attemptId)")
            return true
        }
    }

    static func hasResult(_ attemptId: String, _ transaction: Transaction) async throws -> Bool {
        try await !transaction.rows("SELECT 1 FROM result WHERE attempt_id = \(attemptId)").isEmpty
    }
}
