import ExamKit

/// Screen 1: what the terminal offers.
struct HomeScreen: ScreenModel {
    enum Action: Sendable, Hashable { case resume, takeExam, practice, selfTest, quit }

    var focus = 0

    var screen: Screen { .home(self) }

    func buttons(context: AppContext) -> [Button<Action>] {
        var items: [Button<Action>] = []
        if context.configuration.resumableAttempt != nil { items.append(Button(label: Strings.resumeExam, action: .resume)) }
        items.append(Button(label: Strings.takeExam, action: .takeExam))
        if context.library != nil || context.configuration.offersPractice {
            items.append(Button(label: Strings.practice, action: .practice))
            items.append(Button(label: Strings.selfTest, action: .selfTest))
        }
        if !context.configuration.kiosk { items.append(Button(label: Strings.quit, action: .quit)) }
        return items
    }

    func buttonLabels(context: AppContext) -> [String] { buttons(context: context).map(\.label) }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let items = buttons(context: context)
        if key == .controlC, !context.configuration.kiosk { return .effects([.quit]) }
        if let moved = ButtonFocus.move(focus, key: key, count: items.count, vertical: true) {
            focus = moved
            return .none
        }
        guard key == .enter, items.indices.contains(focus) else { return .none }
        switch items[focus].action {
        case .takeExam:
            return .go(.examNumber(ExamNumberScreen()))
        case .resume:
            guard let resumable = context.configuration.resumableAttempt else { return .none }
            var next = ExamNumberScreen(field: TextField(.examNumber, text: resumable.examNumber))
            next.waiting = true
            return .go(.examNumber(next), [.lookUpExam(number: resumable.examNumber)])
        case .quit:
            return .effects([.quit])
        case .practice:
            return PracticeSetupFlow.begin(.practice, context: context)
        case .selfTest:
            return PracticeSetupFlow.begin(.selfTest, context: context)
        }
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.appTitle, in: column)
        let labels = buttonLabels(context: context)
        frame.drawMenu(labels, focus: focus, x: column.left, y: 4, width: column.width)
        var y = 5 + labels.count
        if let resumable = context.configuration.resumableAttempt {
            let detail = Strings.resumableDetail(examNumber: resumable.examNumber)
            y = frame.drawParagraph(detail, x: column.left, y: y, width: column.width, role: .muted) + 1
        }
        // `--lecture` without a voice: said here, once, before anyone starts.
        if context.configuration.reading.always, case let .unavailable(problem) = context.voice {
            frame.drawParagraph(problem, x: column.left, y: y, width: column.width, role: .incorrect)
        }
        frame.drawHelp(Strings.helpMenu, in: column)
    }
}

/// A text field with its buttons, a message under it, and a wait for the host once submitted.
struct FieldForm: Sendable {
    var field: TextField
    var message: String?
    var waiting = false
    var focus = 0

    enum Outcome { case none, back, quit }

    /// Keys of a form with « Valider » then « Retour »: typing, focus, Enter, Escape and Ctrl-C.
    mutating func handle(_ key: Key, buttonCount: Int, kiosk: Bool) -> (outcome: Outcome, pressed: Int?) {
        if key == .controlC, !kiosk { return (.quit, nil) }
        if let moved = ButtonFocus.move(focus, key: key, count: buttonCount, vertical: false) {
            focus = moved
            return (.none, nil)
        }
        switch key {
        case .enter:
            guard !waiting, focus < buttonCount else { return (.none, nil) }
            return (.none, focus)
        case .escape:
            return waiting ? (.none, nil) : (.back, nil)
        case let .character(character):
            guard !waiting else { return (.none, nil) }
            if field.type(character) { message = nil }
        case .backspace:
            guard !waiting else { return (.none, nil) }
            field.backspace()
            message = nil
        default:
            break
        }
        return (.none, nil)
    }
}

/// Screen 2: the exam number.
struct ExamNumberScreen: ScreenModel {
    var form: FieldForm

    init(field: TextField = TextField(.examNumber)) {
        form = FieldForm(field: field)
    }

    var waiting: Bool {
        get { form.waiting }
        set { form.waiting = newValue }
    }

    var screen: Screen { .examNumber(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.validate, Strings.back] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let (outcome, pressed) = form.handle(key, buttonCount: 2, kiosk: context.configuration.kiosk)
        switch outcome {
        case .quit: return .effects([.quit])
        case .back: return .go(.home(HomeScreen()))
        case .none: break
        }
        switch pressed {
        case 0?:
            guard form.field.text.count == 6 else {
                form.message = Strings.examNumberIncomplete
                return .none
            }
            form.waiting = true
            form.message = nil
            return .effects([.lookUpExam(number: form.field.text)])
        case 1?:
            return .go(.home(HomeScreen()))
        default:
            return .none
        }
    }

    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard case let .examLookedUp(result) = response, form.waiting else { return .none }
        form.waiting = false
        switch result {
        case let .success(info): return .go(.accessCode(AccessCodeScreen(exam: info)))
        case .failure(.unknown): form.message = Strings.examUnknown
        case let .failure(.notStarted(startsAt)): form.message = Strings.examNotStarted(startsAt)
        case .failure(.finished): form.message = Strings.examFinished
        case let .failure(.unreachable(detail)): form.message = Strings.centerUnreachable(detail)
        }
        return .none
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.takeExam, in: column)
        frame.put(Strings.examNumber, x: column.left, y: 4, role: .text)
        let y = frame.drawParagraph(Strings.examNumberHint, x: column.left, y: 5, width: column.width, role: .muted)
        frame.drawFieldBlock(form.field, waiting: form.waiting, message: form.message, buttons: buttonLabels(context: context),
                             focus: form.focus, column: column, y: y + 1)
    }
}

