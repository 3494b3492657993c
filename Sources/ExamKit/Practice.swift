import Foundation

/// What practice and self-test draw from: the banks of the local content (with their keys), the
/// themes in display order, and the first names of the local profiles.
public struct PracticeLibrary: Sendable {
    public struct Bank: Sendable, Hashable {
        /// Folder under Content/banks/ ("assr1").
        public var id: String
        /// Shown in menus and history: the first profile using the bank ("ASSR1").
        public var label: String
        public var profile: Profile
        public var questions: [Question]

        public init(id: String, label: String, profile: Profile, questions: [Question]) {
            self.id = id
            self.label = label
            self.profile = profile
            self.questions = questions
        }

        /// Themes with at least one question, in display order.
        public func themes(order: [Theme]) -> [Theme] {
            let present = Set(questions.map(\.theme))
            return order.filter { present.contains($0.id) }
                + present.subtracting(order.map(\.id)).sorted().map { Theme(id: $0, label: $0) }
        }
    }

    public var banks: [Bank]
    public var themes: [Theme]
    public var profileNames: [String]

    public init(banks: [Bank], themes: [Theme], profileNames: [String]) {
        self.banks = banks
        self.themes = themes
        self.profileNames = profileNames
    }

    /// One entry per bank, named after the first profile that uses it (ASSR1 → assr1, ASSR2 → assr2).
    public init(catalog: Catalog, profileNames: [String]) {
        var banks: [Bank] = []
        for profile in catalog.profiles where !banks.contains(where: { $0.id == profile.bank }) {
            guard let bank = catalog.banks[profile.bank] else { continue }
            banks.append(Bank(id: profile.bank, label: profile.id, profile: profile, questions: bank.questions))
        }
        self.init(banks: banks, themes: catalog.themes, profileNames: profileNames)
    }

    /// A bank by its id or its label, any case ("assr1", "ASSR1").
    public func bank(named name: String) -> Bank? {
        banks.first { $0.id.lowercased() == name.lowercased() || $0.label.lowercased() == name.lowercased() }
    }
}

/// One practice or self-test session, for the local history.
public struct PracticeResult: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case practice = "entrainement"
        case selfTest = "autotest"
    }

    public var mode: Mode
    public var profileName: String
    /// The bank's label ("ASSR1").
    public var bank: String
    public var questions: Int
    public var right: Int
    public var durationMs: Int
    /// Self-tests only.
    public var passed: Bool?
    public var themes: [ThemeStat]
    /// Set by the host when it records the result.
    public var finishedAt: Date?

    public init(mode: Mode, profileName: String, bank: String, questions: Int, right: Int, durationMs: Int,
                passed: Bool?, themes: [ThemeStat], finishedAt: Date? = nil) {
        self.mode = mode
        self.profileName = profileName
        self.bank = bank
        self.questions = questions
        self.right = right
        self.durationMs = durationMs
        self.passed = passed
        self.themes = themes
        self.finishedAt = finishedAt
    }
}

/// A finished set of questions to look back on: statistics, then the whole correction.
public struct Review: Sendable {
    public enum Kind: Sendable, Hashable {
        case practice
        case selfTest(passMark: Int)
        case training
    }

    public var kind: Kind
    public var title: String
    public var outcomes: [QuestionOutcome]
    public var timeUsed: [Duration]
    public var themeOrder: [String]

    public init(kind: Kind, title: String, outcomes: [QuestionOutcome], timeUsed: [Duration], themeOrder: [String]) {
        self.kind = kind
        self.title = title
        self.outcomes = outcomes
        self.timeUsed = timeUsed
        self.themeOrder = themeOrder
    }

    public var card: ScoreCard {
        let passMark: Int
        if case let .selfTest(mark) = kind { passMark = mark } else { passMark = 0 }
        return ScoreCard(questions: outcomes.map(\.question), selections: outcomes.map(\.selected), passMark: passMark)
    }

    public var totalTime: Duration { timeUsed.reduce(.zero, +) }
    public var stats: [ThemeStat] { ThemeStat.table(outcomes: outcomes, themeOrder: themeOrder) }
    public var weakest: [ThemeStat] { ThemeStat.weakest(stats) }
}

/// Practice (one question at a time, corrected at once) or self-test (a whole exam, corrected at the end).
public struct PracticeRun: Sendable {
    public private(set) var mode: PracticeResult.Mode
    public private(set) var profileName: String
    public private(set) var bank: PracticeLibrary.Bank
    public private(set) var timed: Bool
    /// Practice: questions not asked yet; self-test: empty.
    public private(set) var queue: [Question]
    /// Questions the run can ask in all.
    public private(set) var total: Int
    /// Practice: the current question alone; self-test: the whole set.
    public private(set) var attempt: Attempt
    /// Practice: every question answered and corrected so far.
    public private(set) var outcomes: [QuestionOutcome] = []
    public private(set) var timeUsed: [Duration] = []
    /// Practice: the current question has been answered and its correction is shown.
    public private(set) var corrected = false
    /// Questions read aloud at this rate (nil: not read); each question then starts with its reading.
    public private(set) var readingWordsPerMinute: Int?

