import CenterService
import ExamKit
import ExamStore
import Foundation
import Testing

/// The console's actions and the candidate's side, through the service (SQLite).
@Suite struct SupervisionServiceTests {
    typealias F = CenterFixtures

    static func exam(clock: SettableWallClock, presence: Bool = false) async throws -> (CenterService, CenterService.CreatedSession) {
        let center = try F.service(clock: clock)
        _ = try await center.importCandidates([F.row("11111111111", "Alexandre", "Lily"), F.row("22222222222", "Bernard", "Hugo"),
                                               F.row("33333333333", "Dubois", "Chloé", extraTime: true)])
        var request = CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Test", startsAt: F.start)
        request.requiresPresence = presence
        return (center, try await center.createSession(request))
    }

    static func login(_ center: CenterService, _ created: CenterService.CreatedSession, _ index: Int,
                      terminal: String = "t1") async throws -> ExamPackage {
        guard case let .success(package) = try await center.login(number: created.session.number, code: created.codes[index].code,
                                                                   terminalId: terminal) else {
            throw CenterError("connexion refusée")
        }
        return package
    }

    static func snapshot(_ phase: AttemptSnapshot.Phase, index: Int = 1) -> AttemptSnapshot {
        AttemptSnapshot(index: index, phase: phase, remainingMs: 30_000, selections: [[], [], [], []], timeUsedMs: [0, 0, 0, 0])
    }

