import ExamKit

/// The whole candidate interface: the screen on display, the surveillant panel over it, and what
/// outlives screens. Pure: keys and host answers come in, effects go out, and time is passed in, so
/// tests drive it with a manual clock.
public struct TerminalApp: Sendable {
    var context: AppContext
    var screen: Screen = .home(HomeScreen())
    /// The proctor's panel (F12, or « Récupérer le résultat »), over any screen.
    var panel: SurveillantPanel?

    public init(configuration: AppConfiguration) {
        context = AppContext(configuration: configuration, voice: configuration.reading.voice)
    }

    /// Tries after which the candidate is told to call the proctor (DESIGN §10.8).
    static let triesBeforeSurveillant = 3

    /// True on exam question screens: kiosk keys are ignored and SIGTERM must save the attempt.
    public var isInExam: Bool {
        if case .question = screen { return true }
        return false
    }

    /// Gives the interface the local content and profiles: « M'entraîner » and « Me tester » need them.
    public mutating func enablePractice(_ library: PracticeLibrary) {
        context.library = library
    }

    /// The terminal's size, so scrolling stops where the text ends.
    public mutating func resize(width: Int, height: Int) {
        context.viewport = (width, height)
    }

    public mutating func handle(_ input: AppInput, at now: MonotonicInstant) -> [AppEffect] {
        // Deadlines that passed before this input apply first, so a late key never lands on the
        // next question and the journal stays in order.
        var effects = tick(at: now)
        switch input {
        case let .key(key): effects += handleKey(key, at: now)
        case let .response(response): effects += handleResponse(response, at: now)
        }
        return effects
    }

    /// Applies deadlines; returns effects (journal entries, submit) like `handle`.
    public mutating func tick(at now: MonotonicInstant) -> [AppEffect] {
        update { model, context in model.tick(at: now, context: &context) }
    }

    /// Next instant the host must wake up: the next deadline or the next whole-second change of the
    /// countdown shown; nil when nothing changes by itself.
    public func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? {
        screen.model.nextWakeUp(at: now)
    }

    /// The attempt running on screen, if any: its id and a snapshot at `now` (saved every second and
    /// on SIGTERM, so a crash costs at most a second).
    public func runningAttempt(at now: MonotonicInstant) -> (attemptId: String, snapshot: AttemptSnapshot)? {
        guard case let .question(model) = screen else { return nil }
        return model.runningAttempt(at: now)
    }

    /// True when the end screen of this attempt is on display (news of its delivery concern it).
    public func showsEndScreen(of attemptId: String) -> Bool {
        if case let .end(model) = screen { return model.sitting.grant.attemptId == attemptId }
        return false
    }

    /// `epreuve practice [--bank B] [--themes a,b]`: straight into practice, as far as the arguments go.
    public mutating func openPractice(profileName: String?, bank: String?, themes: [String], at now: MonotonicInstant) -> [AppEffect] {
        guard context.library != nil else { return [] }
        return apply(PracticeSetupFlow.open(profileName: profileName, bank: bank, themes: themes, at: now, context: &context))
    }

    // MARK: Dispatch

    private mutating func handleKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        if panel != nil { return handlePanelKey(key, at: now) }
        if key.opensSurveillantPanel {
            openPanel(purpose: .menu)
            return []
        }
        return update { model, context in model.handle(key, at: now, context: &context) }
    }

    private mutating func handleResponse(_ response: HostResponse, at now: MonotonicInstant) -> [AppEffect] {
        switch response {
        case let .surveillantCodeChecked(accepted):
            surveillantCodeChecked(accepted)
            return []
        case .surveillantCodeUncheckable:
            surveillantCodeChecked(false, refusal: Strings.noSessionHere)
            return []
        case let .surveillantCodeLocked(seconds):
            surveillantCodeChecked(false, refusal: Strings.surveillantCodeLocked(seconds: seconds))
            return []
        case let .attemptMoved(attemptId):
            return stopMovedAttempt(attemptId)
        case let .rescueExported(result):
            rescueExported(result)
            return []
        case let .deliveryStatus(line):
            context.deliveryStatus = line
            return []
        case let .journalFailed(detail):
            return stopOnStorageFailure(detail, at: now)
        case let .speechPrepared(problem):
            context.voice = problem.map(VoiceState.unavailable) ?? .ready
            guard case var .question(question) = screen else { return [] }
            let spoken = question.voiceBecameReady(at: now, context: context)
            screen = question.screen
            return spoken
        case let .stoppedBySurveillant(attemptId, reason):
            // From the console, through a progress receipt: as F12's « Terminer cette tentative ».
            guard case var .question(question) = screen, question.sitting.grant.attemptId == attemptId else { return [] }
            let step = question.finish(reason: reason, at: now, context: &context)
            screen = question.screen
            return apply(step)
        default:
            return update { model, context in model.handle(response, at: now, context: &context) }
        }
    }

    /// Runs an update on the current screen's model, keeps the updated model, and applies the step.
    private mutating func update(_ body: (inout any ScreenModel, inout AppContext) -> Step) -> [AppEffect] {
        var model = screen.model
        let step = body(&model, &context)
        screen = model.screen
        return apply(step)
    }

    mutating func apply(_ step: Step) -> [AppEffect] {
        if let next = step.next { screen = next }
        if let purpose = step.openPanel { openPanel(purpose: purpose) }
        return step.effects
    }

    /// The attempt went on on another terminal: this one stops showing it, whatever it was doing.
    private mutating func stopMovedAttempt(_ attemptId: String) -> [AppEffect] {
        let sitting: Sitting?
        switch screen {
        case let .question(model): sitting = model.sitting
        case let .end(model): sitting = model.sitting
        case let .storageFailure(model): sitting = model.sitting
        case let .presenceWait(model): sitting = model.sitting
        default: sitting = nil
        }
        guard let sitting, sitting.grant.attemptId == attemptId else { return [] }
        context.configuration.resumableAttempt = nil
        screen = .attemptMoved(AttemptMovedScreen(sitting: sitting))
        if panel?.purpose == .rescue { panel = nil }
        return [.stopSpeaking]
    }

    /// The journal failed: an exam on screen (or just ended) stops with its time frozen.
    private mutating func stopOnStorageFailure(_ detail: String, at now: MonotonicInstant) -> [AppEffect] {
        switch screen {
        case let .question(model):
            screen = .storageFailure(StorageFailureScreen(sitting: model.sitting, attempt: model.attempt, detail: detail, at: now))
        case let .end(model):
            screen = .storageFailure(StorageFailureScreen(sitting: model.sitting, attempt: model.attempt, detail: detail, at: now))
        default:
            return []
        }
        if panel?.purpose == .rescue { panel = nil }
        return [.stopSpeaking]
    }

    // MARK: What tests read

    /// Labels of the buttons or menu items on screen.
    var buttons: [String] { screen.model.buttonLabels(context: context) }

    /// The practice or self-test running on screen.
    var practice: PracticeRun? {
        if case let .practiceQuestion(model) = screen { return model.run }
        return nil
    }
}
