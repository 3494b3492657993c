import CenterService
import Foundation
import PostgresNIO

extension PostgresCenterRepository {
    /// REPEATABLE READ: the five reads see one snapshot, so the console never shows an attempt and a
    /// result of two different moments.
    public func supervision(session number: String) async throws -> SupervisionData? {
        try await transaction("lecture de la surveillance") { transaction in
            try await transaction.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            guard let row = try await transaction.rows("SELECT * FROM session WHERE number = \(number)").first else { return nil }
            let session = try Rows.session(row)
            let candidates = try await transaction.rows(Self.enrolledCandidatesQuery(number)).map(Self.enrolledCandidate)
            let attempts = try await transaction.rows("SELECT * FROM attempt WHERE session_number = \(number) ORDER BY opened_at")
                .map { try Rows.attempt($0) }
            let results = try await transaction.rows("""
                SELECT attempt_id, candidate_id, score, question_count, passed, finished_at, stop_reason FROM result
                WHERE session_number = \(number) ORDER BY finished_at, stored_at
                """).map { try Rows.resultSummary($0) }
            let alerts = try await transaction.rows("SELECT * FROM alert WHERE session_number = \(number) ORDER BY raised_at, id")
                .map { try Rows.alert($0) }
            return SupervisionData(session: session, candidates: candidates, attempts: attempts, results: results, alerts: alerts)
        }
    }

    /// The session row is locked first (`FOR NO KEY UPDATE`: results and attempts referring to it go
    /// on), so actions on one session and its closing happen one after the other on every process;
    /// an attempt is locked `FOR UPDATE` like the progress reports do.
    public func supervise(_ action: SupervisionAction, log: SessionLogEntry) async throws -> Bool {
        var check: String?
        if case let .replaceSurveillantCode(_, _, slowHash) = action { check = try jsonText(slowHash) }
        let checkText = check
        return try await transaction("action du surveillant") { transaction in
            let number = log.sessionNumber
            guard let row = try await transaction.rows("SELECT * FROM session WHERE number = \(number) FOR NO KEY UPDATE").first,
                  try Rows.session(row).closedAt == nil else { return false }
            func openAttempt(_ id: String) async throws -> Bool {
                guard try await !transaction.rows("""
                    SELECT 1 FROM attempt WHERE id = \(id) AND session_number = \(number) FOR UPDATE
                    """).isEmpty else { return false }
                return try await !Self.hasResult(id, transaction)
            }
            switch action {
            case let .confirmPresence(candidateId):
                guard try await !transaction.rows("""
                    UPDATE session_candidate SET presence_confirmed_at = \(log.at)
                    WHERE session_number = \(number) AND candidate_id = \(candidateId) RETURNING 1
                    """).isEmpty else { return false }
            case let .authorizeTransfer(attemptId):
                guard try await openAttempt(attemptId) else { return false }
                try await transaction.run("UPDATE attempt SET transfer_authorized = true WHERE id = \(attemptId)")
            case let .stopAttempt(attemptId, reason):
                guard try await openAttempt(attemptId), try await !transaction.rows("""
                    UPDATE attempt SET stop_reason = \(reason), stopped_at = \(log.at)
                    WHERE id = \(attemptId) AND stop_reason IS NULL RETURNING 1
                    """).isEmpty else { return false }
            case let .replaceAccessCode(candidateId, salt, hash, demoCode):
                guard try await !transaction.rows("""
                    UPDATE session_candidate SET code_salt = \(salt), code_hash = \(hash),
                        demo_code = CASE WHEN demo_code IS NULL THEN NULL ELSE \(demoCode) END
                    WHERE session_number = \(number) AND candidate_id = \(candidateId) RETURNING 1
                    """).isEmpty else { return false }
            case let .replaceSurveillantCode(salt, hash, _):
                try await transaction.run("""
                    UPDATE session SET surveillant_salt = \(salt), surveillant_hash = \(hash), surveillant_check = \(checkText)::jsonb
                    WHERE number = \(number)
                    """)
            case .incident:
                break
            case let .decideAlert(alertId, accepted):
                let status = (accepted ? AlertStatus.accepted : AlertStatus.rejected).rawValue
                guard try await !transaction.rows("""
                    UPDATE alert SET status = \(status), decided_at = \(log.at)
                    WHERE id = \(alertId) AND session_number = \(number) AND status = \(AlertStatus.pending.rawValue) RETURNING 1
                    """).isEmpty else { return false }
            case .close:
                try await transaction.run("UPDATE session SET closed_at = \(log.at) WHERE number = \(number)")
            }
            try await transaction.run("""
                INSERT INTO session_log (session_number, at, kind, candidate_id, detail)
                VALUES (\(number), \(log.at), \(log.kind.rawValue), \(log.candidateId), \(log.detail))
                """)
            return true
        }
    }

    public func sessionLog(session number: String) async throws -> [SessionLogEntry] {
        try await rows("lecture du journal de l'épreuve", "SELECT * FROM session_log WHERE session_number = \(number) ORDER BY id")
            .map { try Rows.logEntry($0) }
    }

