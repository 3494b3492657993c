import ExamKit

/// Screen 7: the running attempt of an exam or training session. Every event is journaled (an effect
/// the host writes before the next frame) and the end moves to the end screen with the submission.
struct ExamQuestionScreen: ScreenModel {
    var sitting: Sitting
    var attempt: Attempt
    var cursor = QuestionCursor()
    /// « Signaler un problème » open over the question (key P).
    var problem: ProblemDialog?
    /// What became of the last alert on this question: sending (nil), sent, or not sent.
    var problemNotice: (index: Int, delivered: Bool?)?
    /// The surveillant ended the attempt (F12 or the console), for this reason: the end screen says so.
    var stopReason: String?
    /// Reading aloud, when the attempt's timing reads (`--lecture`, AER).
    var voice: QuestionVoice?

    init(sitting: Sitting, attempt: Attempt) {
        self.sitting = sitting
        self.attempt = attempt
        voice = QuestionVoice(attempt)
    }

    var screen: Screen { .question(self) }

    func buttonLabels(context: AppContext) -> [String] { [] }

    /// « Commencer l'épreuve »: the first question (or a resumed attempt that had not started).
    static func start(_ sitting: Sitting, attempt: Attempt?, at now: MonotonicInstant, context: inout AppContext) -> Step {
        var running = attempt ?? Attempt(questions: sitting.grant.questions, timing: context.timing(for: sitting.grant.timing))
        let events = running.start(at: now)
        var screen = ExamQuestionScreen(sitting: sitting, attempt: running)
        let step = screen.record(events, at: now, context: &context)
        return Step(effects: step.effects, next: step.next ?? screen.screen)
    }

    mutating func tick(at now: MonotonicInstant, context: inout AppContext) -> Step {
        let events = attempt.update(at: now)
        let step = record(events, at: now, context: &context)
        guard step.next == nil, let announcement = voice?.announce(attempt, at: now), !announcement.isEmpty else { return step }
        return step.then(.effects(announcement))
    }

    /// The voice a resume had to wait for is ready: the attempt is read from now on, the current
    /// question at once (over its time left, which does not change).
    mutating func voiceBecameReady(at now: MonotonicInstant, context: AppContext) -> [AppEffect] {
        guard voice == nil, !attempt.isFinished else { return [] }
        attempt = sitting.retimed(attempt, at: now, context: context)
        voice = QuestionVoice(attempt)
        return voice?.say(attempt.currentReadingScript) ?? []
    }

    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? {
        Countdown.nextChange(of: attempt, at: now)
    }

    func runningAttempt(at now: MonotonicInstant) -> (attemptId: String, snapshot: AttemptSnapshot)? {
        guard !attempt.isFinished, attempt.phase != .notStarted else { return nil }
        return (sitting.grant.attemptId, attempt.snapshot(at: now))
    }

