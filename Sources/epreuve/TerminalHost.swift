import CenterService
import Curses
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

/// The candidate terminal's event loop: keys and deadlines in, effects carried out, frames out.
/// Journal effects are written before the next frame is drawn.
final class TerminalHost {
    let store: TerminalStore
    let client: any CenterClient
    let center: CenterService?
    let terminalId: String
    let delivery: Delivery
    /// Keeps sending finished results in the background, also after the candidate has left.
    let submitter: OutboxSubmitter
    let clock = SystemMonotonicClock()
    var app: TerminalApp
    /// Packages received at login, by attempt id (needed to resume and to check the surveillant code offline).
    var packages: [String: ExamPackage] = [:]
    var lastSnapshotSave = MonotonicInstant(nanoseconds: 0)
    var running = true

    /// The host of both the interface and `practice`: theme labels and practice come from the catalog.
    convenience init(store: TerminalStore, client: any CenterClient, center: CenterService?, catalog: Catalog, kiosk: Bool) {
        self.init(store: store, client: client, center: center, terminalId: TerminalOptions.terminalId,
                  themeLabels: Dictionary(uniqueKeysWithValues: catalog.themes.map { ($0.id, $0.label) }), kiosk: kiosk)
        enablePractice(catalog: catalog)
    }

    init(store: TerminalStore, client: any CenterClient, center: CenterService?, terminalId: String, themeLabels: [String: String], kiosk: Bool) {
        self.store = store
        self.client = client
        self.center = center
        self.terminalId = terminalId
        delivery = Delivery(store: store, client: client)
        submitter = OutboxSubmitter(delivery: delivery)
        var resumable: ResumableAttempt?
        if let interrupted = try? store.interruptedAttempt() {
            resumable = ResumableAttempt(examNumber: interrupted.examNumber, candidateName: interrupted.candidateName)
        }
        app = TerminalApp(configuration: AppConfiguration(
            kiosk: kiosk, defaultRescueDirectory: RescueFiles.defaultDirectory, resumableAttempt: resumable,
            themeLabels: themeLabels))
    }

    func run(theme: InterfaceTheme) throws {
        installStopHandlers()
        let screen: CursesScreen
        do {
            screen = try CursesScreen(theme: theme)
        } catch {
            throw UserError("\(error)")
        }
        defer { screen.restore() }
        submitter.start()
        defer { submitter.stop() }
        while running {
            if stopSignal.load(ordering: .relaxed) != 0 {
                saveRunningAttempt()
                break
            }
            let now = clock.now()
            perform(app.tick(at: now))
            draw(on: screen, at: clock.now())
            let key = screen.readKey(timeoutMilliseconds: timeout(at: clock.now()))
            if let key {
                perform(app.handle(.key(key), at: clock.now()))
            }
            if app.isInExam, clock.now() - lastSnapshotSave >= .seconds(1) { saveRunningAttempt() }
        }
    }

    private func draw(on screen: CursesScreen, at now: MonotonicInstant) {
        let size = screen.size
        var frame = Frame(width: size.width, height: size.height)
        app.render(into: &frame, at: now)
        screen.draw(frame)
    }

    /// Milliseconds until the next deadline or countdown change; nil (wait for a key) when nothing
    /// moves by itself. Capped at one second during an exam so the time left is saved regularly.
    private func timeout(at now: MonotonicInstant) -> Int? {
        var wait: Int? = app.nextWakeUp(at: now).map { max(0, ($0 - now).millisecondsValue + 1) }
        if app.isInExam { wait = min(wait ?? 1000, 1000) }
        return wait
    }

    private func saveRunningAttempt() {
        let now = clock.now()
        lastSnapshotSave = now
        guard let (attemptId, snapshot) = app.runningAttempt(at: now) else { return }
        try? store.saveSnapshot(attemptId: attemptId, snapshot: snapshot)
    }

    private func respond(_ response: HostResponse) {
        perform(app.handle(.response(response), at: clock.now()))
    }

    func perform(_ effects: [AppEffect]) {
        for effect in effects {
            switch effect {
            case let .journal(attemptId, event, snapshot):
                journal(attemptId: attemptId, event: event, snapshot: snapshot)
            case let .lookUpExam(number):
                respond(.examLookedUp(lookUp(number)))
            case let .login(number, code):
                respond(.loggedIn(login(number: number, code: code)))
            case let .submitResult(attemptId):
                let delivery = self.delivery
                let outcome = runBlocking { await delivery.deliver(attemptId: attemptId) }
                switch outcome {
                case .delivered: respond(.submission(.success(())))
                case let .failed(message): respond(.submission(.failure(SubmissionFailure(message: message))))
                }
            case let .checkSurveillantCode(code):
                respond(.surveillantCodeChecked(checkSurveillant(code)))
                respond(.deliveryStatus(deliveryStatus()))
            case let .exportRescue(directory):
                respond(.rescueExported(exportRescue(to: directory)))
            case .quit:
                saveRunningAttempt()
                running = false
            case let .rememberPracticeProfile(name):
                rememberPracticeProfile(name)
            case let .savePracticeResult(result):
                savePracticeResult(result)
            }
        }
    }

