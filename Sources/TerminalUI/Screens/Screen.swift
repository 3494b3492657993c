import ExamKit

/// The screen on display, each case carrying its own model (one model per screen, Elm style): a screen
/// updates itself from keys, host answers and time, and draws itself; moving on means returning the
/// next screen's model in a `Step`.
indirect enum Screen: Sendable {
    case home(HomeScreen)
    case examNumber(ExamNumberScreen)
    case accessCode(AccessCodeScreen)
    case identity(IdentityScreen)
    case tutorial(TutorialScreen)
    case ready(ReadyScreen)
    case question(ExamQuestionScreen)
    case end(EndScreen)
    case storageFailure(StorageFailureScreen)
    case attemptMoved(AttemptMovedScreen)
    case presenceWait(PresenceWaitScreen)
    case practiceProfile(PracticeProfileScreen)
    case practiceName(PracticeNameScreen)
    case practiceBank(PracticeBankScreen)
    case practiceThemes(PracticeThemesScreen)
    case practiceQuestion(PracticeQuestionScreen)
    case review(ReviewScreen)

    /// The model behind the case, to update or draw it without knowing which screen it is.
    var model: any ScreenModel {
        switch self {
        case let .home(model): model
        case let .examNumber(model): model
        case let .accessCode(model): model
        case let .identity(model): model
        case let .tutorial(model): model
        case let .ready(model): model
        case let .question(model): model
        case let .end(model): model
        case let .storageFailure(model): model
        case let .attemptMoved(model): model
        case let .presenceWait(model): model
        case let .practiceProfile(model): model
        case let .practiceName(model): model
        case let .practiceBank(model): model
        case let .practiceThemes(model): model
        case let .practiceQuestion(model): model
        case let .review(model): model
        }
    }
}

/// What outlives a screen: the terminal's settings, the practice content and profile, the last
/// delivery news for the surveillant, and the size of the terminal (scrolling stops at the end).
struct AppContext: Sendable {
    var configuration: AppConfiguration
    /// Local content for practice and self-test; nil hides them.
    var library: PracticeLibrary?
    /// The local profile chosen for practice in this run of the program.
    var practiceProfile: String?
    /// One line for the F12 « État de l'envoi » item.
    var deliveryStatus: String?
    /// `epreuve practice --bank B --themes a,b` without a first name: where to go once it is given.
    var practiceRequest: (bank: Int, themes: Set<String>)?
    var viewport = (width: 80, height: 24)
    /// The voice for reading aloud; starts as the host made it (or not).
    var voice: VoiceState

    func themeLabel(_ id: String) -> String {
        configuration.themeLabels[id] ?? library?.themes.first { $0.id == id }?.label ?? id
    }

    var themeOrder: [String] {
        library?.themes.map(\.id) ?? configuration.themeLabels.sorted { $0.value < $1.value }.map(\.key)
    }
}

/// A button or menu item: its label and what it does on the screen that shows it.
struct Button<Action: Sendable & Hashable>: Sendable, Hashable {
    var label: String
    var action: Action
}

/// What an update asks of the app: effects to carry out in order, the next screen when it changes,
/// and the surveillant panel when a screen opens it.
struct Step: Sendable {
    var effects: [AppEffect] = []
    var next: Screen?
    var openPanel: SurveillantPanel.Purpose?

    static let none = Step()

    static func go(_ screen: Screen, _ effects: [AppEffect] = []) -> Step {
        Step(effects: effects, next: screen)
    }

    static func effects(_ effects: [AppEffect]) -> Step {
        Step(effects: effects)
    }

    /// This step's effects first, then the other's; the other's screen wins.
    func then(_ other: Step) -> Step {
        Step(effects: effects + other.effects, next: other.next ?? next, openPanel: other.openPanel ?? openPanel)
    }
}

/// One screen's model: update from input, time and host answers; draw into a frame.
protocol ScreenModel: Sendable {
    /// This model wrapped in its `Screen` case.
    var screen: Screen { get }
    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step
    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step
    /// Applies deadlines that passed.
    mutating func tick(at now: MonotonicInstant, context: inout AppContext) -> Step
    /// The next instant something on screen changes by itself.
    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant?
    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant)
    /// Labels of the buttons or menu items shown, in focus order.
    func buttonLabels(context: AppContext) -> [String]
}

extension ScreenModel {
    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step { .none }
    mutating func tick(at now: MonotonicInstant, context: inout AppContext) -> Step { .none }
    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? { nil }
}

/// Moving the focus among buttons, the same way on every screen.
enum ButtonFocus {
    /// Tab and Shift-Tab cycle; ← → move along buttons side by side; ↑ ↓ move along a vertical menu.
    /// Returns nil when the key is not a focus key.
    static func move(_ focus: Int, key: Key, count: Int, vertical: Bool) -> Int? {
        guard count > 0 else { return nil }
        switch key {
        case .tab: return (focus + 1) % count
        case .backTab: return (focus + count - 1) % count
        case .left where !vertical: return max(0, focus - 1)
        case .right where !vertical: return min(count - 1, focus + 1)
        case .up where vertical: return max(0, focus - 1)
        case .down where vertical: return min(count - 1, focus + 1)
        default: return nil
        }
    }
}
