import ExamKit

/// The attempt itself: starting, answering, deadlines, journal and submission.
extension TerminalApp {
    /// Applies attempt deadlines; returns effects (journal entries, submit) like `handle`.
    public mutating func tick(at now: MonotonicInstant) -> [AppEffect] {
        if stage == .practiceQuestion { return tickPractice(at: now) }
        guard stage == .question, var running = attempt else { return [] }
        let events = running.update(at: now)
        attempt = running
        return record(events, at: now)
    }

    /// Next instant the host must wake up: the next attempt deadline or the next whole-second change of
    /// the countdown shown, whichever is first; nil when nothing changes by itself.
    public func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? {
        let running = stage == .practiceQuestion ? (practice?.corrected == false ? practice?.attempt : nil)
            : stage == .question ? attempt : nil
        guard let deadline = running?.nextDeadline else { return nil }
        let remaining = deadline - now
        guard remaining > .zero else { return now }
        // The countdown shows whole seconds rounded up: "0:38" lasts until exactly 37 s remain.
        let shown = Int64(remaining.secondsRoundedUp)
        return MonotonicInstant(nanoseconds: deadline.nanoseconds - (shown - 1) * 1_000_000_000)
    }

    /// After login: straight to the question where a resumed attempt stopped, else identity check.
    mutating func beginSession(_ grant: LoginGrant, at now: MonotonicInstant) -> [AppEffect] {
        self.grant = grant
        choiceFocus = 0
        guard let snapshot = grant.resume else {
            attempt = nil
            go(to: .identity)
            return []
        }
        attempt = Attempt(resuming: snapshot, questions: grant.questions, timing: grant.timing, at: now)
        switch snapshot.phase {
        case .notStarted:
            go(to: .ready)
            return []
        case .finished:
            return enterEndScreen(grant)
        case .reading, .situation, .answering:
            go(to: .question)
            // The time of a late resume is the candidate's loss only if a deadline passed meanwhile.
            return tick(at: now)
        }
    }

    mutating func startAttempt(at now: MonotonicInstant) -> [AppEffect] {
        guard let grant else { return [] }
        var running = attempt ?? Attempt(questions: grant.questions, timing: grant.timing)
        let events = running.start(at: now)
        attempt = running
        choiceFocus = 0
        go(to: .question)
        return record(events, at: now)
    }

    /// Question screen keys. Anything else (Ctrl-C, Ctrl-Z, Ctrl-\, Esc, q…) does nothing.
    mutating func handleQuestionKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        guard var running = attempt, let question = running.currentQuestion else { return [] }
        let choiceCount = question.choices.count
        switch key {
        case let .character(character):
            if character == " " { return choose(choiceFocus, at: now) }
            guard let index = ChoiceLetter.index(of: character), index < choiceCount else { return [] }
            choiceFocus = index
            return choose(index, at: now)
        case .up:
            choiceFocus = max(0, choiceFocus - 1)
        case .down:
            choiceFocus = min(choiceCount - 1, choiceFocus + 1)
        case .enter:
            let events = running.validate(at: now)
            attempt = running
            return record(events, at: now)
        default:
            break
        }
        return []
    }

    private mutating func choose(_ index: Int, at now: MonotonicInstant) -> [AppEffect] {
        guard var running = attempt, let event = running.choose(index, at: now) else { return [] }
        attempt = running
        return record([event], at: now)
    }

    /// The proctor's « Terminer cette tentative »: keeps the answers given so far.
    mutating func finishAttempt(at now: MonotonicInstant) -> [AppEffect] {
        guard stage == .question, var running = attempt else { return [] }
        let events = running.finish(at: now)
        attempt = running
        return record(events, at: now)
    }

    /// One journal entry per attempt event, first, each with the snapshot after the events; then
    /// the move to the end screen and the submission when the attempt is over.
    private mutating func record(_ events: [AttemptEvent], at now: MonotonicInstant) -> [AppEffect] {
        guard !events.isEmpty, let running = attempt, let grant else { return [] }
        let snapshot = running.snapshot(at: now)
        var effects = events.map { AppEffect.journal(attemptId: grant.attemptId, event: $0, snapshot: snapshot) }
        for event in events {
            if case .answeringStarted = event { choiceFocus = 0 }
            if case .situationStarted = event { choiceFocus = 0 }
        }
        if running.isFinished { effects += enterEndScreen(grant) }
        return effects
    }

    private mutating func enterEndScreen(_ grant: LoginGrant) -> [AppEffect] {
        // The attempt on this terminal is done: nothing left to resume.
        configuration.resumableAttempt = nil
        delivery = .sending
        failedSubmissions = 0
        rescuePath = nil
        prepareTrainingReview()
        go(to: .end)
        return [.submitResult(attemptId: grant.attemptId)]
    }

    mutating func retrySubmission() -> [AppEffect] {
        guard stage == .end, let grant else { return [] }
        delivery = .sending
        focus = 0
        return [.submitResult(attemptId: grant.attemptId)]
    }
}
