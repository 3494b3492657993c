import CenterService
import ExamKit
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func openAttempt(_ attempt: CenterAttempt, onePerCandidate: Bool) async throws -> AttemptOpening {
        try await write("ouverture de la tentative") { db in
            let pair: StatementArguments = [attempt.sessionNumber, attempt.candidateId]
            if onePerCandidate, try db.exists("SELECT 1 FROM result WHERE sessionNumber = ? AND candidateId = ?", pair) {
                return .candidateHasResult
            }
            if let open = try db.one(AttemptRow.self, Self.openAttemptSQL, pair) { return .resumed(open.value) }
            try AttemptRow(attempt).insert(db)
            return .opened(attempt)
        }
    }

    /// The candidate's latest attempt in the session that has no result.
    static let openAttemptSQL = """
        SELECT * FROM attempt WHERE sessionNumber = ? AND candidateId = ? AND id NOT IN (SELECT attemptId FROM result)
        ORDER BY openedAt DESC LIMIT 1
        """

    public func attempt(id: String) async throws -> CenterAttempt? {
        try await read("lecture d'une tentative") { db in try db.attempt(id: id) }
    }

    public func openAttempt(session number: String, candidate id: String) async throws -> CenterAttempt? {
        try await read("lecture d'une tentative") { db in
            try db.one(AttemptRow.self, Self.openAttemptSQL, [number, id])?.value
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
            guard let attempt = try db.attempt(id: attemptId) else { return .unknownAttempt }
            guard attempt.terminalId == terminalId else { return .movedElsewhere }
            if try db.hasResult(attemptId: attemptId) { return .finished }
            try db.run("UPDATE attempt SET progress = ?, progressAt = ? WHERE id = ?", [text, at, attemptId])
            return attempt.stopReason.map { .stopRequested(reason: $0) } ?? .recorded
        }
    }

    public func moveAttempt(id: String, from: String, to: String, at: Date) async throws -> Bool {
        try await write("reprise de la tentative sur un autre poste") { db in
            guard try !db.hasResult(attemptId: id) else { return false }
            try db.execute(sql: """
                UPDATE attempt SET terminalId = ?, transferAuthorized = 0, progressAt = ? WHERE id = ? AND terminalId = ?
                """, arguments: [to, at, id, from])
            return db.changesCount == 1
        }
    }

    public func authorizeTransfer(attemptId: String, _ authorized: Bool) async throws -> Bool {
        try await write("autorisation de reprise") { db in
            guard try !db.hasResult(attemptId: attemptId) else { return false }
            try db.execute(sql: "UPDATE attempt SET transferAuthorized = ? WHERE id = ?", arguments: [authorized, attemptId])
            return db.changesCount == 1
        }
    }
}

extension SQLiteCenterRepository {
    /// One snapshot, one trip to a reader: each result reads this.
    public func resultContext(session number: String, attemptId: String) async throws -> ResultContext {
        try await read("lecture d'une tentative") { db in
            let session = try db.session(number: number)
            let attempt = try db.attempt(id: attemptId)
            let enrolment = try attempt.flatMap { try db.enrolment(session: number, candidate: $0.candidateId) }
            return ResultContext(session: session, attempt: attempt, enrolment: enrolment,
                                 acceptedAlerts: try db.acceptedAlerts(attemptId: attemptId))
        }
    }
}
