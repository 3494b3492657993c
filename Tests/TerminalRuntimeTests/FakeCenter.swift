import Crypto
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Synchronization
import TerminalRuntime
import TerminalUI
import Testing

/// Holds callers until opened: a center that does not answer.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A center whose every route can answer, fail, or hang until the test lets it go.
final class FakeCenter: CenterClient {
    enum Behaviour: Sendable { case answer, fail, hang }

    struct Calls: Sendable {
        var lookUps = 0
        var logins = 0
        var submits = 0
        var surveillantChecks: [String] = []
        var progress: [ProgressReport] = []
        var alerts: [AlertReport] = []
        var presencePolls = 0
    }

    let lookUpBehaviour: Mutex<Behaviour>
    let loginBehaviour: Mutex<Behaviour>
    let submitBehaviour: Mutex<Behaviour>
    let progressBehaviour = Mutex(Behaviour.answer)
    let surveillantBehaviour = Mutex(Behaviour.answer)
    /// The center moved the attempt to another terminal: progress and results are refused.
    let moved = Mutex(false)
    /// The candidate's attempt runs on another terminal: logins are refused, a transfer brings it.
    let elsewhere = Mutex(false)
    /// What a presence poll answers (`--presence` sessions).
    let presence = Mutex(PresenceAnswer.waiting)
    let calls = Mutex(Calls())
    let gate = Gate()
    let package: ExamPackage

    init(lookUp: Behaviour = .answer, login: Behaviour = .answer, submit: Behaviour = .answer, package: ExamPackage = RuntimeFixture.package()) {
        lookUpBehaviour = Mutex(lookUp)
        loginBehaviour = Mutex(login)
        submitBehaviour = Mutex(submit)
        self.package = package
    }

    func setSubmit(_ behaviour: Behaviour) { submitBehaviour.withLock { $0 = behaviour } }

    private func behave(_ behaviour: Behaviour) async throws(DeliveryError) {
        switch behaviour {
        case .answer: return
        case .fail: throw DeliveryError("délai dépassé")
        case .hang:
            await gate.wait()
            throw DeliveryError("délai dépassé")
        }
    }

    func session(number: String) async throws(DeliveryError) -> SessionInfo? {
        calls.withLock { $0.lookUps += 1 }
        try await behave(lookUpBehaviour.withLock { $0 })
        return number == package.session.number ? package.session : nil
    }

    func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        calls.withLock { $0.logins += 1 }
        try await behave(loginBehaviour.withLock { $0 })
        guard AccessCode.normalize(code) == "ABCD2345" else { return .failure(.wrongCode) }
        return elsewhere.withLock { $0 } ? .failure(.runningElsewhere) : .success(package)
    }

    func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal> {
        calls.withLock { $0.submits += 1 }
        try await behave(submitBehaviour.withLock { $0 })
        if moved.withLock({ $0 }) { return .failure(.attemptMoved) }
        return .success(.stored(score: nil, outOf: nil))
    }

    func checkSurveillantCode(number: String, code: String, terminalId: String) async throws(DeliveryError) -> SurveillantCheck {
        calls.withLock { $0.surveillantChecks.append(number) }
        try await behave(surveillantBehaviour.withLock { $0 })
        guard number == package.session.number else { return .unknownSession }
        return code == "482193" ? .accepted : .wrongCode
    }

    func reportProgress(_ report: ProgressReport) async throws(DeliveryError) -> ProgressReceipt {
        calls.withLock { $0.progress.append(report) }
        try await behave(progressBehaviour.withLock { $0 })
        guard report.hasValidMac(key: package.resultKey) else { return .unknownAttempt }
        return moved.withLock { $0 } ? .moved : .recorded(surveillantCheck: package.surveillantCheck)
    }

    func transfer(number: String, code: String, surveillantCode: String,
                  terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        guard surveillantCode == "482193" else { return .failure(.surveillantCodeWrong) }
        return AccessCode.normalize(code) == "ABCD2345" ? .success(package) : .failure(.wrongCode)
    }

    func raiseAlert(_ report: AlertReport) async throws(DeliveryError) -> AlertReceipt {
        calls.withLock { $0.alerts.append(report) }
        guard report.hasValidMac(key: package.resultKey) else { return .unknownAttempt }
        return moved.withLock { $0 } ? .moved : .received
    }

    func pollPresence(_ request: PresenceRequest) async throws(DeliveryError) -> PresenceAnswer {
        calls.withLock { $0.presencePolls += 1 }
        guard request.hasValidMac(key: package.resultKey) else { return .unknownAttempt }
        return moved.withLock { $0 } ? .moved : presence.withLock { $0 }
    }
}

enum RuntimeFixture {
    static func question(_ number: Int) -> Question {
        Question(id: "q\(number)", theme: "vitesse", competence: "Adapter sa vitesse", prompt: "Question \(number) ?",
                 choices: ["Oui.", "Non."], answer: [], explanation: "", expectsSeveralAnswers: false)
    }

