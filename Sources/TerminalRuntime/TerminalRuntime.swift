import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

/// Carries out what the interface asks (`AppEffect`) and brings answers back, without ever blocking:
/// the network, rescue files and the practice history run as tasks that post their answer into the
/// mailbox; only the journal is written on the spot, because an answer must be on disk before the
/// screen shows it chosen. Lives on one thread (the event loop's).
public final class TerminalRuntime {
    /// An answer from background work.
    enum Message: Sendable {
        case host(HostResponse)
        /// A login accepted by the center and admitted here; the package is kept for the surveillant check.
        case admitted(ExamPackage, Result<LoginGrant, LoginFailure>)
        /// The background sender delivered this attempt's result.
        case delivered(attemptId: String)
        /// A progress report came back (the next waiting one may go).
        case progressAnswered(attemptId: String, ProgressReceipt?)
    }

    public private(set) var app: TerminalApp
    let environment: RuntimeEnvironment
    let delivery: Delivery
    let submitter: OutboxSubmitter
    let mailbox = Mailbox<Message>()
    /// Packages received at login in this run, by attempt id.
    private(set) var packages: [String: ExamPackage] = [:]
    /// Background tasks started and not finished yet (tests wait for them).
    private let tasks = TaskCounter()
    private let progress = ProgressReporter()
    private var lastSnapshotSave = MonotonicInstant(nanoseconds: 0)
    public private(set) var isRunning = true

    public init(app: TerminalApp, environment: RuntimeEnvironment) {
        self.app = app
        self.environment = environment
        delivery = Delivery(store: environment.store, client: environment.client, clock: environment.wallClock)
        submitter = OutboxSubmitter(delivery: delivery)
    }

    /// The read end of the wake pipe: readable when an answer waits.
    public var wakeDescriptor: Int32 { mailbox.wakeDescriptor }
    /// Signal handlers write here to wake the loop.
    public var signalDescriptor: Int32 { mailbox.signalDescriptor }

    var now: MonotonicInstant { environment.clock.now() }

    /// Starts sending finished results in the background (also after the candidate has left).
    public func start() {
        let mailbox = self.mailbox
        submitter.start { attemptId in mailbox.post(.delivered(attemptId: attemptId)) }
    }

    /// Saves the running attempt and stops background sending; the process may end right after.
    public func shutdown() {
        saveRunningAttempt()
        submitter.stop()
        isRunning = false
    }

    // MARK: The loop's steps

    public func handle(_ key: Key) {
        perform(app.handle(.key(key), at: now))
    }

    /// Applies deadlines that passed.
    public func tick() {
        perform(app.tick(at: now))
    }

    /// Hands every answer that arrived to the interface; returns how many there were.
    @discardableResult
    public func receive() -> Int {
        let messages = mailbox.drain()
        for message in messages {
            switch message {
            case let .host(response):
                respond(response)
            case let .admitted(package, result):
                if case .success = result { packages[package.attemptId] = package }
                respond(.loggedIn(result))
            case let .delivered(attemptId):
                if app.showsEndScreen(of: attemptId) { respond(.submission(.success(()))) }
            case let .progressAnswered(attemptId, receipt):
                progressAnswered(attemptId: attemptId, receipt)
            }
        }
        return messages.count
    }

    /// The frame of the current state at the terminal's size.
    public func frame(width: Int, height: Int) -> Frame {
        app.frame(width: width, height: height, at: now)
    }

    /// Milliseconds until the next deadline or countdown change; nil (wait for a key or an answer) when
    /// nothing moves by itself. At most one second during an exam so the time left is saved regularly.
    public func waitTimeout() -> Int? {
        let current = now
        var wait: Int? = app.nextWakeUp(at: current).map { max(0, ($0 - current).millisecondsValue + 1) }
        if app.isInExam { wait = min(wait ?? 1000, 1000) }
        return wait
    }

    /// Saves the time left once a second during an exam, and tells the center every 5 s.
    public func saveIfDue() {
        let current = now
        if app.isInExam, current - lastSnapshotSave >= .seconds(1) { saveRunningAttempt() }
        if app.isInExam, progress.isDue(at: current), let (attemptId, snapshot) = app.runningAttempt(at: current) {
            reportProgress(attemptId: attemptId, snapshot: snapshot)
        }
    }

    /// `epreuve practice`: straight to the profile, bank, themes or first question, as far as the arguments go.
    public func openPractice(profileName: String?, bank: String?, themes: [String]) {
        perform(app.openPractice(profileName: profileName, bank: bank, themes: themes, at: now))
    }

