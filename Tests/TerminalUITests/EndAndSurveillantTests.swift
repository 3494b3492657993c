import ExamKit
import Testing
@testable import TerminalUI

/// The end screen through failures to the rescue export, and the F12 surveillant panel.
@Suite struct EndAndSurveillantTests {
    private let failure = HostResponse.submission(.failure(SubmissionFailure(message: "délai dépassé")))

    private func finishedSession() -> Session {
        var s = Session()
        s.startExam(Fixture.grant(questions: [Fixture.single]))
        s.press(.character("b"))
        s.advance(.seconds(45))
        return s
    }

    private func submits(_ effects: [AppEffect]) -> Int { effects.filter(\.isSubmit).count }

    @Test func successShowsTheSavedMessageThenEnterGoesHome() {
        var s = finishedSession()
        #expect(s.frame().text.contains("Envoi du résultat…"))
        #expect(s.press(.enter).isEmpty) // nothing to do while sending
        s.respond(.submission(.success(())))
        #expect(s.frame().text.contains("Vos résultats sont bien enregistrés."))
        #expect(!s.frame().text.contains("Envoi du résultat…"))
        s.press(.enter)
        #expect(s.frame().text.contains("› Passer une épreuve"))
    }

    @Test func threeFailuresThenTheRescueExport() {
        var s = finishedSession()
        s.respond(failure)
        var text = s.frame().text
        #expect(text.contains("L'enregistrement du résultat a échoué."))
        #expect(text.contains("[ Réessayer ]"))
        #expect(!text.contains("Veuillez faire appel au surveillant"))
        #expect(submits(s.press(.enter)) == 1)
        #expect(s.frame().text.contains("Envoi du résultat…"))
        s.respond(failure)
        #expect(submits(s.press(.enter)) == 1)
        s.respond(failure)
        text = s.frame().text
        #expect(text.contains("Veuillez faire appel au surveillant"))
        #expect(text.contains("[ Récupérer le résultat ]"))
        #expect(text.contains("Réessayer"))

        // Récupérer le résultat → Code surveillant.
        #expect(s.press(.enter).isEmpty)
        #expect(s.frame().text.contains("Code surveillant"))
        s.type("12ab34")
        guard case let .checkSurveillantCode(code, number) = s.press(.enter).first else { Issue.record("no code check"); return }
        #expect(code == "1234" && number == "123456")  // the session on screen
        #expect(s.frame().text.contains("Vérification…"))
        s.respond(.surveillantCodeChecked(false))
        #expect(s.frame().text.contains("Code surveillant incorrect."))
        s.type("482193")
        s.press(.enter)
        s.respond(.surveillantCodeChecked(true))

        // Dossier, pre-filled: Enter keeps it.
        #expect(s.frame().text.contains("[/media/cle/epreuve-secours"))
        guard case let .exportRescue(directory) = s.press(.enter).first else { Issue.record("no export"); return }
        #expect(directory == "/media/cle/epreuve-secours")
        #expect(s.frame().text.contains("Écriture du fichier de secours…"))
        s.respond(.rescueExported(.failure(RescueFailure(message: "dossier introuvable"))))
        #expect(s.frame().text.contains("L'écriture a échoué : dossier introuvable"))
        // Edit the folder and try again.
        for _ in 0..<"epreuve-secours".count { s.press(.backspace) }
        s.type("secours")
        guard case let .exportRescue(edited) = s.press(.enter).first else { Issue.record("no export"); return }
        #expect(edited == "/media/cle/secours")
        s.respond(.rescueExported(.success("/media/cle/secours/epreuve-123456-c1-abcdef01.json")))
        #expect(s.frame().text.contains("/media/cle/secours/epreuve-123456-c1-abcdef01.json"))
        s.press(.enter) // closes the panel
        text = s.frame().text
        #expect(text.contains("Fichier de résultat écrit :"))
        #expect(text.contains("[ Terminer ]"))
        s.press(.enter)
        #expect(s.frame().text.contains("› Passer une épreuve"))
    }

