/// One question's outcome: right only when the selected set equals the expected set.
public struct QuestionOutcome: Sendable, Hashable {
    public let question: Question
    public let selected: Set<Int>

    public init(question: Question, selected: Set<Int>) {
        self.question = question
        self.selected = selected
    }

    public var isCorrect: Bool { selected == Set(question.answer) }
}

/// The score of one attempt, from the answer key of whoever computes it.
public struct ScoreCard: Sendable, Hashable {
    public let outcomes: [QuestionOutcome]
    public let passMark: Int

    public init(questions: [Question], selections: [Set<Int>], passMark: Int) {
        outcomes = zip(questions, selections + Array(repeating: [], count: max(0, questions.count - selections.count)))
            .map { QuestionOutcome(question: $0, selected: $1) }
        self.passMark = passMark
    }

    public var right: Int { outcomes.count { $0.isCorrect } }
    public var total: Int { outcomes.count }
    public var errors: Int { total - right }
    public var passed: Bool { right >= passMark }

    public func themeStats(themeOrder: [String]) -> [ThemeStat] {
        ThemeStat.table(outcomes: outcomes, themeOrder: themeOrder)
    }
}

/// Questions and right answers in one theme.
public struct ThemeStat: Sendable, Hashable {
    public let theme: String
    /// Answers counted: over a group, one per candidate and question asked.
    public let questions: Int
    public let right: Int
    /// Different questions behind those answers (a group shares its session's questions).
    public let distinctQuestions: Int

    public init(theme: String, questions: Int, right: Int, distinctQuestions: Int? = nil) {
        self.theme = theme
        self.questions = questions
        self.right = right
        self.distinctQuestions = distinctQuestions ?? questions
    }

    /// Whole percentage, rounded to nearest; 0 for a theme with no question.
    public var percent: Int {
        questions == 0 ? 0 : Int((Double(right) * 100 / Double(questions)).rounded())
    }

    /// Per-theme table over any outcomes (one attempt or a whole group), themes in display order;
    /// themes with no question are left out.
    public static func table(outcomes: some Sequence<QuestionOutcome>, themeOrder: [String]) -> [ThemeStat] {
        var counts: [String: (questions: Int, right: Int, ids: Set<String>)] = [:]
        for outcome in outcomes {
            counts[outcome.question.theme, default: (0, 0, [])].questions += 1
            counts[outcome.question.theme, default: (0, 0, [])].ids.insert(outcome.question.id)
            if outcome.isCorrect { counts[outcome.question.theme, default: (0, 0, [])].right += 1 }
        }
        let known = themeOrder.filter { counts[$0] != nil }
        let others = counts.keys.filter { !themeOrder.contains($0) }.sorted()
        return (known + others).map {
            ThemeStat(theme: $0, questions: counts[$0]!.questions, right: counts[$0]!.right, distinctQuestions: counts[$0]!.ids.count)
        }
    }

    /// Statistics for a group of attempts.
    public static func table(cards: [ScoreCard], themeOrder: [String]) -> [ThemeStat] {
        table(outcomes: cards.lazy.flatMap(\.outcomes), themeOrder: themeOrder)
    }

    /// The themes to work on: every theme below `threshold` percent, worst first (ties by display order).
    public static func weakest(_ stats: [ThemeStat], limit: Int = .max, threshold: Int = 50) -> [ThemeStat] {
        Array(stats.enumerated()
            .filter { $0.element.questions > 0 && $0.element.percent < threshold }
            .sorted { ($0.element.percent, $0.offset) < ($1.element.percent, $1.offset) }
            .prefix(limit)
            .map(\.element))
    }
}
