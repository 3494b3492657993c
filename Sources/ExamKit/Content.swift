/// A theme of the national programme ("circulation", "vitesse"…), in display order.
public struct Theme: Sendable, Hashable, Codable {
    public let id: String
    public let label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// One multiple-choice question. Choices are addressed by index (0 = "A").
public struct Question: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let theme: String
    public let competence: String
    public let situation: String?
    public let situationSeconds: Int
    public let prompt: String
    public let choices: [String]
    /// Indices of the expected choices, ascending.
    public let answer: [Int]
    public let explanation: String
    public let reference: String?
    /// Kept apart from `answer` so a question without its key still shows the right banner.
    public let expectsSeveralAnswers: Bool

    public init(
        id: String, theme: String, competence: String, situation: String? = nil, situationSeconds: Int = 0,
        prompt: String, choices: [String], answer: [Int], explanation: String, reference: String? = nil,
        expectsSeveralAnswers: Bool? = nil
    ) {
        self.id = id
        self.theme = theme
        self.competence = competence
        self.situation = situation
        self.situationSeconds = situationSeconds
        self.prompt = prompt
        self.choices = choices
        self.answer = answer.sorted()
        self.explanation = explanation
        self.reference = reference
        self.expectsSeveralAnswers = expectsSeveralAnswers ?? (answer.count > 1)
    }

    /// True when this copy carries the answer key (an exam package does not).
    public var hasKey: Bool { !answer.isEmpty }

    /// The same question without what a candidate must not receive during an exam.
    public func withoutKey() -> Question {
        Question(id: id, theme: theme, competence: competence, situation: situation,
                 situationSeconds: situationSeconds, prompt: prompt, choices: choices,
                 answer: [], explanation: "", reference: nil, expectsSeveralAnswers: expectsSeveralAnswers)
    }
}

/// The kind of exam: ASSR1, ASSR2, ASR, AER.
public struct Profile: Sendable, Hashable, Codable {
    public let id: String
    public let title: String
    public let bank: String
    public let questionCount: Int
    public let answerSeconds: Int
    public let extraTimeAnswerSeconds: Int
    public let passMark: Int
    /// Questions per theme id.
    public let quotas: [String: Int]

    public init(
        id: String, title: String, bank: String, questionCount: Int, answerSeconds: Int,
        extraTimeAnswerSeconds: Int, passMark: Int, quotas: [String: Int]
    ) {
        self.id = id
        self.title = title
        self.bank = bank
        self.questionCount = questionCount
        self.answerSeconds = answerSeconds
        self.extraTimeAnswerSeconds = extraTimeAnswerSeconds
        self.passMark = passMark
        self.quotas = quotas
    }

    /// The AER is the attestation for pupils whose sight keeps them from the ASSR: its questions are
    /// read aloud by default (DESIGN §15).
    public var readsAloud: Bool { id == "AER" }

    public func answerSeconds(extraTime: Bool) -> Int {
        extraTime ? extraTimeAnswerSeconds : answerSeconds
    }
}

/// All questions of one bank (a folder under Content/banks/).
public struct Bank: Sendable, Hashable {
    public let id: String
    public let questions: [Question]
    /// Per theme, sorted by id: composition draws from these without re-filtering the bank.
    private let byTheme: [String: [Question]]
    /// Position of each id in `questions` (the first, should one repeat): the center looks up every
    /// question of a session for each login and each result.
    private let positionById: [String: Int]

    public init(id: String, questions: [Question]) {
        self.id = id
        self.questions = questions
        byTheme = Dictionary(grouping: questions, by: \.theme).mapValues { $0.sorted { $0.id < $1.id } }
        positionById = Dictionary(questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The theme's questions, sorted by id.
    public func questions(inTheme theme: String) -> [Question] {
        byTheme[theme] ?? []
    }

    public func question(id: String) -> Question? {
        positionById[id].map { questions[$0] }
    }
}

/// Everything the content folder holds, validated.
public struct Catalog: Sendable, Equatable {
    public let themes: [Theme]
    public let profiles: [Profile]
    public let banks: [String: Bank]
    /// SHA-256 (hex) over the content files: terminals and center compare it.
    public let digest: String

    public init(themes: [Theme], profiles: [Profile], banks: [String: Bank], digest: String) {
        self.themes = themes
        self.profiles = profiles
        self.banks = banks
        self.digest = digest
    }

    public func profile(_ id: String) -> Profile? {
        profiles.first { $0.id.lowercased() == id.lowercased() }
    }

    public func theme(_ id: String) -> Theme? {
        themes.first { $0.id == id }
    }

    public func themeLabel(_ id: String) -> String {
        theme(id)?.label ?? id
    }

    /// Questions of every bank by id (ids are unique across banks).
    public func question(id: String) -> Question? {
        for bank in banks.values {
            if let question = bank.question(id: id) { return question }
        }
        return nil
    }
}

/// Letters shown for choices, by position.
public enum ChoiceLetter {
    public static let all: [Character] = ["A", "B", "C", "D", "E", "F"]

    public static func letter(_ index: Int) -> String {
        String(all[index])
    }

    public static func index(of letter: Character) -> Int? {
        all.firstIndex(of: Character(letter.uppercased()))
    }

    public static func letters(_ indices: [Int]) -> [String] {
        indices.sorted().map(letter)
    }
}
