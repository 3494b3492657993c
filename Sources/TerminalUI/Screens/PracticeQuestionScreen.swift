import ExamKit

/// A practice question (corrected at once) or a self-test question (corrected at the end).
struct PracticeQuestionScreen: ScreenModel {
    enum Action: Sendable, Hashable { case next, end }

    var run: PracticeRun
    var cursor = QuestionCursor()
    /// The focused button under a correction.
    var focus = 0
    /// Reading aloud with `--lecture`.
    var voice: QuestionVoice?

    init(run: PracticeRun) {
        self.run = run
        voice = QuestionVoice(run.attempt)
    }

    /// The first question on screen, read aloud when reading is on (its attempt has already started).
    static func open(_ run: PracticeRun) -> Step {
        let screen = PracticeQuestionScreen(run: run)
        return .go(screen.screen, screen.voice?.say(run.attempt.currentReadingScript) ?? [])
    }

    var screen: Screen { .practiceQuestion(self) }

    private var title: String { Strings.practiceTitle(mode: run.mode, name: run.profileName, bank: run.bank.label) }

    var buttons: [Button<Action>] {
        guard run.mode == .practice, run.corrected else { return [] }
        return (run.queue.isEmpty ? [] : [Button(label: Strings.nextQuestion, action: .next)])
            + [Button(label: Strings.endPractice, action: .end)]
    }

    func buttonLabels(context: AppContext) -> [String] { buttons.map(\.label) }

    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? {
        run.corrected ? nil : Countdown.nextChange(of: run.attempt, at: now)
    }

    mutating func tick(at now: MonotonicInstant, context: inout AppContext) -> Step {
        let events = run.update(at: now)
        let announcement = run.corrected ? [] : voice?.announce(run.attempt, at: now) ?? []
        guard !events.isEmpty else { return .effects(announcement) }
        if events.contains(where: { if case .answeringStarted = $0 { true } else { false } }) { cursor = QuestionCursor() }
        let reading = voice?.read(events, attempt: run.attempt) ?? []
        return Step.effects(reading + announcement).then(afterChange(context: context))
    }

    /// Letters, arrows and Space answer; Enter validates (practice); T ends (practice).
    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        if run.mode == .practice, key == .character("t") || key == .character("T") { return results(context: context) }
        if run.corrected { return handleCorrectionKey(key, at: now, context: context) }
        guard let question = run.attempt.currentQuestion else { return .none }
        if let spoken = voice?.handle(key, attempt: run.attempt, focus: cursor.choice) { return .effects(spoken) }
        if cursor.handle(key, attempt: run.attempt, context: context) { return .none }
        switch key {
        case let .character(character):
            let index = character == " " ? cursor.choice : ChoiceLetter.index(of: character)
            guard let index, index < question.choices.count else { return .none }
            cursor.choice = index
            _ = run.choose(index, at: now)
        case .enter:
            _ = run.validate(at: now)
        default:
            break
        }
        return afterChange(context: context)
    }

    private mutating func handleCorrectionKey(_ key: Key, at now: MonotonicInstant, context: AppContext) -> Step {
        let shown = buttons
        let count = max(1, shown.count)
        if key == .character("l") || key == .character("L") { return .effects(correctionSpoken) }
        switch key {
        case .tab, .right: focus = (focus + 1) % count
        case .backTab, .left: focus = (focus + count - 1) % count
        case .enter where shown.indices.contains(focus):
            switch shown[focus].action {
            case .end:
                return results(context: context)
            case .next:
                guard run.next(at: now) else { return .none }
                cursor = QuestionCursor()
                focus = 0
                return .effects(voice?.say(run.attempt.currentReadingScript) ?? [])
            }
        default: break
        }
        return .none
    }

    /// A closed practice question shows its correction; a finished self-test shows its results.
    private mutating func afterChange(context: AppContext) -> Step {
        if run.isOver { return results(context: context) }
        if run.corrected {
            focus = 0
            return .effects(correctionSpoken)
        }
        return .none
    }

    /// The correction of the question just closed, read aloud when reading is on.
    private var correctionSpoken: [AppEffect] {
        guard let voice, let outcome = run.outcomes.last else { return [] }
        return voice.say(ReadingScript.correction(outcome.question, selection: outcome.selected))
    }

    /// The statistics of the run, saved to the profile's history when something was answered.
    private func results(context: AppContext) -> Step {
        let review = run.review(title: title, themeOrder: context.themeOrder)
        let next = Screen.review(ReviewScreen(review: review, page: .statistics, back: nil))
        let silence: [AppEffect] = voice == nil ? [] : [.stopSpeaking]
        guard !review.outcomes.isEmpty else { return .go(next, silence) }
        return .go(next, silence + [.savePracticeResult(review.result(mode: run.mode, profileName: run.profileName, bank: run.bank.label))])
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        if run.corrected, let outcome = run.outcomes.last {
            renderCorrection(outcome, into: &frame, column, context: context)
        } else {
            QuestionView(attempt: run.attempt, cursor: cursor, title: title, position: run.position, count: run.total,
                         untimedHint: Strings.practiceUntimedHint)
                .draw(into: &frame, column, context: context, at: now)
        }
    }

    /// The answer just given, corrected at once (DESIGN §10.9).
    private func renderCorrection(_ outcome: QuestionOutcome, into frame: inout Frame, _ column: Column, context: AppContext) {
        let x = column.left, width = column.width
        QuestionView.drawHeader(outcome.question, title: title, position: Strings.questionPosition(run.position, of: run.total),
                                into: &frame, column, context: context)
        let labels = buttonLabels(context: context)
        let buttonRows = Frame.buttonRows(labels, width: width)
        let buttonsTop = frame.height - 1 - buttonRows - 1
        var lines = CorrectionText.lines(outcome, width: width)
        if run.queue.isEmpty { lines.append(("", .text)); lines.append((Strings.allAsked, .muted)) }
        let room = max(0, buttonsTop - 1 - 4)
        // The situation the prompt refers to, when the screen has room for it.
        if let situation = outcome.question.situation {
            let scene = TextLayout.wrapContent(situation, width: width)
            if lines.count + scene.count + 1 <= room { lines = scene.map { ($0, .muted) } + [("", .text)] + lines }
        }
        if lines.count > room {
            lines = Array(lines.prefix(room))
            if let last = lines.popLast() { lines.append((TextLayout.truncate(last.0 + " …", width: width), last.1)) }
        }
        for (offset, line) in lines.enumerated() {
            frame.put(line.0, x: x, y: 4 + offset, role: line.1)
        }
        frame.drawButtonsFitting(labels, focus: focus, x: x, y: buttonsTop, width: width)
        frame.drawHelp(Strings.helpPracticeCorrection, in: column)
    }
}
