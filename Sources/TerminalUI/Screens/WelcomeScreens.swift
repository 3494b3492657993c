import ExamKit

/// A candidate logged in to an exam or training session: what every screen from identity to the end
/// screen needs.
struct Sitting: Sendable {
    var exam: ExamInfo
    var grant: LoginGrant

    /// After login: straight to the question where a resumed attempt stopped, else identity check.
    func begin(at now: MonotonicInstant, context: inout AppContext) -> Step {
        for (id, label) in grant.themeLabels where context.configuration.themeLabels[id] == nil {
            context.configuration.themeLabels[id] = label
        }
        // A `--presence` session: nothing starts before the surveillant's confirmation (the voice is
        // prepared once it came: begin runs again then).
        if grant.awaitingPresence, grant.resume.map({ $0.phase == .notStarted }) ?? true { return PresenceWaitScreen.enter(self) }
        let voice = context.prepareVoice(for: grant.timing)
        guard let snapshot = grant.resume else { return .go(.identity(IdentityScreen(sitting: self)), voice) }
        // A voice still being prepared is not ready yet: the resumed question goes on unread until
        // `.speechPrepared` comes (`ExamQuestionScreen.voiceBecameReady`).
        let attempt = Attempt(resuming: snapshot, questions: grant.questions, timing: context.timing(for: grant.timing), at: now)
        switch snapshot.phase {
        case .notStarted:
            return .go(.ready(ReadyScreen(sitting: self, attempt: attempt)), voice)
        case .finished:
            return Step.effects(voice).then(EndScreen.enter(self, attempt: attempt, context: &context))
        case .reading, .situation, .answering:
            var question = ExamQuestionScreen(sitting: self, attempt: attempt)
            // A question resumed in its reading is read again from its beginning (its phase restarted too).
            var effects = voice
            if case .reading = attempt.phase, let spoken = question.voice?.say(attempt.currentReadingScript) { effects += spoken }
            // The time of a late resume is the candidate's loss only if a deadline passed meanwhile.
            let step = question.tick(at: now, context: &context)
            return Step(effects: effects + step.effects, next: step.next ?? question.screen)
        }
    }

    var tutorialPages: [TutorialPage] { TutorialPage.pages(for: grant) }

    /// The attempt with the timing this terminal can give now. A voice that became ready after the
    /// resume adds reading phases from the next question on; the current one keeps its time left.
    func retimed(_ attempt: Attempt, at now: MonotonicInstant, context: AppContext) -> Attempt {
        let timing = context.timing(for: grant.timing)
        guard timing != attempt.timing else { return attempt }
        return Attempt(resuming: attempt.snapshot(at: now), questions: grant.questions, timing: timing, at: now)
    }
}

/// Screen 4: « Vérifiez votre identité ».
struct IdentityScreen: ScreenModel {
    var sitting: Sitting
    var focus = 0

    var screen: Screen { .identity(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.begin, Strings.cancelToCode] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        if let moved = ButtonFocus.move(focus, key: key, count: 2, vertical: false) {
            focus = moved
            return .none
        }
        guard key == .enter else { return .none }
        if focus == 0 { return .go(.tutorial(TutorialScreen(sitting: sitting, page: 0))) }
        return .go(.accessCode(AccessCodeScreen(exam: sitting.exam)))
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        let grant = sitting.grant
        frame.drawHeader(Strings.checkIdentity, in: column)
        var y = 4
        let name = Strings.identity(first: grant.firstName, last: grant.lastName, className: grant.className)
        frame.put(TextLayout.truncate(name, width: column.width), x: column.left, y: y, role: .title)
        if grant.extraTime {
            y += 1
            frame.put(Strings.extraTime(seconds: grant.timing.answerSeconds), x: column.left, y: y, role: .text)
        }
        y = frame.drawParagraph(grant.examTitle, x: column.left, y: y + 2, width: column.width, role: .muted)
        y = frame.drawParagraph(Strings.identityQuestion, x: column.left, y: y + 1, width: column.width, role: .muted)
        frame.drawButtons(buttonLabels(context: context), focus: focus, x: column.left, y: y + 2)
        frame.drawHelp(Strings.helpButtons, in: column)
    }
}

