import ExamKit
import Testing
@testable import TerminalUI

/// Screens 9 and 10 through the keys: profile, bank, themes, immediate correction, statistics, self-test.
@Suite struct PracticeFlowTests {
    @Test func theHomeOffersPracticeAndSelfTestWithTheFirstItemFocused() {
        var s = Session(practiceProfiles: [])
        let text = s.frame().text
        #expect(text.contains("› Passer une épreuve"))
        #expect(text.contains("M'entraîner"))
        #expect(text.contains("Me tester"))
        #expect(text.contains("Quitter"))
        s.press(.enter)
        #expect(s.frame().text.contains("Numéro de l'épreuve"))
        let kiosk = Session(practiceProfiles: [], kiosk: true).frame().text
        #expect(kiosk.contains("Me tester") && !kiosk.contains("Quitter"))
        // Without content for practice (older hosts) the home stays as it was.
        #expect(!Session().frame().text.contains("M'entraîner"))
    }

    @Test func aFirstNameIsTypedOnceThenChosenFromTheList() {
        var s = Session(practiceProfiles: [])
        s.press(.down, .enter)
        #expect(s.frame().text.contains("Votre prénom"))
        s.press(.enter)
        #expect(s.frame().text.contains("Saisissez votre prénom."))
        s.type("Lily")
        let remembered = s.press(.enter)
        #expect(remembered.contains { if case .rememberPracticeProfile(name: "Lily") = $0 { true } else { false } })
        #expect(s.frame().text.contains("Quelle attestation préparez-vous ?"))
        s.press(.escape, .escape) // back to the profiles, then home
        s.press(.down, .down, .enter) // Me tester
        let text = s.frame().text
        #expect(text.contains("Qui s'entraîne ?"))
        #expect(text.contains("› Lily"))
    }

    @Test func practiceAsksOnlyTheChosenThemesWithoutRepeatingUntilUsedUp() {
        var s = Session(practiceProfiles: ["Lily"])
        s.openPracticeThemes()
        s.press(.enter) // no theme checked yet
        #expect(s.frame().text.contains("Choisissez au moins un thème."))
        s.press(.down, .character(" "), .down, .character(" "), .enter) // passagers, vitesse
        var asked: [String] = []
        while let question = s.practiceQuestion {
            asked.append(question.id)
            s.answer(right: true)
            s.press(.enter)
            if s.app.buttons.count == 1 { break } // only « Terminer… » is left
            s.press(.enter) // Question suivante
        }
        #expect(asked.count == 5)
        #expect(Set(asked) == ["passagers-1", "passagers-2", "vitesse-1", "vitesse-2", "vitesse-3"])
        let text = s.frame().text
        #expect(text.contains("Toutes les questions de ces thèmes ont été posées."))
        #expect(text.contains("Terminer l'entraînement et afficher les statistiques"))
        #expect(!text.contains("Question suivante"))
    }

