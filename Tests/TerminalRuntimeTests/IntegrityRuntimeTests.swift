import Crypto
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI
import Testing

/// Issue 11 on the terminal: progress to the center, the surveillant's code for this session only,
/// « Reprendre ici », and an attempt that moved away.
@Suite struct IntegrityRuntimeTests {
    @Test func everyMoveAndEveryFiveSecondsReachTheCenterSignedWithTheAttemptsKey() async throws {
        let center = FakeCenter()
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        try await waitUntil { center.calls.withLock { $0.progress.count } >= 1 }
        runtime.receive()
        runtime.press(.character("b"))
        try await waitUntil { center.calls.withLock { $0.progress.last?.progress.selections.first } == [1] }
        runtime.receive()
        let count = center.calls.withLock { $0.progress.count }
        clock.advance(by: .seconds(5))
        runtime.tick()
        runtime.saveIfDue()
        try await waitUntil { center.calls.withLock { $0.progress.count } > count }
        let last = try #require(center.calls.withLock { $0.progress.last })
        #expect(last.hasValidMac(key: center.package.resultKey) && last.terminalId == "poste-1")
        #expect(last.progress.remainingMs == 40_000)
    }

    @Test func anAttemptMovedToAnotherTerminalStopsHereAndIsNeverSubmitted() async throws {
        let center = FakeCenter()
        let store = try RuntimeFixture.store()
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, store: store, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        center.moved.withLock { $0 = true }
        runtime.press(.character("a"))
        try await runtime.waitFor("Cette épreuve a été reprise sur un autre poste.")
        clock.advance(by: .seconds(120))
        runtime.tick()
        #expect(runtime.screen.contains("Cette épreuve a été reprise sur un autre poste."))
        #expect(center.calls.withLock { $0.submits } == 0)
        #expect(try store.interruptedAttempt() == nil)  // not resumable here
    }

    @Test func theSurveillantCodeIsCheckedForTheSessionOnScreenAndOfflineByTheSlowHash() async throws {
        let center = FakeCenter()
        let runtime = try RuntimeFixture.runtime(center)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        runtime.press(.function(12))
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Terminer cette tentative")
        #expect(center.calls.withLock { $0.surveillantChecks } == ["123456"])
        runtime.press(.escape)
        // The center cannot be reached: the package's slow hash decides.
        center.surveillantBehaviour.withLock { $0 = .fail }
        runtime.press(.function(12))
        runtime.type("111111")
        runtime.press(.enter)
        try await runtime.waitFor("Code surveillant incorrect.")
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Terminer cette tentative")
    }

    @Test func withNoSessionOnThisTerminalTheCodeCannotBeChecked() async throws {
        let runtime = try RuntimeFixture.runtime(FakeCenter())
        runtime.press(.function(12))
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Aucune épreuve n'a encore eu lieu sur ce poste")
    }

    @Test func reprendreIciBringsTheRunningAttemptToThisTerminalWhereItStood() async throws {
        let package = RuntimeFixture.package(progress: AttemptSnapshot(index: 1, phase: .answering, remainingMs: 12_000,
                                                                       selections: [[0], []], timeUsedMs: [45_000, 33_000]))
        let center = FakeCenter(login: .answer, package: package)
        center.elsewhere.withLock { $0 = true }
        let runtime = try RuntimeFixture.runtime(center)
        try await runtime.logIn()
        try await runtime.waitFor("Cette épreuve est déjà en cours sur un autre poste.")
        #expect(runtime.screen.contains("Faites appel au surveillant."))
        runtime.press(.function(12))
        runtime.type("482193")
        runtime.press(.enter)
        try await runtime.waitFor("Reprendre ici")
        runtime.press(.enter)
        try await runtime.waitFor("Question 2/2")
        #expect(runtime.screen.contains("0:12"))
    }

    @Test func rescueFilesAreSealedToTheCenter() async throws {
        let center = FakeCenter(submit: .fail)
        let store = try RuntimeFixture.store()
        let clock = ManualClock()
        let runtime = try RuntimeFixture.runtime(center, store: store, clock: clock)
        try await runtime.logIn()
        try await runtime.startExam()
        try await runtime.waitFor("Question 1/2")
        clock.advance(by: .seconds(90))
        runtime.tick()
        try await runtime.waitFor("L'enregistrement du résultat a échoué.")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secours-\(UUID().uuidString)").path
        let paths = try RescueFiles.write(try store.undeliveredForRescue(), to: folder)
        let data = try Data(contentsOf: URL(fileURLWithPath: try #require(paths.first)))
        let sealed = try JSONDecoder().decode(SealedRescue.self, from: data)
        let envelope = try sealed.open(centerPrivateKey: RuntimeFixture.centerKey)
        #expect(envelope.attemptId == "attempt-1" && envelope.format == "epreuve-result/2")
    }
}