    /// Waits until every background task started so far has posted its answer (tests).
    public func settle() async {
        await tasks.waitUntilIdle()
    }

    // MARK: Effects

    private func respond(_ response: HostResponse) {
        perform(app.handle(.response(response), at: now))
    }

    func perform(_ effects: [AppEffect]) {
        for effect in effects {
            switch effect {
            case let .journal(attemptId, event, snapshot):
                // Nothing after an entry that could not be written: no submission of a result the
                // journal does not hold, and the screen stops before it shows the answer chosen.
                guard journal(attemptId: attemptId, event: event, snapshot: snapshot) else { return }
                // Only what the journal holds is reported: another terminal resumes from nothing else.
                reportProgress(attemptId: attemptId, snapshot: snapshot)
            case let .say(text, wordsPerMinute):
                environment.voice.say(text, wordsPerMinute: wordsPerMinute)
            case .stopSpeaking:
                environment.voice.interrupt()
            case .prepareSpeech:
                let voice = environment.voice
                background { mailbox in mailbox.post(.host(.speechPrepared(problem: voice.prepare()))) }
            case let .stopAttempt(attemptId, reason):
                do {
                    try environment.store.recordStop(attemptId: attemptId, reason: reason)
                } catch {
                    respond(.journalFailed(FileProblem.describe(error)))
                    return
                }
            case let .lookUpExam(number):
                let client = environment.client
                background { mailbox in
                    let answer: Result<SessionInfo?, DeliveryError>
                    do throws(DeliveryError) { answer = .success(try await client.session(number: number)) } catch { answer = .failure(error) }
                    mailbox.post(.host(.examLookedUp(CenterAnswers.lookUp(answer))))
                }
            case let .login(number, code):
                let client = environment.client
                let terminalId = environment.terminalId
                let admission = AttemptAdmission(store: environment.store, delivery: delivery, terminalId: terminalId)
                background { mailbox in
                    do throws(DeliveryError) {
                        switch try await client.login(number: number, code: code, terminalId: terminalId) {
                        case let .failure(refusal):
                            mailbox.post(.host(.loggedIn(.failure(CenterAnswers.refusal(refusal)))))
                        case let .success(package):
                            mailbox.post(.admitted(package, await admission.admit(package)))
                        }
                    } catch {
                        mailbox.post(.host(.loggedIn(.failure(.unreachable(error.message)))))
                    }
                }
            case let .transferAttempt(number, accessCode, surveillantCode):
                let client = environment.client
                let terminalId = environment.terminalId
                let admission = AttemptAdmission(store: environment.store, delivery: delivery, terminalId: terminalId)
                background { mailbox in
                    do throws(DeliveryError) {
                        switch try await client.transfer(number: number, code: accessCode, surveillantCode: surveillantCode,
                                                         terminalId: terminalId) {
                        case let .failure(refusal):
                            mailbox.post(.host(.loggedIn(.failure(CenterAnswers.refusal(refusal)))))
                        case let .success(package):
                            mailbox.post(.admitted(package, await admission.admit(package)))
                        }
                    } catch {
                        mailbox.post(.host(.loggedIn(.failure(.unreachable(error.message)))))
                    }
                }
            case let .submitResult(attemptId):
                let delivery = self.delivery
                background { mailbox in
                    switch await delivery.deliver(attemptId: attemptId) {
                    case .delivered: mailbox.post(.host(.submission(.success(()))))
                    case let .failed(message): mailbox.post(.host(.submission(.failure(SubmissionFailure(message: message)))))
                    case .superseded: mailbox.post(.host(.attemptMoved(attemptId: attemptId)))
                    }
                }
            case let .checkSurveillantCode(code, examNumber):
                let authority = SurveillantAuthority(store: environment.store, client: environment.client,
                                                     terminalId: environment.terminalId)
                let known = Array(packages.values)
                let store = environment.store
                background { mailbox in
                    mailbox.post(.host(await authority.check(code, examNumber: examNumber, packages: known)))
                    mailbox.post(.host(.deliveryStatus(OutboxTools.status(store))))
                }
            case let .exportRescue(directory):
                let store = environment.store
                background { mailbox in
                    mailbox.post(.host(.rescueExported(OutboxTools.exportRescue(store, to: directory))))
                }
            case let .rememberPracticeProfile(name):
                let store = environment.store
                // A failure costs the profile list only, never the session on screen.
                background { _ in _ = try? store.addPracticeProfile(name) }
            case let .savePracticeResult(result):
                let store = environment.store
                let finishedAt = environment.wallClock.now()
                background { _ in
                    var entry = result
                    entry.finishedAt = finishedAt
                    _ = try? store.recordPractice(entry)
                }
            case let .reportProblem(attemptId, questionId, position, kind):
                guard let package = packages[attemptId] else {
                    respond(.problemReported(attemptId: attemptId, delivered: false))
                    continue
                }
                let report = AlertReport(attemptId: attemptId, terminalId: environment.terminalId, questionId: questionId,
                                         position: position, kind: kind.rawValue, key: package.resultKey)
                let client = environment.client
                background { mailbox in
                    let receipt = try? await client.raiseAlert(report)
                    mailbox.post(.host(.problemReported(attemptId: attemptId, delivered: receipt == .received)))
                }
            case let .pollPresence(attemptId):
                guard let package = packages[attemptId] else {
                    respond(.presence(attemptId: attemptId, confirmed: false))
                    continue
                }
                let request = PresenceRequest(attemptId: attemptId, terminalId: environment.terminalId, key: package.resultKey)
                let client = environment.client
                background { mailbox in
                    switch try? await client.pollPresence(request) {
                    case .confirmed?: mailbox.post(.host(.presence(attemptId: attemptId, confirmed: true)))
                    case .moved?: mailbox.post(.host(.attemptMoved(attemptId: attemptId)))
                    // Not yet, or the center cannot be asked now: the screen asks again a little later.
                    case .waiting?, .unknownAttempt?, nil: mailbox.post(.host(.presence(attemptId: attemptId, confirmed: false)))
                    }
                }
            case .quit:
                saveRunningAttempt()
                isRunning = false
            }
        }
    }

