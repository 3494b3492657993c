import ExamKit

/// How this terminal reads questions aloud and draws for screen readers (`--lecture`, `--debit`,
/// `--lecteur-ecran`; DESIGN §15).
public struct ReadingPreference: Sendable, Hashable {
    /// `--lecture`: every question is read, not only those of sessions that ask for it (AER).
    public var always: Bool
    /// `--debit`: words per minute; nil takes the session's rate, else the default.
    public var wordsPerMinute: Int?
    /// `--lecteur-ecran`: plain text, no drawing characters, the cursor on the focused choice.
    public var screenReader: Bool
    /// The voice as the program starts: made with `--lecture`, else made when a session needs it.
    public var voice: VoiceState

    public init(always: Bool = false, wordsPerMinute: Int? = nil, screenReader: Bool = false, voice: VoiceState = .notPrepared) {
        self.always = always
        self.wordsPerMinute = wordsPerMinute
        self.screenReader = screenReader
        self.voice = voice
    }
}

/// The synthesizer, as far as the interface knows.
public enum VoiceState: Sendable, Hashable {
    case notPrepared
    case preparing
    case ready
    /// The one French line saying why there is no voice (espeak-ng missing, no audio output…).
    case unavailable(String)
}

extension AppContext {
    /// True when questions with this timing are to be read: `--lecture`, or a session that asks (AER).
    func wantsReading(_ timing: AttemptTiming) -> Bool {
        configuration.reading.always || timing.readingWordsPerMinute != nil
    }

    /// The timing to run: with a reading phase at the chosen rate when reading is wanted and a voice is
    /// ready; without one otherwise (no voice, no reading time: the attempt runs as for everyone).
    func timing(for asked: AttemptTiming) -> AttemptTiming {
        guard wantsReading(asked), voice == .ready else { return asked.reading(wordsPerMinute: nil) }
        let rate = configuration.reading.wordsPerMinute ?? asked.readingWordsPerMinute ?? AttemptTiming.defaultReadingWordsPerMinute
        return asked.reading(wordsPerMinute: rate)
    }

    /// The line to show when reading is wanted but no voice can do it.
    func readingProblem(for asked: AttemptTiming) -> String? {
        guard wantsReading(asked), case let .unavailable(problem) = voice else { return nil }
        return problem
    }

    /// Practice and self-test are read with `--lecture` (no session asks for them).
    var practiceReadingRate: Int? {
        guard configuration.reading.always, voice == .ready else { return nil }
        return configuration.reading.wordsPerMinute ?? AttemptTiming.defaultReadingWordsPerMinute
    }

    /// Asks the host for a voice when a session wants reading and none was made yet.
    mutating func prepareVoice(for asked: AttemptTiming) -> [AppEffect] {
        guard wantsReading(asked), voice == .notPrepared else { return [] }
        voice = .preparing
        return [.prepareSpeech]
    }
}

/// What a question screen says aloud: each question once its reading phase starts, the time left at
/// 30 s and 10 s, the question again on `L`, the focused choice and its state on `M`.
struct QuestionVoice: Sendable, Hashable {
    var wordsPerMinute: Int
    /// The answering time left at the previous tick, for the announcements.
    var lastRemaining: Duration?

    /// A voice for an attempt whose timing reads aloud; nil otherwise.
    init?(_ attempt: Attempt) {
        guard let rate = attempt.timing.readingWordsPerMinute else { return nil }
        wordsPerMinute = rate
    }

    func say(_ script: ReadingScript?) -> [AppEffect] {
        guard let script, !script.parts.isEmpty else { return [] }
        return [.say(script.text, wordsPerMinute: wordsPerMinute)]
    }

    /// A question is read when its reading phase starts (a resumed one too).
    func read(_ events: [AttemptEvent], attempt: Attempt) -> [AppEffect] {
        let started = events.contains { if case .readingStarted = $0 { true } else { false } }
        return started ? say(attempt.currentReadingScript) : []
    }

    /// « Il reste 30 secondes. » as the answering countdown crosses 30 s and 10 s.
    mutating func announce(_ attempt: Attempt, at now: MonotonicInstant) -> [AppEffect] {
        guard case .answering = attempt.phase, let remaining = attempt.remaining(at: now) else {
            lastRemaining = nil
            return []
        }
        let previous = lastRemaining ?? remaining
        lastRemaining = remaining
        guard let seconds = TimeAnnouncement.due(previous: previous, current: remaining) else { return [] }
        return say(ReadingScript.timeLeft(seconds: seconds))
    }

    /// `L` reads the question again, `M` the focused choice and whether it is checked; nil for other keys.
    func handle(_ key: Key, attempt: Attempt, focus: Int) -> [AppEffect]? {
        switch key {
        case .character("l"), .character("L"):
            return say(attempt.currentReadingScript)
        case .character("m"), .character("M"):
            guard let question = attempt.currentQuestion else { return [] }
            let checked = attempt.selections[attempt.index].contains(focus)
            return say(ReadingScript.focusedChoice(focus, of: question, checked: checked))
        default:
            return nil
        }
    }
}
