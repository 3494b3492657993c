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
///
/// A question the surveillant neutralized for this candidate (an accepted alert, DESIGN §12) is left
/// out: the score is then out of 19, and the pass mark keeps its proportion — admitted when
/// `right / counted ≥ passMark / questions`, so 10/20 becomes 9.5/19, that is 10 right answers out of
/// 19 (and 9 out of 18).
public struct ScoreCard: Sendable, Hashable {
    /// The questions that count, in order.
    public let outcomes: [QuestionOutcome]
    /// The questions left out of the score, in order.
    public let neutralized: [QuestionOutcome]
    public let passMark: Int

    public init(questions: [Question], selections: [Set<Int>], passMark: Int, neutralized: Set<String> = []) {
        let all = zip(questions, selections + Array(repeating: [], count: max(0, questions.count - selections.count)))
            .map { QuestionOutcome(question: $0, selected: $1) }
        outcomes = all.filter { !neutralized.contains($0.question.id) }
        self.neutralized = all.filter { neutralized.contains($0.question.id) }
        self.passMark = passMark
    }

    public var right: Int { outcomes.count { $0.isCorrect } }
    /// Questions counted: 20, or 19 with one neutralized.
    public var total: Int { outcomes.count }
    public var errors: Int { total - right }
    public var passed: Bool { Self.passes(right: right, counted: total, questions: total + neutralized.count, passMark: passMark) }

    /// The pass mark scaled to the questions counted: `right × questions ≥ passMark × counted`.
    public static func passes(right: Int, counted: Int, questions: Int, passMark: Int) -> Bool {
        guard counted > 0 else { return false }
        return right * questions >= passMark * counted
    }

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