    @Test func f12OpensTheCodePromptAnywhereAndEscCloses() {
        var home = Session()
        home.press(.function(12))
        #expect(home.frame().text.contains("Code surveillant"))
        home.press(.escape)
        #expect(!home.frame().text.contains("Code surveillant"))
        #expect(home.frame().text.contains("› Passer une épreuve"))

        var exam = Session()
        exam.startExam()
        exam.press(.function(12))
        // Letters go to the (digits only) code field, not to the answers.
        #expect(exam.press(.character("a"), .character("1")).isEmpty)
        #expect(exam.frame().text.contains("[•       ]"))
        // The exam timer keeps running underneath the prompt.
        #expect(exam.advance(.seconds(45)).count == 2)
        #expect(exam.frame().text.contains("Question 2/20"))
        #expect(exam.frame().text.contains("Code surveillant"))
        exam.press(.escape)
        #expect(!exam.frame().text.contains("Code surveillant"))
        #expect(exam.press(.character("a")).first?.journalEvent == .selectionChanged(index: 1, selection: [0]))
    }

    private func menuSession() -> Session {
        var s = Session()
        s.startExam()
        s.press(.function(12))
        s.type("482193")
        s.press(.enter)
        s.respond(.surveillantCodeChecked(true))
        return s
    }

    @Test func theMenuListsItsItems() {
        let s = menuSession()
        let text = s.frame().text
        for item in ["› Reprendre", "État de l'envoi", "Exporter les fichiers de secours", "Terminer cette tentative",
                     "Quitter le programme"] {
            #expect(text.contains(item))
        }
    }

    @Test func resumeAndEscCloseTheMenu() {
        var s = menuSession()
        s.press(.enter)
        #expect(!s.frame().text.contains("Quitter le programme"))
        s.press(.function(12), .escape)
        #expect(!s.frame().text.contains("Code surveillant"))
    }

    @Test func deliveryStatusShowsTheHostsLine() {
        var s = menuSession()
        s.respond(.deliveryStatus("1 résultat en attente"))
        s.press(.down, .enter)
        #expect(s.frame().text.contains("1 résultat en attente"))
        s.press(.enter)
        #expect(s.frame().text.contains("Quitter le programme"))
    }

    @Test func exportAsksForTheFolder() {
        var s = menuSession()
        s.press(.down, .down, .enter)
        #expect(s.frame().text.contains("Dossier"))
        guard case let .exportRescue(directory) = s.press(.enter).first else { Issue.record("no export"); return }
        #expect(directory == "/media/cle/epreuve-secours")
        s.respond(.rescueExported(.success("/media/cle/epreuve-secours (2 fichiers)")))
        #expect(s.frame().text.contains("Fichiers de secours écrits :"))
        #expect(s.frame().text.contains("/media/cle/epreuve-secours (2 fichiers)"))
        #expect(s.app.isInExam)
    }

    @Test func endingTheAttemptAsksForAReasonThenJournalsItAndSubmits() {
        var s = menuSession()
        s.press(.character("b")) // digits only: ignored by the menu, not an answer
        s.advance(.seconds(3))
        #expect(s.press(.down, .down, .down, .enter).isEmpty)
        #expect(s.frame().text.contains("Terminer la tentative de Lily ALEXANDRE ?"))
        // No reason, no end; Escape leaves the attempt running.
        #expect(s.press(.enter).isEmpty)
        #expect(s.frame().text.contains("Indiquez le motif de l'arrêt."))
        s.press(.escape)
        #expect(s.app.isInExam && s.app.panel == nil)

        s.press(.function(12))
        s.type("482193")
        s.press(.enter)
        s.respond(.surveillantCodeChecked(true))
        s.press(.down, .down, .down, .enter)
        s.type(" Malaise du candidat ")
        let effects = s.press(.enter)
        #expect(effects.count == 4)
        guard case let .stopAttempt(attemptId, reason) = effects.first else { Issue.record("no stop"); return }
        #expect(attemptId == "attempt-1" && reason == "Malaise du candidat")
        #expect(effects[1].journalEvent == .questionClosed(index: 0, selection: [], timeUsed: .seconds(3)))
        #expect(effects[2].journalEvent == .finished)
        #expect(effects[3].isSubmit)
        #expect(!s.app.isInExam)
        #expect(s.frame().text.contains("L'épreuve est terminée"))
    }

    @Test func quitEmitsQuit() {
        var s = menuSession()
        let effects = s.press(.down, .down, .down, .down, .enter)
        #expect(effects.count == 1)
        #expect(effects.first?.isQuit == true)
    }

    @Test func outsideAnExamTheMenuHasNoEndAttemptItem() {
        var s = Session()
        s.press(.function(12))
        s.type("482193")
        s.press(.enter)
        s.respond(.surveillantCodeChecked(true))
        #expect(!s.frame().text.contains("Terminer cette tentative"))
        #expect(s.press(.down, .down, .down, .enter).first?.isQuit == true)
    }
}
