import ExamKit
import Testing
@testable import TerminalUI

/// The candidate's side of the surveillant's console: waiting for the presence confirmation,
/// « Signaler un problème », and an attempt ended from the console.
@Suite struct SupervisionFlowTests {
    static func awaitingGrant() -> LoginGrant {
        var grant = Fixture.grant()
        grant.awaitingPresence = true
        return grant
    }

    @Test func aCandidateWaitsForTheSurveillantAndGoesOnByItself() {
        var s = Session()
        s.logIn(Self.awaitingGrant())
        #expect(s.effects.contains { if case .pollPresence("attempt-1") = $0 { true } else { false } })
        let text = s.frame().text
        #expect(text.contains("En attente de la confirmation du surveillant."))
        #expect(text.contains("Lily ALEXANDRE (5A)"))
        // Keys do nothing while waiting.
        #expect(s.press(.enter, .character("a")).isEmpty)

        // Not yet: the terminal asks again two seconds later, never sooner.
        s.respond(.presence(attemptId: "attempt-1", confirmed: false))
        #expect(s.advance(.milliseconds(1_900)).isEmpty)
        #expect(s.app.nextWakeUp(at: s.now) != nil)
        let again = s.advance(.milliseconds(100))
        #expect(again.count == 1)
        if case .pollPresence("attempt-1")? = again.first {} else { Issue.record("no second poll: \(again)") }

        // An answer about another attempt changes nothing.
        s.respond(.presence(attemptId: "other", confirmed: true))
        #expect(s.frame().text.contains("En attente de la confirmation du surveillant."))

        s.respond(.presence(attemptId: "attempt-1", confirmed: true))
        #expect(s.frame().text.contains("Vérifiez votre identité"))
    }

    @Test func aResumedAttemptNeverWaits() {
        var s = Session()
        var grant = Self.awaitingGrant()
        grant.resume = AttemptSnapshot(index: 2, phase: .answering, remainingMs: 20_000, selections: Array(repeating: [], count: 20),
                                       timeUsedMs: Array(repeating: 0, count: 20))
        s.logIn(grant)
        #expect(s.app.isInExam)
    }

    @Test func pOpensTheProblemDialogAndTheAlertGoesOutWhileTheCountdownRuns() {
        var s = Session()
        s.startExam()
        s.advance(.seconds(5))
        s.press(.character("p"))
        var text = s.frame().text
        #expect(text.contains("Signaler un problème"))
        #expect(text.contains("La question est illisible") && text.contains("Problème d'affichage") && text.contains("Autre problème"))
        // Letters do not answer under the dialog.
        #expect(s.press(.character("A")).isEmpty)
        let sent = s.press(.down, .enter)
        guard case let .reportProblem(attemptId, questionId, position, kind)? = sent.first else {
            Issue.record("no alert sent: \(sent)")
            return
        }
        #expect(attemptId == "attempt-1" && questionId == "q-single" && position == 1 && kind == .display)
        s.respond(.problemReported(attemptId: "attempt-1", delivered: true))
        text = s.frame().text
        #expect(text.contains("Signalement envoyé au surveillant.") && !text.contains("Problème d'affichage"))
        // The countdown went on: the question closes on time and the notice goes with it.
        let events = s.advance(.seconds(40)).compactMap(\.journalEvent)
        #expect(events.contains { if case .questionClosed(index: 0, _, _) = $0 { true } else { false } })
        #expect(!s.frame().text.contains("Signalement envoyé"))
    }

    @Test func escapeClosesTheDialogAndADialogLeftOpenClosesWithItsQuestion() {
        var s = Session()
        s.startExam()
        s.press(.character("P"), .escape)
        #expect(!s.frame().text.contains("Signaler un problème"))
        s.press(.character("P"))
        s.advance(.seconds(46))
        #expect(!s.frame().text.contains("Signaler un problème"))
        // Keys answer the new question again.
        #expect(s.press(.character("A")).contains { $0.journalEvent != nil })
    }

    @Test func anAttemptEndedFromTheConsoleShowsTheEndScreenWithTheReason() {
        var s = Session()
        s.startExam()
        s.press(.character("A"))
        let effects = s.respond(.stoppedBySurveillant(attemptId: "attempt-1", reason: "Fraude constatée"))
        #expect(effects.contains { if case .stopAttempt("attempt-1", "Fraude constatée") = $0 { true } else { false } })
        #expect(effects.contains { $0.isSubmit })
        let text = s.frame().text
        #expect(text.contains("L'épreuve est terminée") && text.contains("Arrêtée par le surveillant : Fraude constatée"))
    }

    @Test func theTutorialNamesTheProblemKey() {
        let page = TutorialPage.pages(for: Fixture.grant()).last
        #expect(page?.lines.contains(.paragraph("  P : signaler un problème sur la question au surveillant")) == true)
    }
}
