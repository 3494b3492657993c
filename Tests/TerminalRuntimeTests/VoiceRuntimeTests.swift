import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Speech
import TerminalRuntime
import TerminalUI
import Testing

/// Reading aloud in the runtime: the voice is made when a session asks for it, and says what the
/// interface asks without holding the loop.
@Suite struct VoiceRuntimeTests {
    func runtime(_ center: FakeCenter, voice: Voice, clock: ManualClock) throws -> TerminalRuntime {
        let environment = RuntimeEnvironment(store: try RuntimeFixture.store(), client: center, clock: clock,
                                             wallClock: SystemWallClock(), terminalId: "poste-1", voice: voice)
        return TerminalRuntime(app: TerminalApp(configuration: AppConfiguration(defaultRescueDirectory: "/tmp/secours")),
                               environment: environment)
    }

    @Test func anAERPackageGetsAVoiceMadeOnDemandThatReadsEachQuestion() async throws {
        var package = RuntimeFixture.package()
        package.timing = package.timing.reading(wordsPerMinute: 160)
        let center = FakeCenter(package: package)
        let recorder = RecordingSynthesizer()
        let made = Counter()
        let voice = Voice(make: { () throws(SpeechUnavailable) -> any SpeechSynthesizer in
            made.increment()
            return recorder
        })
        let clock = ManualClock()
        let runtime = try runtime(center, voice: voice, clock: clock)
        try await runtime.logIn()
        try await runtime.waitFor("Vérifiez votre identité")
        await runtime.settle()
        runtime.receive()
        try await runtime.startExam()
        try await runtime.waitFor("Lecture de la question…")
        #expect(made.value == 1)
        #expect(recorder.saidTexts == ["Question 1 sur 2.\nQuestion 1 ?\nUne seule réponse est attendue.\nRéponse A : Oui.\nRéponse B : Non."])
        runtime.press(.character("m"))
        #expect(recorder.saidTexts.last == "A, non cochée.\nOui.")
    }

    @Test func aTerminalThatCannotSpeakSaysWhyAndRunsTheExamUnread() async throws {
        var package = RuntimeFixture.package()
        package.timing = package.timing.reading(wordsPerMinute: 160)
        let center = FakeCenter(package: package)
        let voice = Voice(make: { () throws(SpeechUnavailable) -> any SpeechSynthesizer in
            throw SpeechUnavailable(.libraryMissing("libespeak-ng.so.1"))
        })
        let runtime = try runtime(center, voice: voice, clock: ManualClock())
        try await runtime.logIn()
        try await runtime.waitFor("Vérifiez votre identité")
        await runtime.settle()
        runtime.receive()
        runtime.press(.enter)
        for _ in 0..<4 { runtime.press(.enter) }
        try await runtime.waitFor("espeak-ng est absente (libespeak-ng.so.1 introuvable")
        runtime.press(.enter)
        try await runtime.waitFor("0:45")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
