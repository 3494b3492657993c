import ExamKit
@testable import TerminalUI

/// Questions with their keys and a practice library of two banks, for screens 9 and 10.
enum PracticeFixture {
    static let themes = [Theme(id: "circulation", label: "Circulation"), Theme(id: "passagers", label: "Passagers"),
                         Theme(id: "vitesse", label: "Vitesse")]

    static func question(_ theme: String, _ number: Int, answer: [Int] = [1]) -> Question {
        Question(id: "\(theme)-\(number)", theme: theme, competence: "Compétence \(theme)",
                 prompt: "Question \(theme) \(number) ?",
                 choices: ["Première réponse.", "Deuxième réponse.", "Troisième réponse."],
                 answer: answer, explanation: "Explication de la question \(theme) \(number).")
    }

    /// Circulation 4 (one with several answers), passagers 2, vitesse 3.
    static var questions: [Question] {
        [question("circulation", 1), question("circulation", 2, answer: [0, 2]), question("circulation", 3),
         question("circulation", 4), question("passagers", 1), question("passagers", 2),
         question("vitesse", 1), question("vitesse", 2), question("vitesse", 3)]
    }

    /// A short exam: 2 circulation, 1 passagers, 1 vitesse; pass mark 3; 45 s.
    static let profile = Profile(id: "ASSR1", title: "Attestation scolaire de sécurité routière de premier niveau", bank: "assr1",
                                 questionCount: 4, answerSeconds: 45, extraTimeAnswerSeconds: 60, passMark: 3,
                                 quotas: ["circulation": 2, "passagers": 1, "vitesse": 1])
    static let second = Profile(id: "ASSR2", title: "Attestation scolaire de sécurité routière de second niveau", bank: "assr2",
                                questionCount: 2, answerSeconds: 45, extraTimeAnswerSeconds: 60, passMark: 1,
                                quotas: ["circulation": 2])

    static func library(profiles: [String] = []) -> PracticeLibrary {
        PracticeLibrary(banks: [
            .init(id: "assr1", label: "ASSR1", profile: profile, questions: questions),
            .init(id: "assr2", label: "ASSR2", profile: second, questions: [question("circulation", 9)]),
        ], themes: themes, profileNames: profiles)
    }

    /// The same question as the center sends it for a training session (with its key).
    static var training: [Question] { [question("circulation", 1), question("vitesse", 1), question("passagers", 1)] }
}

extension Session {
    init(practiceProfiles: [String], kiosk: Bool = false) {
        self.init(configuration: Fixture.configuration(kiosk: kiosk))
        app.enablePractice(PracticeFixture.library(profiles: practiceProfiles))
    }

    /// Home → « M'entraîner » → Lily → ASSR1 → themes.
    mutating func openPracticeThemes() {
        press(.down, .enter) // M'entraîner
        press(.enter)        // Lily
        press(.enter)        // ASSR1
    }

    /// The questions of the themes, checked with Space on rows given from the top, then started.
    mutating func startPractice(rows: [Int], timed: Bool = false) {
        openPracticeThemes()
        var at = 0
        for row in rows {
            while at < row { press(.down); at += 1 }
            press(.character(" "))
        }
        if timed {
            while at < 3 { press(.down); at += 1 }
            press(.character(" "))
        }
        press(.enter)
    }

    /// The current practice or self-test question.
    var practiceQuestion: Question? { app.practice?.attempt.currentQuestion }

    /// Answers the current question right (or wrong) by letters.
    mutating func answer(right: Bool) {
        guard let question = practiceQuestion else { return }
        let letters = right ? question.answer : [question.choices.indices.first { !question.answer.contains($0) }!]
        for index in letters { press(.character(Character(ChoiceLetter.letter(index)))) }
    }

    var savedResults: [PracticeResult] {
        effects.compactMap { if case let .savePracticeResult(result) = $0 { result } else { nil } }
    }
}
