/// The French said aloud for one thing on screen: a question, the time left, the focused choice,
/// a correction. Parts are said in order; `text` (parts joined by new lines, each ending with a
/// punctuation mark so the voice pauses) is exactly what goes to the synthesizer.
public struct ReadingScript: Sendable, Hashable {
    public let parts: [String]

    public init(parts: [String]) {
        self.parts = parts.filter { !$0.isEmpty }
    }

    public var text: String { parts.joined(separator: "\n") }

    /// How long saying it takes at `wordsPerMinute` (see `ReadingTime`).
    public func estimatedDuration(wordsPerMinute: Int) -> Duration {
        ReadingTime.estimate(text, wordsPerMinute: wordsPerMinute)
    }

    public static let oneAnswerExpected = "Une seule réponse est attendue."
    public static let severalAnswersExpected = "Plusieurs réponses sont attendues."

    /// A question as the candidate meets it: "Question 7 sur 20." (when `number` and `total` are
    /// given), the situation (illustrations skipped), the prompt, the banner, then each choice
    /// with its letter ("Réponse A : …").
    public static func question(_ question: Question, number: Int? = nil, total: Int? = nil) -> ReadingScript {
        var parts: [String] = []
        if let number, let total { parts.append("Question \(number) sur \(total).") }
        if let situation = question.situation { parts.append(SpokenText.sentence(situation)) }
        parts.append(SpokenText.sentence(question.prompt))
        parts.append(question.expectsSeveralAnswers ? severalAnswersExpected : oneAnswerExpected)
        for (index, choice) in question.choices.enumerated() {
            parts.append("Réponse \(ChoiceLetter.letter(index)) : \(SpokenText.sentence(choice))")
        }
        return ReadingScript(parts: parts)
    }

    /// "Il reste 30 secondes.", "Il reste 1 minute et 5 secondes."
    public static func timeLeft(seconds: Int) -> ReadingScript {
        let seconds = max(0, seconds)
        let (minutes, rest) = (seconds / 60, seconds % 60)
        var words: [String] = []
        if minutes > 0 { words.append(minutes == 1 ? "1 minute" : "\(minutes) minutes") }
        if rest > 0 || minutes == 0 { words.append(rest <= 1 ? "\(rest) seconde" : "\(rest) secondes") }
        return ReadingScript(parts: ["Il reste \(words.joined(separator: " et "))."])
    }

    /// The focused choice and its state, then its text: "B, cochée." "Sur une rue limitée…".
    public static func focusedChoice(_ choice: Int, of question: Question, checked: Bool) -> ReadingScript {
        guard question.choices.indices.contains(choice) else { return ReadingScript(parts: []) }
        let state = checked ? "cochée" : "non cochée"
        return ReadingScript(parts: ["\(ChoiceLetter.letter(choice)), \(state).",
                                     SpokenText.sentence(question.choices[choice])])
    }

    /// A practice correction: "Correct." or "Incorrect.", the expected answer, the explanation and
    /// the reference (a question without its key has nothing to correct).
    public static func correction(_ question: Question, selection: Set<Int>) -> ReadingScript {
        guard question.hasKey else { return ReadingScript(parts: []) }
        let right = Set(question.answer) == selection
        var parts = [right ? "Correct." : "Incorrect.",
                     "Réponse attendue : \(ChoiceLetter.letters(question.answer).joined(separator: ", ")).",
                     SpokenText.sentence(question.explanation)]
        if let reference = question.reference { parts.append(SpokenText.sentence(reference)) }
        return ReadingScript(parts: parts)
    }
}

/// When to say the time left: as the countdown crosses 30 s and 10 s (whole seconds, rounded up
/// as on screen).
public enum TimeAnnouncement {
    public static let thresholds = [30, 10]

    /// The threshold crossed between two readings of the time left (the caller's previous tick and
    /// this one, in the same answering phase), the smallest when a late wake-up crossed several;
    /// nil when none. At the start of a phase, pass the same value twice: nothing is due.
    public static func due(previous: Duration, current: Duration) -> Int? {
        let now = current.secondsRoundedUp
        let before = previous.secondsRoundedUp
        return thresholds.filter { before > $0 && now <= $0 && now > 0 }.min()
    }
}