/// Screen 5: the tutorial pages; ← → turn the pages.
struct TutorialScreen: ScreenModel {
    var sitting: Sitting
    var page: Int
    var focus: Int

    init(sitting: Sitting, page: Int) {
        self.sitting = sitting
        self.page = page
        focus = 0
        focus = buttonLabels.count - 1 // « Suivant » / « Démarrer »
    }

    var screen: Screen { .tutorial(self) }

    private var isLast: Bool { page == sitting.tutorialPages.count - 1 }

    private var buttonLabels: [String] {
        (page > 0 ? [Strings.previous] : []) + [isLast ? Strings.start : Strings.next]
    }

    func buttonLabels(context: AppContext) -> [String] { buttonLabels }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        switch key {
        case .left: return previous()
        case .right: return next()
        case .tab, .backTab:
            focus = ButtonFocus.move(focus, key: key, count: buttonLabels.count, vertical: false) ?? focus
            return .none
        case .enter:
            return page > 0 && focus == 0 ? previous() : next()
        default:
            return .none
        }
    }

    private func previous() -> Step {
        guard page > 0 else { return .none }
        return .go(.tutorial(TutorialScreen(sitting: sitting, page: page - 1)))
    }

    private func next() -> Step {
        page + 1 < sitting.tutorialPages.count
            ? .go(.tutorial(TutorialScreen(sitting: sitting, page: page + 1)))
            : .go(.ready(ReadyScreen(sitting: sitting, attempt: nil)))
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        let pages = sitting.tutorialPages
        guard pages.indices.contains(page) else { return }
        let content = pages[page]
        frame.drawHeader(Strings.tutorialTitle(page: page + 1, of: pages.count), in: column)
        frame.put(content.heading, x: column.left, y: 4, role: .title)
        var y = 6
        let bottom = frame.height - 4
        for line in content.lines where y < bottom {
            switch line {
            case let .paragraph(text):
                y = frame.drawParagraph(text, x: column.left, y: y, width: column.width)
            case .blank:
                y += 1
            case let .banner(several):
                frame.drawBanner(severalAnswers: several, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            case let .timerSample(seconds):
                frame.drawTimer(remaining: .seconds(seconds), total: seconds, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            case let .progressSample(done, count):
                frame.drawProgress(position: done, of: count, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            }
        }
        frame.drawButtons(buttonLabels, focus: focus, x: column.left, y: frame.height - 3)
        frame.drawHelp(Strings.helpTutorial, in: column)
    }
}

/// Screen 6: « Lily, c'est à vous ».
struct ReadyScreen: ScreenModel {
    var sitting: Sitting
    /// A resumed attempt that had not started yet.
    var attempt: Attempt?

    var screen: Screen { .ready(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.startExam] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard key == .enter else { return .none }
        let resumed = attempt.map { sitting.retimed($0, at: now, context: context) }
        return ExamQuestionScreen.start(sitting, attempt: resumed, at: now, context: &context)
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.yourTurn(sitting.grant.firstName), in: column)
        var y = frame.drawParagraph(Strings.whenReady, x: column.left, y: 4, width: column.width)
        let asked = sitting.grant.timing
        if let problem = context.readingProblem(for: asked) {
            y = frame.drawParagraph(problem, x: column.left, y: y + 1, width: column.width, role: .incorrect)
        } else if context.timing(for: asked).readingWordsPerMinute != nil {
            y = frame.drawParagraph(Strings.readAloudKeys, x: column.left, y: y + 1, width: column.width, role: .muted)
        }
        frame.drawButtons(buttonLabels(context: context), focus: 0, x: column.left, y: y + 1)
        frame.drawHelp(Strings.helpButtons, in: column)
    }
}
