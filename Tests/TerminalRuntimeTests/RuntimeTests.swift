import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI
import Testing

/// The runtime never waits for the center: answers come back through the mailbox while the loop goes on.
@Suite struct RuntimeTests {
    @Test func aHangingLoginLeavesTheLoopFreeAndTheScreenSaysSo() async throws {
        let center = FakeCenter(login: .hang)
        defer { center.gate.open() }
        let runtime = try RuntimeFixture.runtime(center)
        try await runtime.logIn()
        // `handle` came back with the login still pending: the screen is drawn in its waiting state.
        #expect(runtime.screen.contains("Vérification…"))
        try await waitUntil { center.calls.withLock { $0.logins } == 1 }
        runtime.press(.character("z"), .escape)
        runtime.tick()
        #expect(runtime.receive() == 0)
        #expect(runtime.screen.contains("Vérification…"))
        center.gate.open()
        try await runtime.waitFor("Le centre d'examen ne répond pas : délai dépassé")
    }

    @Test func theCountdownMovesWhileTheCenterHangsOnSending() async throws {
        let center = FakeCenter(submit: .hang)
        defer { center.gate.open() }
        // A result of an earlier candidate waits in the outbox: the background sender hangs on it.
        let store = try RuntimeFixture.store()
        let earlier = RuntimeFixture.package(attemptId: "attempt-0")
        try store.beginAttempt(earlier, terminalId: "poste-1")
        try store.journal(attemptId: "attempt-0", event: .finished,
                          snapshot: AttemptSnapshot(index: 1, phase: .finished, remainingMs: nil, selections: [[0], [1]], timeUsedMs: [1, 1]))
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, store: store, clock: clock)
        runtime.start()
        defer { runtime.shutdown() }
        try await waitUntil { center.calls.withLock { $0.submits } >= 1 }

        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        #expect(runtime.screen.contains("0:45"))
        clock.advance(by: .seconds(10))
        runtime.tick()
        #expect(runtime.screen.contains("0:35"))
        clock.advance(by: .seconds(35))
        runtime.tick()
        #expect(runtime.screen.contains("Question 2/2"))

        // The candidate's own result hangs too: the end screen is drawn and stays responsive.
        clock.advance(by: .seconds(45))
        runtime.tick()
        #expect(runtime.screen.contains("Envoi du résultat…"))
        #expect(runtime.waitTimeout() == nil)
        try await waitUntil { center.calls.withLock { $0.submits } >= 2 }
        center.gate.open()
        try await runtime.waitFor("L'enregistrement du résultat a échoué.")
    }

    @Test func aFailingCenterIsSaidThenASucceedingOneDelivers() async throws {
        let center = FakeCenter(lookUp: .fail)
        let store = try RuntimeFixture.store()
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, store: store, clock: clock)
        runtime.press(.enter)
        runtime.type("123456")
        runtime.press(.enter)
        try await runtime.waitFor("Le centre d'examen ne répond pas : délai dépassé")

        center.lookUpBehaviour.withLock { $0 = .answer }
        runtime.press(.enter)
        try await runtime.waitFor("Code d'accès")
        runtime.type("ZZZZ-ZZZZ")
        runtime.press(.enter)
        try await runtime.waitFor("Code d'accès incorrect.")
        runtime.type("abcd2345")
        runtime.press(.enter)
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        runtime.press(.character("b"))
        // The answer is in the journal before the next frame.
        #expect(try store.interruptedAttempt()?.snapshot?.selections.first == [1])
        clock.advance(by: .seconds(90))
        runtime.tick()
        try await runtime.waitFor("Vos résultats sont bien enregistrés.")
        #expect(try store.outbox().map(\.state) == [.delivered])
        let envelope = try #require(try store.outbox().first).decodedEnvelope()
        #expect(envelope.questions.map(\.selected) == [["B"], []])
    }

    @Test func theBackgroundSenderTurnsAFailedEndScreenIntoASavedOne() async throws {
        let center = FakeCenter(submit: .fail)
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        clock.advance(by: .seconds(90))
        runtime.tick()
        try await runtime.waitFor("L'enregistrement du résultat a échoué.")
        // The center comes back: the background sender delivers and the screen says so by itself.
        center.setSubmit(.answer)
        runtime.start()
        defer { runtime.shutdown() }
        try await runtime.waitFor("Vos résultats sont bien enregistrés.")
    }

    @Test func anAttemptInterruptedHereResumesWithItsAnswersAndTimeLeft() async throws {
        let center = FakeCenter()
        let store = try RuntimeFixture.store()
        try store.beginAttempt(center.package, terminalId: "poste-1")
        try store.journal(attemptId: "attempt-1", event: .answeringStarted(index: 1),
                          snapshot: AttemptSnapshot(index: 1, phase: .answering, remainingMs: 20_000, selections: [[0], []],
                                                    timeUsedMs: [45_000, 25_000]))
        let runtime = try RuntimeFixture.runtime(center, store: store)
        try await runtime.logIn()
        try await runtime.waitFor("Question 2/2")
        #expect(runtime.screen.contains("0:20"))
    }

    @Test func anAttemptFinishedHereIsNotTakenTwiceAndItsResultIsSentAgain() async throws {
        let center = FakeCenter()
        let store = try RuntimeFixture.store()
        try store.beginAttempt(center.package, terminalId: "poste-1")
        try store.journal(attemptId: "attempt-1", event: .finished,
                          snapshot: AttemptSnapshot(index: 1, phase: .finished, remainingMs: nil, selections: [[0], [1]], timeUsedMs: [1, 1]))
        let runtime = try RuntimeFixture.runtime(center, store: store)
        try await runtime.logIn()
        try await runtime.waitFor("Vous avez déjà passé cette épreuve.")
        #expect(center.calls.withLock { $0.submits } == 1)
        #expect(try store.outbox().map(\.state) == [.delivered])
    }

    @Test func theSurveillantCodeOfTheSessionOpensThePanelAndAnotherDoesNot() async throws {
        let center = FakeCenter()
        let runtime = try RuntimeFixture.runtime(center)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        runtime.press(.function(12))
        runtime.type("111111")
        runtime.press(.enter)
        try await runtime.waitFor("Code surveillant incorrect.")
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Terminer cette tentative")
    }

    @Test func theSurveillantWritesTheRescueFileAfterThreeFailures() async throws {
        let center = FakeCenter(submit: .fail)
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        clock.advance(by: .seconds(90))
        runtime.tick()
        for _ in 0..<2 {
            try await runtime.waitFor("Réessayer")
            runtime.press(.enter)
        }
        try await runtime.waitFor("Récupérer le résultat")
        runtime.press(.enter)
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Dossier")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secours-\(UUID().uuidString)").path
        for _ in 0..<20 { runtime.press(.backspace) }
        runtime.type(folder)
        runtime.press(.enter)
        try await runtime.waitFor("Fichier de résultat écrit")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files == ["epreuve-123456-c1-attempt-.json"])
    }
}