    var timing: AttemptTiming {
        AttemptTiming(answerSeconds: bank.profile.answerSeconds, timed: timed, readingWordsPerMinute: readingWordsPerMinute)
    }

    /// Practice over some themes, in a shuffled order that does not repeat until they are used up.
    public static func practice(profileName: String, bank: PracticeLibrary.Bank, themes: Set<String>, timed: Bool,
                         readingWordsPerMinute: Int? = nil, at now: MonotonicInstant) -> PracticeRun? {
        var generator = SeededGenerator(seed: "practice\u{0}\(profileName)\u{0}\(now.nanoseconds)")
        let pool = bank.questions.filter { themes.contains($0.theme) }.sorted { $0.id < $1.id }.stableShuffled(using: &generator)
        guard let first = pool.first else { return nil }
        var run = PracticeRun(mode: .practice, profileName: profileName, bank: bank, timed: timed, queue: Array(pool.dropFirst()),
                              total: pool.count, attempt: Attempt(questions: [first], timing: AttemptTiming(answerSeconds: 45)),
                              readingWordsPerMinute: readingWordsPerMinute)
        run.attempt = Attempt(questions: [first], timing: run.timing)
        _ = run.attempt.start(at: now)
        return run
    }

    /// A self-test composed like an exam: the profile's quotas and timing, in a shuffled order.
    public static func selfTest(profileName: String, bank: PracticeLibrary.Bank, themeOrder: [String],
                         readingWordsPerMinute: Int? = nil, at now: MonotonicInstant) throws(SessionComposer.Failure) -> PracticeRun {
        let seed = "autotest\u{0}\(profileName)\u{0}\(now.nanoseconds)"
        let composed = try SessionComposer.compose(profile: bank.profile, bank: Bank(id: bank.id, questions: bank.questions),
                                                   seed: seed, themeOrder: themeOrder)
        let questions = CandidateOrder.order(composed, sessionSeed: seed, candidateId: profileName)
        var attempt = Attempt(questions: questions, timing: .exam(bank.profile, extraTime: false,
                                                                   readingWordsPerMinute: readingWordsPerMinute))
        _ = attempt.start(at: now)
        return PracticeRun(mode: .selfTest, profileName: profileName, bank: bank, timed: true, queue: [],
                           total: questions.count, attempt: attempt, readingWordsPerMinute: readingWordsPerMinute)
    }

    /// Position of the current question, from 1.
    public var position: Int { mode == .practice ? outcomes.count + (corrected ? 0 : 1) : attempt.index + 1 }

    /// True once a self-test's last question closed: time for the results.
    public var isOver: Bool { mode == .selfTest && attempt.isFinished }

    /// Answers the current question; nothing once it is corrected or its time is over.
    public mutating func choose(_ choice: Int, at now: MonotonicInstant) -> Bool {
        guard !corrected, attempt.choose(choice, at: now) != nil else { return false }
        return true
    }

    /// Practice: Enter closes the current question and shows its correction at once.
    public mutating func validate(at now: MonotonicInstant) -> Bool {
        guard mode == .practice, !corrected, case .answering = attempt.phase else { return false }
        _ = attempt.finish(at: now)
        correctCurrent()
        return true
    }

    /// Applies the deadlines of a timed question or of a self-test; a practice question out of time is
    /// corrected like a validated one.
    public mutating func update(at now: MonotonicInstant) -> [AttemptEvent] {
        guard !corrected else { return [] }
        let events = attempt.update(at: now)
        correctCurrent()
        return events
    }

    /// Practice: records the current question once it is closed (validated or out of time).
    private mutating func correctCurrent() {
        guard mode == .practice, !corrected, attempt.isFinished, let question = attempt.questions.first else { return }
        outcomes.append(QuestionOutcome(question: question, selected: attempt.selections[0]))
        timeUsed.append(attempt.timeUsed[0])
        corrected = true
    }

    /// Practice: the next question, if any is left.
    public mutating func next(at now: MonotonicInstant) -> Bool {
        guard mode == .practice, corrected, !queue.isEmpty else { return false }
        attempt = Attempt(questions: [queue.removeFirst()], timing: timing)
        _ = attempt.start(at: now)
        corrected = false
        return true
    }

    /// What was answered, for the statistics and the correction.
    public func review(title: String, themeOrder: [String]) -> Review {
        switch mode {
        case .practice:
            return Review(kind: .practice, title: title, outcomes: outcomes, timeUsed: timeUsed, themeOrder: themeOrder)
        case .selfTest:
            let outcomes = zip(attempt.questions, attempt.selections).map { QuestionOutcome(question: $0, selected: $1) }
            return Review(kind: .selfTest(passMark: bank.profile.passMark), title: title, outcomes: outcomes,
                          timeUsed: attempt.timeUsed, themeOrder: themeOrder)
        }
    }
}

extension Review {
    public func result(mode: PracticeResult.Mode, profileName: String, bank: String) -> PracticeResult {
        let card = card
        var passed: Bool?
        if case .selfTest = kind { passed = card.passed }
        return PracticeResult(mode: mode, profileName: profileName, bank: bank, questions: card.total, right: card.right,
                              durationMs: totalTime.millisecondsValue, passed: passed, themes: stats)
    }
}