/// Screen 3: the access code of one exam.
struct AccessCodeScreen: ScreenModel {
    var exam: ExamInfo
    var form = FieldForm(field: TextField(.accessCode))
    /// Too many wrong codes: no new try before this instant; the wait counts down on screen.
    var lockedUntil: MonotonicInstant?
    /// The candidate's attempt runs on another terminal: the code stays typed for « Reprendre ici ».
    var runningElsewhere = false

    var screen: Screen { .accessCode(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.validate, Strings.back] }

    private var backToNumber: Step {
        .go(.examNumber(ExamNumberScreen(field: TextField(.examNumber, text: exam.number))))
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let (outcome, pressed) = form.handle(key, buttonCount: 2, kiosk: context.configuration.kiosk)
        switch outcome {
        case .quit: return .effects([.quit])
        case .back: return backToNumber
        case .none: break
        }
        switch pressed {
        case 0?:
            if let lockedUntil, lockedUntil > now { return .none }
            guard !form.field.text.isEmpty else {
                form.message = Strings.accessCodeEmpty
                return .none
            }
            lockedUntil = nil
            runningElsewhere = false
            form.waiting = true
            form.message = nil
            return .effects([.login(examNumber: exam.number, code: form.field.text)])
        case 1?:
            return backToNumber
        default:
            return .none
        }
    }

    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard case let .loggedIn(result) = response, form.waiting else { return .none }
        form.waiting = false
        switch result {
        case let .success(grant):
            return Sitting(exam: exam, grant: grant).begin(at: now, context: &context)
        case .failure(.wrongCode):
            form.message = Strings.accessCodeWrong
            form.field = TextField(.accessCode)
        case let .failure(.locked(seconds)):
            lockedUntil = now + .seconds(seconds)
            form.message = nil
            form.field = TextField(.accessCode)
        case .failure(.alreadyTaken): form.message = Strings.alreadyTaken
        case .failure(.runningElsewhere):
            runningElsewhere = true
            form.message = "\(Strings.runningElsewhere)\n\(Strings.callSurveillantShort)"
        case let .failure(.notActive(reason)): form.message = reason
        case let .failure(.unreachable(detail)): form.message = Strings.centerUnreachable(detail)
        }
        return .none
    }

    /// « Reprendre ici » from the surveillant panel: the attempt comes to this terminal.
    mutating func resumeHere(surveillantCode: String) -> [AppEffect] {
        guard runningElsewhere, !form.waiting else { return [] }
        runningElsewhere = false
        form.waiting = true
        form.message = nil
        return [.transferAttempt(examNumber: exam.number, accessCode: form.field.text, surveillantCode: surveillantCode)]
    }

    /// The next whole second of the lock's countdown.
    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        let shown = Int64((lockedUntil - now).secondsRoundedUp)
        return MonotonicInstant(nanoseconds: lockedUntil.nanoseconds - (shown - 1) * 1_000_000_000)
    }

    /// The lock's countdown, or that a new try is possible; else the form's own message.
    private func message(at now: MonotonicInstant) -> String? {
        guard let lockedUntil, form.message == nil, !form.waiting else { return form.message }
        return lockedUntil > now ? Strings.accessCodeLocked(seconds: (lockedUntil - now).secondsRoundedUp) : Strings.accessCodeUnlocked
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(exam.title, in: column)
        var y = 4
        frame.put(Strings.examNumberLine(exam.number), x: column.left, y: y, role: .muted)
        if let resumable = context.configuration.resumableAttempt, resumable.examNumber == exam.number {
            // The candidate is named only once logged in: the screen is shared by the room.
            y = frame.drawParagraph(Strings.resuming, x: column.left, y: y + 1, width: column.width, role: .muted) - 1
        }
        y += 2
        frame.put(Strings.accessCode, x: column.left, y: y, role: .text)
        y = frame.drawParagraph(Strings.accessCodeHint, x: column.left, y: y + 1, width: column.width, role: .muted)
        frame.drawFieldBlock(form.field, waiting: form.waiting, message: message(at: now), buttons: buttonLabels(context: context),
                             focus: form.focus, column: column, y: y + 1)
    }
}
