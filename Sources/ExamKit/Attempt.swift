/// How an attempt is timed.
public struct AttemptTiming: Sendable, Hashable, Codable {
    /// Answering time per question (45 s, or 60 s with extra time).
    public var answerSeconds: Int
    /// Untimed attempts (some training sessions, practice) move on only when validated.
    public var timed: Bool
    /// When questions are read aloud, the speech rate: each timed question then starts with a
    /// reading phase as long as its estimated reading (`ReadingTime`), and the situation and the
    /// answering timer come after it. Nil (and absent from older JSON): no reading.
    public var readingWordsPerMinute: Int?

    public init(answerSeconds: Int, timed: Bool = true, readingWordsPerMinute: Int? = nil) {
        self.answerSeconds = answerSeconds
        self.timed = timed
        self.readingWordsPerMinute = readingWordsPerMinute
    }

    public static func exam(_ profile: Profile, extraTime: Bool, readingWordsPerMinute: Int? = nil) -> AttemptTiming {
        AttemptTiming(answerSeconds: profile.answerSeconds(extraTime: extraTime), timed: true,
                      readingWordsPerMinute: readingWordsPerMinute)
    }

    /// The same timing with questions read aloud at `wordsPerMinute` (nil: not read).
    public func reading(wordsPerMinute: Int?) -> AttemptTiming {
        var timing = self
        timing.readingWordsPerMinute = wordsPerMinute
        return timing
    }

    /// The speech rate a terminal uses when reading is asked without one (`--lecture` alone, AER).
    public static let defaultReadingWordsPerMinute = 160
}

public enum AttemptPhase: Sendable, Hashable {
    case notStarted
    /// The question is being read aloud; answers are not taken and no timer runs yet.
    case reading(deadline: MonotonicInstant)
    /// The situation is shown; answers are not taken yet.
    case situation(deadline: MonotonicInstant)
    /// Answers are taken until the deadline (none when untimed).
    case answering(deadline: MonotonicInstant?)
    case finished
}

/// What changed, in order, so the caller can journal it before showing it.
public enum AttemptEvent: Sendable, Hashable {
    /// Say `ReadingScript` of this question now (emitted only when reading aloud is on; untimed
    /// attempts go on to answering at once, the reading running over the answers).
    case readingStarted(index: Int)
    case situationStarted(index: Int)
    case answeringStarted(index: Int)
    case selectionChanged(index: Int, selection: Set<Int>)
    case questionClosed(index: Int, selection: Set<Int>, timeUsed: Duration)
    case finished
}

/// One candidate going through a list of questions (already in the candidate's order).
/// Pure: every call takes the current instant; deadlines are absolute instants.
public struct Attempt: Sendable {
    public let questions: [Question]
    public let timing: AttemptTiming
    public private(set) var index: Int = 0
    public private(set) var phase: AttemptPhase = .notStarted
    public private(set) var selections: [Set<Int>]
    public private(set) var timeUsed: [Duration]
    private var answeringStartedAt: MonotonicInstant?

    public init(questions: [Question], timing: AttemptTiming) {
        self.questions = questions
        self.timing = timing
        selections = Array(repeating: [], count: questions.count)
        timeUsed = Array(repeating: .zero, count: questions.count)
    }

    public var currentQuestion: Question? {
        questions.indices.contains(index) && phase != .finished ? questions[index] : nil
    }

    public var isFinished: Bool { phase == .finished }

    /// The next instant at which `update(at:)` will change something.
    public var nextDeadline: MonotonicInstant? {
        switch phase {
        case let .reading(deadline): deadline
        case let .situation(deadline): deadline
        case let .answering(deadline): deadline
        case .notStarted, .finished: nil
        }
    }

    /// What is said aloud for the question at `index`: the one the reading phase waits for, so
    /// the runtime says exactly what was timed. "Question 7 sur 20." leads when there are several.
    public func readingScript(ofQuestionAt index: Int) -> ReadingScript? {
        guard questions.indices.contains(index) else { return nil }
        let numbered = questions.count > 1
        return ReadingScript.question(questions[index], number: numbered ? index + 1 : nil,
                                      total: numbered ? questions.count : nil)
    }

