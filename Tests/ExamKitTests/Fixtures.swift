import ExamKit

enum Fixtures {
    static let themeOrder = ["circulation", "vitesse", "passagers"]

    /// A bank with `perTheme` questions in each theme; every third question expects two answers.
    static func bank(perTheme: Int = 8, situationSeconds: Int = 0) -> Bank {
        var questions: [Question] = []
        for theme in themeOrder {
            for n in 1...perTheme {
                let several = n % 3 == 0
                questions.append(Question(
                    id: "t-\(theme)-\(n)", theme: theme, competence: "Savoir", 
                    situation: situationSeconds > 0 ? "Une scène." : nil, situationSeconds: situationSeconds,
                    prompt: "Question \(n) de \(theme) ?", choices: ["un", "deux", "trois"],
                    answer: several ? [0, 2] : [1], explanation: "Parce que."))
            }
        }
        return Bank(id: "test", questions: questions)
    }

    static let profile = Profile(
        id: "TEST", title: "Test", bank: "test", questionCount: 6, answerSeconds: 45,
        extraTimeAnswerSeconds: 60, passMark: 3, quotas: ["circulation": 3, "vitesse": 2, "passagers": 1])

    static func question(several: Bool = false, situationSeconds: Int = 0, id: String = "q") -> Question {
        Question(
            id: id, theme: "circulation", competence: "c", situation: situationSeconds > 0 ? "Scène" : nil,
            situationSeconds: situationSeconds, prompt: "p", choices: ["a", "b", "c", "d"],
            answer: several ? [0, 2] : [1], explanation: "e")
    }
}