    @Test func eachAnswerIsCorrectedAtOnceWithTheExpectedLettersAndTheExplanation() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [0])
        // Find the question with several answers and answer it wrong; answer the others right.
        var sawIncorrect = false, sawCorrect = false
        while let question = s.practiceQuestion {
            let several = question.expectsSeveralAnswers
            if several { s.press(.character("a")) } else { s.answer(right: true) }
            s.press(.enter)
            let text = s.frame().text
            if several {
                #expect(text.contains("Incorrect"))
                #expect(text.contains("Réponse attendue : A, C"))
                #expect(text.contains("✓ [x] A  Première réponse."))
                #expect(text.contains("  [ ] B  Deuxième réponse."))
                #expect(text.contains("✓ [ ] C  Troisième réponse."))
                sawIncorrect = true
            } else {
                #expect(text.contains("Correct") && !text.contains("Incorrect"))
                #expect(text.contains("Réponse attendue : B"))
                sawCorrect = true
            }
            #expect(text.contains("Explication de la question \(question.theme) "))
            guard s.app.buttons.count == 2 else { break }
            s.press(.enter)
        }
        #expect(sawIncorrect && sawCorrect)
    }

    @Test func tEndsPracticeWithStatisticsAndTheHistoryGetsThem() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [0, 2]) // circulation and vitesse
        var wrongThemes: [String] = []
        for number in 0..<4 {
            guard let question = s.practiceQuestion else { break }
            let right = number % 2 == 0
            if !right { wrongThemes.append(question.theme) }
            s.clock.advance(by: .seconds(10))
            s.answer(right: right)
            s.press(.enter)
            if number < 3 { s.press(.enter) }
        }
        s.press(.character("T"))
        let text = s.frame().text
        #expect(text.contains("Statistiques"))
        #expect(text.contains("2/4 bonnes réponses"))
        #expect(text.contains("Erreurs : 2 sur 4 questions · Temps total : 40 s"))
        #expect(text.contains("Thème") && text.contains("Bonnes"))
        #expect(text.contains("À retravailler :"))
        let saved = s.savedResults
        #expect(saved.count == 1)
        #expect(saved.first?.right == 2 && saved.first?.questions == 4)
        #expect(saved.first?.mode == .practice && saved.first?.profileName == "Lily" && saved.first?.bank == "ASSR1")
        #expect(saved.first?.passed == nil)
        #expect(saved.first?.durationMs == 40_000)
        #expect(saved.first?.themes.map(\.questions).reduce(0, +) == 4)
    }

    @Test func tDuringAQuestionLeavesItUncounted() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [1])
        s.answer(right: true)
        s.press(.enter, .enter)      // corrected, next question
        s.press(.character("t"))     // ends before answering the second one
        #expect(s.savedResults.first?.questions == 1)
        #expect(s.frame().text.contains("Aucun thème à retravailler"))
    }

    @Test func timedPracticeClosesTheQuestionAtTheDeadlineAndCorrectsIt() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [1], timed: true)
        #expect(s.frame().text.contains("0:45"))
        #expect(s.app.nextWakeUp(at: s.now) != nil)
        s.advance(.seconds(45))
        let text = s.frame().text
        #expect(text.contains("Incorrect"))
        #expect(text.contains("Réponse attendue : B · Vous n'avez pas répondu."))
        #expect(s.app.nextWakeUp(at: s.now) == nil)
    }

    @Test func untimedPracticeWaitsForEnter() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [1])
        #expect(s.app.nextWakeUp(at: s.now) == nil)
        s.advance(.seconds(600))
        #expect(s.frame().text.contains("Entrée : valider la réponse · T : terminer"))
    }

    @Test func theSelfTestFollowsTheQuotasWithoutCorrectionThenShowsTheVerdict() {
        var s = Session(practiceProfiles: ["Lily"])
        s.press(.down, .down, .enter, .enter, .enter) // Me tester, Lily, ASSR1
        let questions = s.app.practice?.attempt.questions ?? []
        #expect(questions.count == 4)
        #expect(questions.count { $0.theme == "circulation" } == 2)
        #expect(questions.count { $0.theme == "passagers" } == 1)
        #expect(s.frame().text.contains("Question 1/4"))
        #expect(s.frame().text.contains("0:45"))
        for position in 0..<4 {
            s.answer(right: position != 3)
            s.press(.enter) // does nothing: exam conditions
            #expect(!s.frame().text.contains("Réponse attendue"))
            s.advance(.seconds(45))
        }
        let text = s.frame().text
        #expect(text.contains("Bravo ! Vous avez réussi"))
        #expect(text.contains("3/4 bonnes réponses"))
        #expect(s.savedResults.first?.passed == true)
        #expect(s.savedResults.first?.mode == .selfTest)
        s.press(.enter) // Voir la correction
        let correction = s.frame().text
        #expect(correction.contains("Correction"))
        #expect(correction.contains("Question 1/4 ·"))
        s.press(.enter)
        #expect(s.frame().text.contains("Bravo ! Vous avez réussi"))
    }

    @Test func aFailedSelfTestSaysSo() {
        var s = Session(practiceProfiles: ["Lily"])
        s.press(.down, .down, .enter, .enter, .enter)
        for _ in 0..<4 { s.advance(.seconds(45)) }
        #expect(s.frame().text.contains("Vous n'avez pas réussi"))
        #expect(s.savedResults.first?.passed == false)
        #expect(s.savedResults.first?.right == 0)
    }

    @Test func aBankThatCannotFillTheQuotasIsRefusedWithAMessage() {
        var s = Session(practiceProfiles: ["Lily"])
        s.press(.down, .down, .enter, .enter, .down, .enter) // Me tester, Lily, ASSR2 (1 question for 2)
        #expect(s.frame().text.contains("Impossible de composer une série"))
        #expect(s.app.practice == nil)
    }

    @Test func theCorrectionScrollsThroughEveryQuestion() {
        var s = Session(practiceProfiles: ["Lily"])
        s.press(.down, .down, .enter, .enter, .enter)
        for _ in 0..<4 { s.advance(.seconds(45)) }
        s.press(.enter)
        let top = s.frame(width: 80, height: 20).text
        #expect(top.contains("Question 1/4"))
        #expect(!top.contains("Question 4/4"))
        for _ in 0..<60 { s.press(.down) }
        let bottom = s.frame(width: 80, height: 20).text
        #expect(bottom.contains("Question 4/4"))
        #expect(!bottom.contains("Question 1/4"))
        s.press(.up)
        #expect(s.frame(width: 80, height: 20).text != bottom)
    }

    @Test func theCommandLineGoesStraightToTheFirstQuestion() {
        var s = Session(practiceProfiles: ["Lily"])
        s.app.openPractice(profileName: "Lily", bank: "assr1", themes: ["vitesse", "inconnu"], at: s.now).forEach { _ in }
        #expect(s.practiceQuestion?.theme == "vitesse")
        var partial = Session(practiceProfiles: ["Lily"])
        _ = partial.app.openPractice(profileName: "Lily", bank: "ASSR2", themes: [], at: partial.now)
        #expect(partial.frame().text.contains("Choisissez un ou plusieurs thèmes"))
        // Without a first name: who practises first, then straight into the themes asked for.
        var unnamed = Session(practiceProfiles: ["Lily"])
        _ = unnamed.app.openPractice(profileName: nil, bank: "assr1", themes: ["vitesse"], at: unnamed.now)
        #expect(unnamed.frame().text.contains("Qui s'entraîne ?"))
        unnamed.press(.enter)
        #expect(unnamed.practiceQuestion?.theme == "vitesse")
        #expect(!unnamed.frame().text.contains("Quelle attestation préparez-vous ?"))
        var newcomer = Session(practiceProfiles: [])
        _ = newcomer.app.openPractice(profileName: nil, bank: "assr1", themes: ["passagers"], at: newcomer.now)
        #expect(newcomer.frame().text.contains("Votre prénom"))
        newcomer.type("Inès")
        let effects = newcomer.press(.enter)
        #expect(newcomer.practiceQuestion?.theme == "passagers")
        #expect(effects.contains { if case .rememberPracticeProfile("Inès") = $0 { true } else { false } })
    }

    @Test func theCorrectionKeepsTheSituationAndReflowsTheExplanation() {
        let question = Question(id: "s-1", theme: "passagers", competence: "c", situation: "Des sacs sont posés sur la plage arrière.",
                                situationSeconds: 8, prompt: "Pourquoi les ranger dans le coffre ?",
                                choices: ["Ils peuvent être projetés.", "Ils alourdissent la voiture."], answer: [0],
                                explanation: "Lors d'un choc,\nun objet est projeté.\n\nSecond paragraphe.")
        var s = Session()
        s.app.enablePractice(PracticeLibrary(banks: [.init(id: "b", label: "ASSR1", profile: PracticeFixture.profile, questions: [question])],
                                             themes: PracticeFixture.themes, profileNames: ["Lily"]))
        _ = s.app.openPractice(profileName: "Lily", bank: "b", themes: ["passagers"], at: s.now)
        s.press(.character("a"), .enter)
        let text = s.frame().text
        #expect(text.contains("Des sacs sont posés sur la plage arrière."))
        #expect(text.contains("Lors d'un choc, un objet est projeté."))
        #expect(text.contains("\n  Second paragraphe."))
    }

    @Test func f12StillOpensTheSurveillantPanelDuringPractice() {
        var s = Session(practiceProfiles: ["Lily"])
        s.startPractice(rows: [1])
        s.press(.function(12))
        #expect(s.frame().text.contains("Code surveillant"))
    }
}
