import ExamKit
import Testing
@testable import TerminalUI

/// Training sessions from the center: the same screens, then the statistics and the correction after
/// « Vos résultats sont bien enregistrés. ».
@Suite struct TrainingReviewTests {
    static let trainingExam = ExamInfo(number: "654321", title: "ASSR2 — Entraînement", isTraining: true)

    @Test func aDeliveredTrainingShowsStatisticsThenTheCorrection() {
        var s = Session.trainingDone(timed: true)
        #expect(!s.frame().text.contains("Bonnes")) // nothing before the center acknowledged
        s.respond(.submission(.success(())))
        let text = s.frame().text
        #expect(text.contains("Vos résultats sont bien enregistrés."))
        #expect(text.contains("2/3 bonnes réponses"))
        #expect(text.contains("Erreurs : 1 sur 3 questions"))
        #expect(text.contains("À retravailler : Vitesse"))
        #expect(text.contains("[ Voir la correction ]"))
        s.press(.enter)
        let correction = s.frame().text
        #expect(correction.contains("Question 2/3 · Vitesse · Incorrect"))
        #expect(correction.contains("Réponse attendue : B"))
        s.press(.enter) // back to the end screen
        #expect(s.frame().text.contains("Vos résultats sont bien enregistrés."))
        s.press(.tab, .enter) // Terminer
        #expect(s.frame().text.contains("Passer une épreuve"))
    }

    @Test func anUntimedTrainingMovesOnWithEnterAndEndsTheSameWay() {
        var s = Session.trainingDone(timed: false)
        s.respond(.submission(.success(())))
        #expect(s.frame().text.contains("[ Voir la correction ]"))
    }

    @Test func theDeliveryFlowIsUnchangedWhileSendingOrFailing() {
        var s = Session.trainingDone(timed: true)
        s.respond(.submission(.failure(SubmissionFailure(message: "délai dépassé"))))
        let text = s.frame().text
        #expect(text.contains("L'enregistrement du résultat a échoué."))
        #expect(!text.contains("Voir la correction"))
    }

    @Test func anExamShowsNoScoreAtTheEnd() {
        var s = Session()
        s.startExam(Fixture.grant(questions: PracticeFixture.training))
        for _ in 0..<3 { s.advance(.seconds(45)) }
        s.respond(.submission(.success(())))
        let text = s.frame().text
        #expect(text.contains("Le résultat de l'épreuve sera communiqué par l'établissement."))
        #expect(!text.contains("Voir la correction") && !text.contains("bonnes réponses"))
    }
}

extension Session {
    /// A training session of three keyed questions: right, wrong (vitesse), right; the result is being sent.
    static func trainingDone(timed: Bool) -> Session {
        var s = Session()
        s.press(.enter)
        s.type("654321")
        s.press(.enter)
        s.respond(.examLookedUp(.success(TrainingReviewTests.trainingExam)))
        s.type("abcd-2345")
        s.press(.enter)
        s.respond(.loggedIn(.success(Fixture.grant(timed: timed, questions: PracticeFixture.training))))
        s.press(.enter)
        for _ in 0..<4 { s.press(.enter) }
        s.press(.enter)
        for letter in ["b", "a", "b"] {
            s.press(.character(Character(letter)))
            if timed { s.advance(.seconds(45)) } else { s.press(.enter) }
        }
        return s
    }
}