/// Polls a condition on background work (5 s at most).
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for _ in 0..<500 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition never held", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// The journal never lies: an answer that cannot be written is never shown as chosen.
@Suite struct JournalFailureTests {
    @Test func aFullDiskStopsTheExamWithTheTimeFrozenAndNothingUnsavedShown() async throws {
        let center = FakeCenter()
        let real = try RuntimeFixture.store()
        let store = FillingStore(real)
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, store: store, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        runtime.press(.character("a"))
        #expect(runtime.screen.contains("(x) A"))
        clock.advance(by: .seconds(10))
        store.full.withLock { $0 = true }
        runtime.press(.character("b"))
        let screen = runtime.screen
        #expect(screen.contains("Enregistrement impossible sur ce poste. Faites appel au surveillant."))
        #expect(screen.contains("Question 1/2 · temps arrêté à 0:35"))
        #expect(!screen.contains("(x) B"))
        // The time no longer runs and nothing is submitted.
        clock.advance(by: .seconds(120))
        runtime.tick()
        #expect(runtime.screen.contains("temps arrêté à 0:35"))
        #expect(runtime.waitTimeout() == nil)
        #expect(try real.outbox().isEmpty)
        #expect(center.calls.withLock { $0.submits } == 0)
        // What was written stays: the first answer, resumable elsewhere.
        #expect(try real.interruptedAttempt()?.snapshot?.selections == [[0], []])
    }
}

@Suite struct SurveillantStopTests {
    @Test func theReasonOfAnAttemptEndedBySurveillantTravelsWithTheResult() async throws {
        let center = FakeCenter()
        let store = try RuntimeFixture.store()
        let runtime = try RuntimeFixture.runtime(center, store: store)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        runtime.press(.character("a"), .function(12))
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Terminer cette tentative")
        runtime.press(.down, .down, .down, .enter)
        runtime.type("Malaise du candidat")
        runtime.press(.enter)
        try await runtime.waitFor("Vos résultats sont bien enregistrés.")
        let envelope = try #require(try store.outbox().first).decodedEnvelope()
        #expect(envelope.stopReason == "Malaise du candidat")
        #expect(envelope.questions.map(\.selected) == [["A"], []])
    }
}