    /// The reading script of the current question (nil when finished or not started).
    public var currentReadingScript: ReadingScript? {
        currentQuestion == nil || phase == .notStarted ? nil : readingScript(ofQuestionAt: index)
    }

    /// How long reading the question at `index` aloud takes at the timing's rate; nil when
    /// questions are not read.
    public func readingDuration(ofQuestionAt index: Int) -> Duration? {
        guard let wordsPerMinute = timing.readingWordsPerMinute else { return nil }
        return readingScript(ofQuestionAt: index)?.estimatedDuration(wordsPerMinute: wordsPerMinute)
    }

    /// Time left in the current phase (nil when untimed or not running).
    public func remaining(at now: MonotonicInstant) -> Duration? {
        guard let deadline = nextDeadline else { return nil }
        return max(.zero, deadline - now)
    }

    public mutating func start(at now: MonotonicInstant) -> [AttemptEvent] {
        guard phase == .notStarted else { return [] }
        guard !questions.isEmpty else {
            phase = .finished
            return [.finished]
        }
        return enterQuestion(0, at: now)
    }

    /// Applies every deadline that has passed at `now` (several if the caller woke up late).
    public mutating func update(at now: MonotonicInstant) -> [AttemptEvent] {
        var events: [AttemptEvent] = []
        while let deadline = nextDeadline, deadline <= now {
            switch phase {
            case .reading:
                events += enterSituationOrAnswering(at: deadline)
            case .situation:
                events += enterAnswering(at: deadline)
            case .answering:
                // The next question starts at the deadline, not at `now`: a late wake-up shortens
                // nothing and lengthens nothing.
                events += closeQuestion(at: deadline)
            case .notStarted, .finished:
                return events
            }
        }
        return events
    }

    /// Chooses a choice: replaces the answer when one is expected, toggles it when several are.
    /// Returns nil when the choice is not taken (wrong phase, out of range).
    public mutating func choose(_ choice: Int, at now: MonotonicInstant) -> AttemptEvent? {
        guard case let .answering(deadline) = phase, let question = currentQuestion,
              question.choices.indices.contains(choice) else { return nil }
        if let deadline, now >= deadline { return nil }
        var selection = selections[index]
        if question.expectsSeveralAnswers {
            if selection.contains(choice) { selection.remove(choice) } else { selection.insert(choice) }
        } else {
            selection = [choice]
        }
        guard selection != selections[index] else { return nil }
        selections[index] = selection
        return .selectionChanged(index: index, selection: selection)
    }

    /// Untimed attempts move on when the candidate validates; timed ones ignore it.
    public mutating func validate(at now: MonotonicInstant) -> [AttemptEvent] {
        guard !timing.timed else { return [] }
        switch phase {
        case .reading: return enterSituationOrAnswering(at: now)
        case .situation: return enterAnswering(at: now)
        case .answering: return closeQuestion(at: now)
        case .notStarted, .finished: return []
        }
    }

    /// Ends the attempt now, keeping the answers given so far (proctor's "end this attempt").
    public mutating func finish(at now: MonotonicInstant) -> [AttemptEvent] {
        guard phase != .finished else { return [] }
        var events: [AttemptEvent] = []
        if case .answering = phase { events += closeQuestion(at: now, moveOn: false) }
        phase = .finished
        return events + [.finished]
    }

    private mutating func enterQuestion(_ newIndex: Int, at start: MonotonicInstant) -> [AttemptEvent] {
        index = newIndex
        guard let readingTime = readingDuration(ofQuestionAt: newIndex) else {
            return enterSituationOrAnswering(at: start)
        }
        guard timing.timed else { return [.readingStarted(index: newIndex)] + enterSituationOrAnswering(at: start) }
        phase = .reading(deadline: start + readingTime)
        return [.readingStarted(index: newIndex)]
    }

    private mutating func enterSituationOrAnswering(at start: MonotonicInstant) -> [AttemptEvent] {
        let question = questions[index]
        if timing.timed && question.situation != nil && question.situationSeconds > 0 {
            phase = .situation(deadline: start + .seconds(question.situationSeconds))
            return [.situationStarted(index: index)]
        }
        return enterAnswering(at: start)
    }

