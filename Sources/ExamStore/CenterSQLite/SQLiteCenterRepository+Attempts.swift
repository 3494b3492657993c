import CenterService
import ExamKit
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening {
        try await write("ouverture de la tentative") { db in
            let sameCandidate = Column("sessionNumber") == attempt.sessionNumber && Column("candidateId") == attempt.candidateId
            if onePerCandidate, try ResultRow.filter(sameCandidate).fetchCount(db) > 0 { return .candidateHasResult }
            if let open = try AttemptRow.filter(sameCandidate)
                .filter(sql: "id NOT IN (SELECT attemptId FROM result)")
                .order(Column("openedAt").desc).fetchOne(db) {
                return .resumed(open.value)
            }
            try AttemptRow(attempt).insert(db)
            return .opened(attempt)
        }
    }

    public func attempt(id: String) async throws -> CenterAttempt? {
        try await read("lecture d'une tentative") { db in try AttemptRow.fetchOne(db, key: id)?.value }
    }

    public func openAttempt(session number: String, candidate id: String) async throws -> CenterAttempt? {
        try await read("lecture d'une tentative") { db in
            try AttemptRow.filter(Column("sessionNumber") == number && Column("candidateId") == id)
                .filter(sql: "id NOT IN (SELECT attemptId FROM result)")
                .order(Column("openedAt").desc).fetchOne(db)?.value
        }
    }

    public func attempts(session number: String) async throws -> [CenterAttempt] {
        try await read("lecture des tentatives") { db in
            try AttemptRow.filter(Column("sessionNumber") == number).order(Column("openedAt")).fetchAll(db).map(\.value)
        }
    }

    public func recordProgress(attemptId: String, terminalId: String, progress: AttemptSnapshot,
                               at: Date) async throws -> ProgressRecording {
        let text = try jsonText(progress)
        return try await write("suivi de la tentative") { db in
            guard let attempt = try AttemptRow.fetchOne(db, key: attemptId)?.value else { return .unknownAttempt }
            guard attempt.terminalId == terminalId else { return .movedElsewhere }
            if try ResultRow.exists(db, key: attemptId) { return .finished }
            try db.execute(sql: "UPDATE attempt SET progress = ?, progressAt = ? WHERE id = ?", arguments: [text, at, attemptId])
            return attempt.stopReason.map { .stopRequested(reason: $0) } ?? .recorded
        }
    }

    public func moveAttempt(id: String, from: String, to: String, at: Date) async throws -> Bool {
        try await write("reprise de la tentative sur un autre poste") { db in
            guard try !ResultRow.exists(db, key: id) else { return false }
            try db.execute(sql: """
                UPDATE attempt SET terminalId = ?, transferAuthorized = 0, progressAt = ? WHERE id = ? AND terminalId = ?
                """, arguments: [to, at, id, from])
            return db.changesCount == 1
        }
    }

    public func authorizeTransfer(attemptId: String, _ authorized: Bool) async throws -> Bool {
        try await write("autorisation de reprise") { db in
            guard try !ResultRow.exists(db, key: attemptId) else { return false }
            try db.execute(sql: "UPDATE attempt SET transferAuthorized = ? WHERE id = ?", arguments: [authorized, attemptId])
            return db.changesCount == 1
        }
    }
}

extension SQLiteCenterRepository {
    /// One snapshot, one trip to a reader: each result reads this.
    public func resultContext(session number: String, attemptId: String) async throws -> ResultContext {
        try await read("lecture d'une tentative") { db in
            // Cached statements: preparing them anew for every result cost more than reading the rows.
            let session = try SessionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE number = ?"), arguments: [number])?.value
            let attempt = try AttemptRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM attempt WHERE id = ?"), arguments: [attemptId])?.value
            let enrolment = try attempt.flatMap { attempt in
                try EnrolmentRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM sessionCandidate WHERE sessionNumber = ? AND candidateId = ?"),
                                          arguments: [number, attempt.candidateId])?.value
            }
            let accepted = try String.fetchAll(db.cachedStatement(sql: "SELECT questionId FROM alert WHERE attemptId = ? AND status = ?"),
                                               arguments: [attemptId, AlertStatus.accepted.rawValue])
            return ResultContext(session: session, attempt: attempt, enrolment: enrolment, acceptedAlerts: Set(accepted))
        }
    }
}