    static func package(attemptId: String = "attempt-1", questions: Int = 2, progress: AttemptSnapshot? = nil) -> ExamPackage {
        ExamPackage(
            attemptId: attemptId,
            session: SessionInfo(number: "123456", name: "Essai", profileId: "ASSR1", profileTitle: "Attestation de test",
                                 kind: .examen, state: .active, startsAt: Date(), endsAt: Date().addingTimeInterval(3600)),
            candidateId: "c1", firstName: "Lily", lastName: "Alexandre", className: "5A", extraTime: false, bank: "assr1",
            questions: (1...questions).map(question), timing: AttemptTiming(answerSeconds: 45), passMark: 1,
            contentDigest: "d", resultKey: "clé", surveillantCheck: Self.offlineCheck,
            centerPublicKey: Self.centerKey.publicKey.rawRepresentation.base64EncodedString(),
            themes: [Theme(id: "vitesse", label: "Vitesse")], progress: progress)
    }

    /// The surveillant code 482193, for checks without the center.
    static let offlineCheck = try! SlowCodeHash.make("482193", cost: 1 << 10)
    /// The center's private key (raw): rescue files are sealed to its public half.
    static let centerKeyBytes = Curve25519.KeyAgreement.PrivateKey().rawRepresentation
    static var centerKey: Curve25519.KeyAgreement.PrivateKey { try! .init(rawRepresentation: centerKeyBytes) }

    static func store() throws -> TerminalStore {
        try TerminalStore(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("runtime-\(UUID().uuidString)/terminal.sqlite").path)
    }

    static func runtime(_ center: FakeCenter, store: (any TerminalStorage)? = nil, clock: ManualClock = ManualClock()) throws -> TerminalRuntime {
        let environment = RuntimeEnvironment(store: try store ?? Self.store(), client: center, clock: clock,
                                             wallClock: SystemWallClock(), terminalId: "poste-1")
        let app = TerminalApp(configuration: AppConfiguration(defaultRescueDirectory: "/tmp/secours"))
        return TerminalRuntime(app: app, environment: environment)
    }
}

extension TerminalRuntime {
    func press(_ keys: Key...) {
        for key in keys { handle(key) }
    }

    func type(_ text: String) {
        for character in text { handle(.character(character)) }
    }

    var screen: String { frame(width: 80, height: 24).text }

    /// Takes the answers that arrive until `condition` holds on screen (5 s at most).
    func waitForScreen(_ condition: (String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<500 {
            receive()
            if condition(screen) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the screen never got there:\n\(screen)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitForScreen({ $0.contains(text) }, sourceLocation: sourceLocation)
    }

    /// Home → number → code, answered by the center.
    func logIn() async throws {
        press(.enter)
        type("123456")
        press(.enter)
        try await waitFor("Code d'accès")
        type("abcd-2345")
        press(.enter)
    }

    /// Identity → tutorial → « Commencer l'épreuve ».
    func startExam() async throws {
        try await waitFor("Vérifiez votre identité")
        press(.enter)
        for _ in 0..<4 { press(.enter) }
        press(.enter)
    }
}

/// The real store, with a disk that fills up on demand.
final class FillingStore: TerminalStorage {
    let store: TerminalStore
    let full = Mutex(false)

    init(_ store: TerminalStore) { self.store = store }

    private func check() throws {
        if full.withLock({ $0 }) { throw StoreError("journal : disque plein, rien n'a été enregistré") }
    }

    func beginAttempt(_ package: ExamPackage, terminalId: String) throws { try store.beginAttempt(package, terminalId: terminalId) }
    func journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot) throws {
        try check()
        try store.journal(attemptId: attemptId, event: event, snapshot: snapshot)
    }
    func recordStop(attemptId: String, reason: String) throws {
        try check()
        try store.recordStop(attemptId: attemptId, reason: reason)
    }
    func saveSnapshot(attemptId: String, snapshot: AttemptSnapshot) throws {
        try check()
        try store.saveSnapshot(attemptId: attemptId, snapshot: snapshot)
    }
    func interruptedAttempt() throws -> TerminalStore.Interrupted? { try store.interruptedAttempt() }
    func interruptedAttempt(examNumber: String, candidateId: String) throws -> TerminalStore.Interrupted? {
        try store.interruptedAttempt(examNumber: examNumber, candidateId: candidateId)
    }
    func latestPackage() throws -> ExamPackage? { try store.latestPackage() }
    func latestPackage(examNumber: String) throws -> ExamPackage? { try store.latestPackage(examNumber: examNumber) }
    func updateSurveillantCheck(examNumber: String, check: SlowCodeHash) throws {
        try store.updateSurveillantCheck(examNumber: examNumber, check: check)
    }
    func undeliveredForRescue() throws -> [(envelope: ResultEnvelope, centerPublicKey: String?)] { try store.undeliveredForRescue() }
    func markMoved(attemptId: String) throws { try store.markMoved(attemptId: attemptId) }
    func outbox() throws -> [OutboxRecord] { try store.outbox() }
    func practiceProfiles() throws -> [String] { try store.practiceProfiles() }
    func addPracticeProfile(_ name: String) throws -> String { try store.addPracticeProfile(name) }
    func recordPractice(_ entry: PracticeResult) throws -> Int64 { try store.recordPractice(entry) }
    func outboxEntry(attemptId: String) throws -> OutboxRecord? { try store.outboxEntry(attemptId: attemptId) }
    func undelivered() throws -> [OutboxRecord] { try store.undelivered() }
    func markDelivered(attemptId: String) throws { try store.markDelivered(attemptId: attemptId) }
    func markFailed(attemptId: String, error: String, nextTryAt: Date) throws {
        try store.markFailed(attemptId: attemptId, error: error, nextTryAt: nextTryAt)
    }
}