    /// Question keys. Anything else (Ctrl-C, Ctrl-Z, Ctrl-\, Esc, q…) does nothing.
    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard let question = attempt.currentQuestion else { return .none }
        if problem != nil { return handleProblemKey(key, question: question) }
        if key == .character("p") || key == .character("P") {
            problem = ProblemDialog(index: attempt.index)
            return .none
        }
        if let spoken = voice?.handle(key, attempt: attempt, focus: cursor.choice) { return .effects(spoken) }
        if cursor.handle(key, attempt: attempt, context: context) { return .none }
        switch key {
        case let .character(character):
            let index = character == " " ? cursor.choice : ChoiceLetter.index(of: character)
            guard let index, index < question.choices.count else { return .none }
            cursor.choice = index
            guard let event = attempt.choose(index, at: now) else { return .none }
            return record([event], at: now, context: &context)
        case .enter:
            let events = attempt.validate(at: now)
            return record(events, at: now, context: &context)
        default:
            break
        }
        return .none
    }

    /// The dialog's keys; the alert goes out as an effect and the countdown never waits for it.
    private mutating func handleProblemKey(_ key: Key, question: Question) -> Step {
        guard var dialog = problem, dialog.index == attempt.index else {
            problem = nil
            return .none
        }
        switch dialog.handle(key) {
        case .none:
            problem = dialog
            return .none
        case .cancel:
            problem = nil
            return .none
        case let .send(kind):
            problem = nil
            problemNotice = (attempt.index, nil)
            return .effects([.reportProblem(attemptId: sitting.grant.attemptId, questionId: question.id, position: attempt.index + 1,
                                            kind: kind)])
        }
    }

    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step {
        if case let .problemReported(attemptId, delivered) = response, attemptId == sitting.grant.attemptId,
           let notice = problemNotice, notice.delivered == nil {
            problemNotice = (notice.index, delivered)
        }
        return .none
    }

    /// The proctor's « Terminer cette tentative »: keeps the answers given so far, and the reason
    /// (recorded before the entries that end the attempt, so the result carries it).
    mutating func finish(reason: String, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let events = attempt.finish(at: now)
        guard !events.isEmpty else { return .none }
        stopReason = reason
        problem = nil
        return Step.effects([.stopAttempt(attemptId: sitting.grant.attemptId, reason: reason)])
            .then(record(events, at: now, context: &context))
    }

    /// One journal entry per attempt event, first, each with the snapshot after the events; then
    /// the move to the end screen and the submission when the attempt is over.
    private mutating func record(_ events: [AttemptEvent], at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard !events.isEmpty else { return .none }
        let snapshot = attempt.snapshot(at: now)
        let journal = events.map { AppEffect.journal(attemptId: sitting.grant.attemptId, event: $0, snapshot: snapshot) }
        for event in events {
            switch event {
            case .readingStarted, .answeringStarted, .situationStarted: cursor = QuestionCursor()
            default: break
            }
        }
        // A dialog or a notice about a question that is over goes with it.
        if problem?.index != attempt.index { problem = nil }
        if problemNotice?.index != attempt.index { problemNotice = nil }
        // The journal first: what the candidate hears never runs ahead of what is written.
        guard attempt.isFinished else { return .effects(journal + (voice?.read(events, attempt: attempt) ?? [])) }
        let silence: [AppEffect] = voice == nil ? [] : [.stopSpeaking]
        return Step.effects(journal + silence).then(EndScreen.enter(sitting, attempt: attempt, stopReason: stopReason, context: &context))
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        QuestionView(attempt: attempt, cursor: cursor, title: sitting.grant.examTitle, position: attempt.index + 1,
                     count: attempt.questions.count, untimedHint: Strings.nextQuestionKey)
            .draw(into: &frame, column, context: context, at: now)
        if let notice = problemNotice, notice.index == attempt.index, let delivered = notice.delivered,
           let question = attempt.currentQuestion {
            // Over the rule under the header: the question itself stays as it was.
            let rule = 1 + QuestionView.contextLines(question, width: column.width, context: context).count
            let text = delivered ? Strings.problemSent : Strings.problemNotSent
            frame.put(" " + TextLayout.truncate(text, width: column.width - 4) + " ", x: column.left + 1, y: rule,
                      role: delivered ? .correct : .incorrect)
        }
        if let problem, problem.index == attempt.index {
            problem.draw(into: &frame, column, count: attempt.questions.count)
        }
    }
}

/// When the countdown on screen changes next.
enum Countdown {
    /// The next attempt deadline or the next whole-second change of the countdown shown, whichever is
    /// first; nil when nothing changes by itself.
    static func nextChange(of attempt: Attempt?, at now: MonotonicInstant) -> MonotonicInstant? {
        guard let deadline = attempt?.nextDeadline else { return nil }
        let remaining = deadline - now
        guard remaining > .zero else { return now }
        // The countdown shows whole seconds rounded up: "0:38" lasts until exactly 37 s remain.
        let shown = Int64(remaining.secondsRoundedUp)
        return MonotonicInstant(nanoseconds: deadline.nanoseconds - (shown - 1) * 1_000_000_000)
    }
}