    @Test func aPresenceSessionMakesTheCandidateWaitUntilTheSurveillantConfirms() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock, presence: true)
        let package = try await Self.login(center, created, 0)
        #expect(package.awaitingPresence)
        let poll = PresenceRequest(attemptId: package.attemptId, terminalId: "t1", key: package.resultKey)
        #expect(try await center.pollPresence(poll) == .waiting)
        var board = try #require(try await center.liveBoard(session: created.session.number))
        let line = try #require(board.lines.first { $0.candidate.id == package.candidateId })
        #expect(line.state == .absent && line.awaitingPresence && line.terminalId == "t1")

        try await center.confirmPresence(session: created.session.number, candidate: package.candidateId)
        #expect(try await center.pollPresence(poll) == .confirmed)
        board = try #require(try await center.liveBoard(session: created.session.number))
        #expect(board.lines.first { $0.candidate.id == package.candidateId }?.state == .present)
        // Logging in again after the confirmation: no wait.
        #expect(try await !Self.login(center, created, 0).awaitingPresence)
    }

    @Test func aForgedPresencePollIsRefused() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock, presence: true)
        let package = try await Self.login(center, created, 0)
        await #expect(throws: ResultRefusal.badMac) {
            try await center.pollPresence(PresenceRequest(attemptId: package.attemptId, terminalId: "t1", key: "faux"))
        }
        await #expect(throws: ResultRefusal.badMac) {
            try await center.raiseAlert(AlertReport(attemptId: package.attemptId, terminalId: "t1", questionId: package.questions[0].id,
                                                    position: 1, kind: "illisible", key: "faux"))
        }
    }

    @Test func anAttemptEndedFromTheConsoleStopsItsTerminalAndKeepsTheReason() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock)
        let package = try await Self.login(center, created, 0)
        let report = ProgressReport(attemptId: package.attemptId, terminalId: "t1", progress: Self.snapshot(.answering), key: package.resultKey)
        #expect(try await center.recordProgress(report) == .recorded(surveillantCheck: created.session.surveillantCheck))
        try await center.stopAttempt(session: created.session.number, candidate: package.candidateId, reason: "Malaise")
        #expect(try await center.recordProgress(report) == .recorded(surveillantCheck: created.session.surveillantCheck, stopReason: "Malaise"))
        var board = try #require(try await center.liveBoard(session: created.session.number))
        #expect(board.lines.first { $0.candidate.id == package.candidateId }?.state == .stoppedBySurveillant)

        // A terminal that finished before it heard: the surveillant's reason stands.
        clock.advance(300)
        let envelope = F.envelope(for: package, choosing: { $0.answer })
        #expect(try await center.storeResult(envelope).isSuccess)
        let standing = try #require(try await center.standings(session: created.session).first { $0.candidate.id == package.candidateId })
        #expect(standing.verdict == .stoppedBySurveillant && standing.verdictText == "Arrêtée par le surveillant : Malaise")
        board = try #require(try await center.liveBoard(session: created.session.number))
        #expect(board.lines.first { $0.candidate.id == package.candidateId }?.state == .stoppedBySurveillant)
        await #expect(throws: CenterError.self) {
            try await center.stopAttempt(session: created.session.number, candidate: package.candidateId, reason: "Encore")
        }
        #expect(try await center.sessionLog(session: created.session.number).map(\.kind) == [.attemptStopped])
    }

    @Test func anAcceptedAlertLeavesTheQuestionOutOfTheScore() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock)
        let number = created.session.number
        let package = try await Self.login(center, created, 0)
        let question = package.questions[1]
        let alert = AlertReport(attemptId: package.attemptId, terminalId: "t1", questionId: question.id, position: 2, kind: "illisible",
                                key: package.resultKey)
        #expect(try await center.raiseAlert(alert) == .received)
        #expect(try await center.raiseAlert(alert) == .received)
        // Not the candidate's question at that place, or another terminal: refused.
        await #expect(throws: ResultRefusal.self) {
            try await center.raiseAlert(AlertReport(attemptId: package.attemptId, terminalId: "t1", questionId: question.id, position: 3,
                                                    kind: "illisible", key: package.resultKey))
        }
        #expect(try await center.raiseAlert(AlertReport(attemptId: package.attemptId, terminalId: "t2", questionId: question.id, position: 2,
                                                        kind: "autre", key: package.resultKey)) == .moved)
        let board = try #require(try await center.liveBoard(session: number))
        #expect(board.pendingAlerts.count == 1 && board.lines.first { $0.candidate.id == package.candidateId }?.pendingAlerts == 1)

        // The result comes first (every answer right), the decision after: the score is 3/3.
        clock.advance(300)
        // An exam's package holds no answer key: the center's catalog has it.
        #expect(try await center.storeResult(F.envelope(for: package, choosing: { F.catalog.question(id: $0.id)!.answer })).isSuccess)
        #expect(try await center.results(session: number).first?.score == 4)
        try await center.decideAlert(session: number, alertId: board.pendingAlerts[0].id, accept: true)
        let stored = try #require(try await center.results(session: number).first)
        #expect(stored.score == 3 && stored.questionCount == 3 && stored.passed && stored.neutralizedQuestionIds == [question.id])
        let standing = try #require(try await center.standings(session: created.session).first { $0.candidate.id == package.candidateId })
        #expect(standing.note == "3/3")
        let csv = String(decoding: try await center.exportResults(session: number), as: UTF8.self)
        #expect(csv.contains("Question neutralisée") && csv.contains("Q2 (\(question.id))"))
        let stats = try await center.statistics(session: number)
        #expect(stats.results.first?.card?.total == 3)
        #expect(stats.themes.reduce(0) { $0 + $1.questions } == 3)
    }

    @Test func anAlertAcceptedBeforeTheResultIsCountedWhenItComes() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock)
        let number = created.session.number
        let package = try await Self.login(center, created, 1)
        _ = try await center.raiseAlert(AlertReport(attemptId: package.attemptId, terminalId: "t1", questionId: package.questions[0].id,
                                                    position: 1, kind: "affichage", key: package.resultKey))
        let alertId = try #require(try await center.liveBoard(session: number)?.pendingAlerts.first?.id)
        try await center.decideAlert(session: number, alertId: alertId, accept: true)
        await #expect(throws: CenterError.self) { try await center.decideAlert(session: number, alertId: alertId, accept: false) }
        clock.advance(300)
        // One right answer out of the three counted: 1 × 4 < 2 × 3, not admitted.
        var right = 0
        #expect(try await center.storeResult(F.envelope(for: package, choosing: { question in
            let answer = F.catalog.question(id: question.id)!.answer
            guard question.id != package.questions[0].id, right == 0 else { return answer == [0] ? [1] : [0] }
            right += 1
            return answer
        })).isSuccess)
        let stored = try #require(try await center.results(session: number).first)
        #expect(stored.questionCount == 3 && stored.score == 1 && !stored.passed)
    }

    @Test func closingMarksAbsentsLocksTheSessionAndWritesTheProcesVerbal() async throws {
        let clock = SettableWallClock(F.start.addingTimeInterval(60))
        let (center, created) = try await Self.exam(clock: clock)
        let number = created.session.number
        let running = try await Self.login(center, created, 0)
        _ = try await center.recordProgress(ProgressReport(attemptId: running.attemptId, terminalId: "t1", progress: Self.snapshot(.answering),
                                                           key: running.resultKey))
        let done = try await Self.login(center, created, 1, terminal: "t2")
        clock.advance(300)
        #expect(try await center.storeResult(F.envelope(for: done, choosing: { $0.answer }, terminal: "t2")).isSuccess)
        try await center.recordIncident(session: number, candidate: nil, text: "Coupure de courant de 2 minutes")

        await #expect(throws: CenterError.self) { try await center.closeSession(number: number, force: false) }
        let closing = try await center.closeSession(number: number, force: true)
        #expect(closing.forced.map(\.candidate.id) == [running.candidateId])
        #expect(closing.standings.count { $0.verdict == .absent } == 2)
        let text = closing.procesVerbal
        #expect(text.contains("PROCÈS-VERBAL DE L'ÉPREUVE \(number)"))
        #expect(text.contains("Coupure de courant de 2 minutes"))
        #expect(text.contains("absents : 2"))
        #expect(text.contains("Épreuve close"))

        // Locked: no login, no result, no action, no second close.
        #expect(try await center.login(number: number, code: created.codes[2].code, terminalId: "t3")
                == .failure(.notActive(.finished, startsAt: created.session.startsAt)))
        guard case .failure(.invalid) = try await center.storeResult(F.envelope(for: running, choosing: { $0.answer })) else {
            Issue.record("a result after the close was taken")
            return
        }
        await #expect(throws: CenterError.self) { try await center.recordIncident(session: number, candidate: nil, text: "après") }
        await #expect(throws: CenterError.self) { try await center.closeSession(number: number, force: true) }
        #expect(try await center.lookUp(number: number)?.state == .finished)
    }
}