    /// `ON CONFLICT DO NOTHING` on (attempt, question) waits for a concurrent insert of the same pair,
    /// then the one stored first is read back.
    public func raiseAlert(_ alert: CandidateAlert) async throws -> CandidateAlert {
        try await transaction("enregistrement du signalement") { transaction in
            let inserted = try await transaction.rows("""
                INSERT INTO alert (id, session_number, attempt_id, candidate_id, question_id, position, kind, raised_at, status, decided_at)
                VALUES (\(alert.id), \(alert.sessionNumber), \(alert.attemptId), \(alert.candidateId), \(alert.questionId),
                        \(alert.position), \(alert.kind.rawValue), \(alert.raisedAt), \(alert.status.rawValue), \(alert.decidedAt))
                ON CONFLICT (attempt_id, question_id) DO NOTHING
                RETURNING id
                """)
            guard inserted.isEmpty else { return alert }
            guard let row = try await transaction.rows("""
                SELECT * FROM alert WHERE attempt_id = \(alert.attemptId) AND question_id = \(alert.questionId)
                """).first else {
                throw CenterError("enregistrement du signalement : alerte \(alert.id) ni enregistrée ni présente")
            }
            return try Rows.alert(row)
        }
    }

    public func alerts(session number: String) async throws -> [CandidateAlert] {
        try await rows("lecture des signalements", "SELECT * FROM alert WHERE session_number = \(number) ORDER BY raised_at, id")
            .map { try Rows.alert($0) }
    }

    public func pollPresence(attemptId: String, terminalId: String, at: Date) async throws -> PresencePoll {
        try await transaction("attente de la confirmation de présence") { transaction in
            guard let row = try await transaction.rows("SELECT * FROM attempt WHERE id = \(attemptId) FOR UPDATE").first else {
                return .unknownAttempt
            }
            let attempt = try Rows.attempt(row)
            guard attempt.terminalId == terminalId else { return .movedElsewhere }
            try await transaction.run("UPDATE attempt SET progress_at = \(at) WHERE id = \(attemptId)")
            guard let enrolment = try await transaction.rows("""
                SELECT * FROM session_candidate WHERE session_number = \(attempt.sessionNumber) AND candidate_id = \(attempt.candidateId)
                """).first else { return .waiting }
            return try Rows.enrolment(enrolment).presenceConfirmedAt == nil ? .waiting : .confirmed
        }
    }

    /// The result row is locked (`FOR UPDATE`) between its read and its update; a decision taken
    /// meanwhile is seen once it committed (READ COMMITTED reads each statement afresh).
    public func rescoreResult(attemptId: String,
                              _ rescore: @escaping @Sendable (StoredResult, Set<String>) -> StoredResult) async throws -> StoredResult? {
        try await transaction("nouveau calcul de la note") { transaction in
            guard let row = try await transaction.rows("SELECT * FROM result WHERE attempt_id = \(attemptId) FOR UPDATE").first else {
                return nil
            }
            let current = try Rows.result(row)
            var neutralized: Set<String> = []
            for row in try await transaction.rows("""
                SELECT question_id FROM alert WHERE attempt_id = \(attemptId) AND status = \(AlertStatus.accepted.rawValue)
                """) {
                neutralized.insert(try ColumnReader(row, table: "alert", id: "question_id")("question_id"))
            }
            var changed = rescore(current, neutralized)
            changed.attemptId = attemptId
            guard changed != current else { return changed }
            let answers = try jsonText(changed.answers), ids = try jsonText(changed.neutralizedQuestionIds)
            try await transaction.run("""
                UPDATE result SET session_number = \(changed.sessionNumber), candidate_id = \(changed.candidateId),
                    terminal_id = \(changed.terminalId), started_at = \(changed.startedAt), finished_at = \(changed.finishedAt),
                    answers = \(answers)::jsonb, content_hash = \(changed.contentHash), envelope = \(changed.envelope),
                    score = \(changed.score), question_count = \(changed.questionCount), passed = \(changed.passed),
                    source = \(changed.source.rawValue), stored_at = \(changed.storedAt), stop_reason = \(changed.stopReason),
                    neutralized = \(ids)::jsonb
                WHERE attempt_id = \(attemptId)
                """)
            return changed
        }
    }
}

extension Rows {
    static func resultSummary(_ row: PostgresRow) throws -> ResultSummary {
        let read = ColumnReader(row, table: "result", id: "attempt_id")
        return ResultSummary(attemptId: try read("attempt_id"), candidateId: try read("candidate_id"), score: try read("score"),
                             questionCount: try read("question_count"), passed: try read("passed"),
                             finishedAt: try read("finished_at"), stopReason: try read.optional("stop_reason"))
    }

    static func alert(_ row: PostgresRow) throws -> CandidateAlert {
        let read = ColumnReader(row, table: "alert", id: "id")
        return CandidateAlert(
            id: try read("id"), sessionNumber: try read("session_number"), attemptId: try read("attempt_id"),
            candidateId: try read("candidate_id"), questionId: try read("question_id"), position: try read("position"),
            kind: try read.state("kind"), raisedAt: try read("raised_at"), status: try read.state("status"),
            decidedAt: try read.optional("decided_at"))
    }

    static func logEntry(_ row: PostgresRow) throws -> SessionLogEntry {
        let read = ColumnReader(row, table: "session_log", id: "session_number")
        return SessionLogEntry(sessionNumber: try read("session_number"), at: try read("at"), kind: try read.state("kind"),
                               candidateId: try read.optional("candidate_id"), detail: try read("detail"))
    }
}