    private mutating func enterAnswering(at start: MonotonicInstant) -> [AttemptEvent] {
        answeringStartedAt = start
        let remainingAnswerTime = Duration.seconds(timing.answerSeconds) - timeUsed[index]
        phase = .answering(deadline: timing.timed ? start + remainingAnswerTime : nil)
        return [.answeringStarted(index: index)]
    }

    private mutating func closeQuestion(at end: MonotonicInstant, moveOn: Bool = true) -> [AttemptEvent] {
        if let started = answeringStartedAt { timeUsed[index] += max(.zero, end - started) }
        answeringStartedAt = nil
        var events: [AttemptEvent] = [.questionClosed(index: index, selection: selections[index], timeUsed: timeUsed[index])]
        guard moveOn else { return events }
        if index + 1 < questions.count {
            events += enterQuestion(index + 1, at: end)
        } else {
            phase = .finished
            events.append(.finished)
        }
        return events
    }
}

// MARK: - Saving and resuming

/// What is saved of an attempt so it can go on after a crash with the time that was left.
public struct AttemptSnapshot: Sendable, Hashable, Codable {
    /// `reading` is saved only by terminals that read aloud; older snapshots never hold it.
    public enum Phase: String, Sendable, Codable { case notStarted, reading, situation, answering, finished }

    public var index: Int
    public var phase: Phase
    /// Time left in the current phase when saved (nil when untimed or not running).
    public var remainingMs: Int?
    public var selections: [[Int]]
    public var timeUsedMs: [Int]

    public init(index: Int, phase: Phase, remainingMs: Int?, selections: [[Int]], timeUsedMs: [Int]) {
        self.index = index
        self.phase = phase
        self.remainingMs = remainingMs
        self.selections = selections
        self.timeUsedMs = timeUsedMs
    }
}

extension Attempt {
    public func snapshot(at now: MonotonicInstant) -> AttemptSnapshot {
        let phaseName: AttemptSnapshot.Phase
        var used = timeUsed
        switch phase {
        case .notStarted: phaseName = .notStarted
        case .reading: phaseName = .reading
        case .situation: phaseName = .situation
        case .answering:
            phaseName = .answering
            if let started = answeringStartedAt { used[index] += max(.zero, now - started) }
        case .finished: phaseName = .finished
        }
        return AttemptSnapshot(
            index: index, phase: phaseName, remainingMs: remaining(at: now)?.millisecondsValue,
            selections: selections.map { $0.sorted() }, timeUsedMs: used.map(\.millisecondsValue))
    }

    /// Rebuilds an attempt from a snapshot; the current phase gets the time that was left from `now`.
    public init(resuming snapshot: AttemptSnapshot, questions: [Question], timing: AttemptTiming, at now: MonotonicInstant) {
        self.init(questions: questions, timing: timing)
        for (i, selection) in snapshot.selections.enumerated() where i < questions.count {
            selections[i] = Set(selection.filter { questions[i].choices.indices.contains($0) })
        }
        for (i, ms) in snapshot.timeUsedMs.enumerated() where i < questions.count {
            timeUsed[i] = .milliseconds(ms)
        }
        index = min(max(0, snapshot.index), max(0, questions.count - 1))
        let remaining = Duration.milliseconds(snapshot.remainingMs ?? 0)
        switch snapshot.phase {
        case .notStarted:
            phase = .notStarted
        case .finished:
            phase = .finished
        case .reading:
            // The voice starts the question again from its beginning, so the reading phase gets
            // its whole length again (the runtime says `currentReadingScript`); without reading in
            // the resumed timing, the question goes on to its situation and full answering time.
            if timing.timed, let readingTime = readingDuration(ofQuestionAt: index) {
                phase = .reading(deadline: now + readingTime)
            } else {
                _ = enterSituationOrAnswering(at: now)
            }
        case .situation:
            phase = timing.timed ? .situation(deadline: now + remaining) : .answering(deadline: nil)
            if !timing.timed { answeringStartedAt = now }
        case .answering:
            // timeUsed already holds what was spent on this question; the deadline is what was left.
            answeringStartedAt = now
            phase = .answering(deadline: timing.timed ? now + remaining : nil)
        }
    }
}