    /// Written before the next frame. On failure the interface stops the exam; returns false.
    private func journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot) -> Bool {
        do {
            try environment.store.journal(attemptId: attemptId, event: event, snapshot: snapshot)
            return true
        } catch {
            respond(.journalFailed(FileProblem.describe(error)))
            return false
        }
    }

    /// Queues the attempt's state for the center (signed with the attempt's key).
    private func reportProgress(attemptId: String, snapshot: AttemptSnapshot) {
        guard let package = packages[attemptId] else { return }
        let report = ProgressReport(attemptId: attemptId, terminalId: environment.terminalId, progress: snapshot, key: package.resultKey)
        let client = environment.client
        progress.report(report, at: now) { report in
            background { mailbox in
                let receipt = try? await client.reportProgress(report)
                mailbox.post(.progressAnswered(attemptId: report.attemptId, receipt))
            }
        }
    }

    private func progressAnswered(attemptId: String, _ receipt: ProgressReceipt?) {
        let client = environment.client
        progress.finished(at: now) { report in
            background { mailbox in
                mailbox.post(.progressAnswered(attemptId: report.attemptId, try? await client.reportProgress(report)))
            }
        }
        switch receipt {
        case .moved?:
            // Another terminal has the attempt: nothing here counts any more, nothing is sent.
            progress.reset()
            try? environment.store.markMoved(attemptId: attemptId)
            respond(.attemptMoved(attemptId: attemptId))
        case let .recorded(check, stopReason)?:
            if let stopReason { respond(.stoppedBySurveillant(attemptId: attemptId, reason: stopReason)) }
            guard let check, let package = packages[attemptId], package.surveillantCheck != check else { return }
            packages[attemptId]?.surveillantCheck = check
            let store = environment.store
            let number = package.session.number
            background { _ in try? store.updateSurveillantCheck(examNumber: number, check: check) }
        default:
            break
        }
    }

    private func saveRunningAttempt() {
        let current = now
        lastSnapshotSave = current
        guard let (attemptId, snapshot) = app.runningAttempt(at: current) else { return }
        do {
            try environment.store.saveSnapshot(attemptId: attemptId, snapshot: snapshot)
        } catch {
            // A disk that cannot keep the time left cannot keep answers either.
            respond(.journalFailed(FileProblem.describe(error)))
        }
    }

    /// Runs work off the loop; its answer comes back through the mailbox.
    private func background(_ work: @escaping @Sendable (Mailbox<Message>) async -> Void) {
        let mailbox = self.mailbox
        let tasks = self.tasks
        tasks.enter()
        Task.detached {
            await work(mailbox)
            tasks.leave()
        }
    }
}