    private func journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot) {
        // Written before the next frame; a failure is retried once, then said on the surveillant line.
        do {
            try store.journal(attemptId: attemptId, event: event, snapshot: snapshot)
        } catch {
            do {
                try store.journal(attemptId: attemptId, event: event, snapshot: snapshot)
            } catch {
                respond(.deliveryStatus("\(error)"))
            }
        }
    }

    private func lookUp(_ number: String) -> Result<ExamInfo, LookupFailure> {
        let client = self.client
        let answer = runBlocking { () -> Result<SessionInfo?, DeliveryError> in
            do throws(DeliveryError) { return .success(try await client.session(number: number)) } catch { return .failure(error) }
        }
        switch answer {
        case let .failure(error):
            return .failure(.unreachable(error.message))
        case .success(nil):
            return .failure(.unknown)
        case let .success(info?):
            switch info.state {
            case .upcoming: return .failure(.notStarted(startsAt: Self.startFormatter.string(from: info.startsAt)))
            case .finished: return .failure(.finished)
            case .active:
                return .success(ExamInfo(number: info.number, title: "\(info.profileId) — \(info.profileTitle)",
                                         isTraining: info.kind == .entrainement))
            }
        }
    }

    private func login(number: String, code: String) -> Result<LoginGrant, LoginFailure> {
        let client = self.client
        let terminalId = self.terminalId
        let answer = runBlocking { () -> Result<Result<ExamPackage, LoginRefusal>, DeliveryError> in
            do throws(DeliveryError) { return .success(try await client.login(number: number, code: code, terminalId: terminalId)) } catch { return .failure(error) }
        }
        switch answer {
        case let .failure(error):
            return .failure(.unreachable(error.message))
        case let .success(.failure(refusal)):
            switch refusal {
            case .wrongCode: return .failure(.wrongCode)
            case let .locked(seconds): return .failure(.locked(seconds: seconds))
            case .alreadyTaken: return .failure(.alreadyTaken)
            case .unknownSession: return .failure(.notActive(HostText.unknownExam))
            case let .notActive(state, startsAt):
                return .failure(.notActive(state == .upcoming ? HostText.notStarted(Self.startFormatter.string(from: startsAt)) : HostText.finished))
            }
        case let .success(.success(package)):
            return grant(for: package)
        }
    }

    /// A package becomes a grant; an attempt interrupted on this terminal resumes where it stopped,
    /// and one already finished here is never taken twice.
    private func grant(for package: ExamPackage) -> Result<LoginGrant, LoginFailure> {
        do {
            if let entry = try store.outboxEntry(attemptId: package.attemptId) {
                // Finished here but not yet acknowledged: send it now rather than start again.
                if entry.state == OutboxRecord.pending {
                    let delivery = self.delivery
                    _ = runBlocking { await delivery.deliver(attemptId: package.attemptId) }
                }
                return .failure(.alreadyTaken)
            }
            let interrupted = try store.interruptedAttempt(examNumber: package.session.number, candidateId: package.candidateId)
            let resume = interrupted?.attemptId == package.attemptId ? interrupted?.snapshot : nil
            try store.beginAttempt(package, terminalId: terminalId)
            packages[package.attemptId] = package
            return .success(LoginGrant(
                attemptId: package.attemptId, firstName: package.firstName, lastName: package.lastName,
                className: package.className, extraTime: package.extraTime,
                examTitle: "\(package.session.profileId) — \(package.session.name)", questions: package.questions,
                timing: package.timing, resume: resume))
        } catch {
            return .failure(.unreachable("\(error)"))
        }
    }

    /// Checked against the sessions this terminal took attempts for (works with the center down),
    /// and against the local center's active sessions.
    private func checkSurveillant(_ code: String) -> Bool {
        var candidates = Array(packages.values)
        if let latest = try? store.latestPackage() { candidates.append(latest) }
        if candidates.contains(where: { SecretHash.matches(code, salt: $0.surveillantSalt, hash: $0.surveillantHash) }) {
            return true
        }
        guard let center else { return false }
        return runBlocking { (try? await center.isSurveillantCodeOfAnActiveSession(code)) ?? false }
    }

    private func deliveryStatus() -> String {
        guard let entries = try? store.outbox() else { return HostText.outboxUnreadable }
        let pending = entries.filter { $0.state == OutboxRecord.pending }
        if pending.isEmpty { return HostText.allDelivered(entries.count) }
        return HostText.pending(pending.count, lastError: pending.compactMap(\.lastError).last)
    }

    private func exportRescue(to directory: String) -> Result<String, RescueFailure> {
        do {
            let envelopes = try store.undelivered().map { try $0.decodedEnvelope() }
            guard !envelopes.isEmpty else { return .failure(RescueFailure(message: HostText.nothingToExport)) }
            return .success(try RescueFiles.write(envelopes, to: directory).joined(separator: "\n"))
        } catch {
            return .failure(RescueFailure(message: "\(error)"))
        }
    }

    static let startFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return formatter
    }()
}
