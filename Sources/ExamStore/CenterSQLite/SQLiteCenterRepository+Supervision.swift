import CenterService
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func supervision(session number: String) async throws -> SupervisionData? {
        try await read("lecture de la surveillance") { db in
            guard let session = try db.session(number: number) else { return nil }
            let enrolments = try EnrolmentRow.filter(Column("sessionNumber") == number).fetchAll(db).map(\.value)
            let candidates = try CandidateRow.fetchAll(db, sql: """
                SELECT candidate.* FROM candidate JOIN sessionCandidate ON sessionCandidate.candidateId = candidate.id
                WHERE sessionCandidate.sessionNumber = ?
                """, arguments: [number]).map(\.value)
            let byId = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
            let enrolled = enrolments.compactMap { enrolment in
                byId[enrolment.candidateId].map { EnrolledCandidate(candidate: $0, enrolment: enrolment) }
            }.sorted {
                ($0.candidate.className, $0.candidate.lastName, $0.candidate.firstName)
                    < ($1.candidate.className, $1.candidate.lastName, $1.candidate.firstName)
            }
            let attempts = try AttemptRow.filter(Column("sessionNumber") == number).order(Column("openedAt")).fetchAll(db).map(\.value)
            let results = try ResultSummaryRow.fetchAll(db, sql: """
                SELECT \(ResultSummaryRow.columns) FROM result WHERE sessionNumber = ? ORDER BY finishedAt, storedAt
                """, arguments: [number]).map(\.value)
            let alerts = try AlertRow.filter(Column("sessionNumber") == number).order(Column("raisedAt"), Column("id")).fetchAll(db).map(\.value)
            return SupervisionData(session: session, candidates: enrolled, attempts: attempts, results: results, alerts: alerts)
        }
    }

    public func supervise(_ action: SupervisionAction, log: SessionLogEntry) async throws -> Bool {
        try await write("action du surveillant") { db in
            let number = log.sessionNumber
            guard let session = try db.session(number: number), session.closedAt == nil else { return false }
            func openAttempt(_ id: String) throws -> Bool {
                try AttemptRow.filter(key: id).filter(Column("sessionNumber") == number)
                    .filter(sql: "id NOT IN (SELECT attemptId FROM result)").fetchCount(db) == 1
            }
            switch action {
            case let .confirmPresence(candidateId):
                try db.execute(sql: """
                    UPDATE sessionCandidate SET presenceConfirmedAt = ? WHERE sessionNumber = ? AND candidateId = ?
                    """, arguments: [log.at, number, candidateId])
                guard db.changesCount == 1 else { return false }
            case let .authorizeTransfer(attemptId):
                guard try openAttempt(attemptId) else { return false }
                try db.execute(sql: "UPDATE attempt SET transferAuthorized = 1 WHERE id = ?", arguments: [attemptId])
            case let .stopAttempt(attemptId, reason):
                guard try openAttempt(attemptId) else { return false }
                try db.execute(sql: "UPDATE attempt SET stopReason = ?, stoppedAt = ? WHERE id = ? AND stopReason IS NULL",
                               arguments: [reason, log.at, attemptId])
                guard db.changesCount == 1 else { return false }
            case let .replaceAccessCode(candidateId, salt, hash, demoCode):
                try db.execute(sql: """
                    UPDATE sessionCandidate SET codeSalt = ?, codeHash = ?, demoCode = CASE WHEN demoCode IS NULL THEN NULL ELSE ? END
                    WHERE sessionNumber = ? AND candidateId = ?
                    """, arguments: [salt, hash, demoCode, number, candidateId])
                guard db.changesCount == 1 else { return false }
            case let .replaceSurveillantCode(salt, hash, check):
                try db.execute(sql: "UPDATE session SET surveillantSalt = ?, surveillantHash = ?, surveillantCheck = ? WHERE number = ?",
                               arguments: [salt, hash, try jsonText(check), number])
            case .incident:
                break
            case let .decideAlert(alertId, accepted):
                try db.execute(sql: """
                    UPDATE alert SET status = ?, decidedAt = ? WHERE id = ? AND sessionNumber = ? AND status = ?
                    """, arguments: [accepted ? AlertStatus.accepted : AlertStatus.rejected, log.at, alertId, number, AlertStatus.pending])
                guard db.changesCount == 1 else { return false }
            case .close:
                try db.execute(sql: "UPDATE session SET closedAt = ? WHERE number = ?", arguments: [log.at, number])
            }
            try SessionLogRow(log).insert(db)
            return true
        }
    }

    public func sessionLog(session number: String) async throws -> [SessionLogEntry] {
        try await read("lecture du journal de l'épreuve") { db in
            try SessionLogRow.filter(Column("sessionNumber") == number).order(Column("id")).fetchAll(db).map(\.value)
        }
    }

    public func raiseAlert(_ alert: CandidateAlert) async throws -> CandidateAlert {
        try await write("enregistrement du signalement") { db in
            if let existing = try AlertRow.filter(Column("attemptId") == alert.attemptId && Column("questionId") == alert.questionId)
                .fetchOne(db)?.value {
                return existing
            }
            try AlertRow(alert).insert(db)
            return alert
        }
    }

    public func alerts(session number: String) async throws -> [CandidateAlert] {
        try await read("lecture des signalements") { db in
            // Cached: every result stored reads its session's alerts once more after its insert.
            try db.all(AlertRow.self, "SELECT * FROM alert WHERE sessionNumber = ? ORDER BY raisedAt, id", [number]).map(\.value)
        }
    }

    public func pollPresence(attemptId: String, terminalId: String, at: Date) async throws -> PresencePoll {
        try await write("attente de la confirmation de présence") { db in
            guard let attempt = try db.attempt(id: attemptId) else { return .unknownAttempt }
            guard attempt.terminalId == terminalId else { return .movedElsewhere }
            try db.execute(sql: "UPDATE attempt SET progressAt = ? WHERE id = ?", arguments: [at, attemptId])
            let confirmed = try Date.fetchOne(db, sql: """
                SELECT presenceConfirmedAt FROM sessionCandidate WHERE sessionNumber = ? AND candidateId = ?
                """, arguments: [attempt.sessionNumber, attempt.candidateId])
            return confirmed == nil ? .waiting : .confirmed
        }
    }

    public func rescoreResult(attemptId: String,
                              _ rescore: @escaping @Sendable (StoredResult, Set<String>) -> StoredResult) async throws -> StoredResult? {
        try await write("nouveau calcul de la note") { db in
            guard let current = try db.result(attemptId: attemptId) else { return nil }
            var changed = rescore(current, try db.acceptedAlerts(attemptId: attemptId))
            changed.attemptId = attemptId
            if changed != current { try ResultRow(changed).update(db) }
            return changed
        }
    }
}
