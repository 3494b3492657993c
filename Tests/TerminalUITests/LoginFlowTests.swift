import ExamKit
import Testing
@testable import TerminalUI

/// Home → exam number → access code → identity → tutorial → ready.
@Suite struct LoginFlowTests {
    @Test func theExamNumberFieldTakesSixDigitsOnly() {
        var s = Session()
        s.press(.enter)
        s.type("1a2-b3 45678")
        #expect(s.frame().text.contains("[123456  ]"))
        s.press(.backspace)
        #expect(s.press(.enter).isEmpty)
        #expect(s.frame().text.contains("Le numéro de l'épreuve comporte 6 chiffres."))
        s.type("9")
        guard case let .lookUpExam(number) = s.press(.enter).first else { Issue.record("no look-up"); return }
        #expect(number == "123459")
        // While the host checks, typing is ignored.
        s.type("1")
        s.press(.backspace)
        #expect(s.frame().text.contains("[123459  ]"))
        #expect(s.frame().text.contains("Vérification…"))
    }

    @Test func lookUpFailuresAreExplained() {
        let cases: [(LookupFailure, String)] = [
            (.unknown, "Aucune épreuve ne porte ce numéro."),
            (.notStarted(startsAt: "24/11/2026 à 09:00"), "Cette épreuve commence le 24/11/2026 à 09:00."),
            (.finished, "Cette épreuve est terminée."),
            (.unreachable("connexion refusée"), "Le centre d'examen ne répond pas : connexion refusée"),
        ]
        for (failure, message) in cases {
            var s = Session()
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
            s.respond(.examLookedUp(.failure(failure)))
            #expect(s.frame().text.contains(message))
            #expect(!s.frame().text.contains("Vérification…"))
        }
    }

    @Test func theAccessCodeIsSentUpperCaseAsTyped() {
        var s = Session()
        s.press(.enter)
        s.type("123456")
        s.press(.enter)
        s.respond(.examLookedUp(.success(Fixture.exam)))
        #expect(s.frame().text.contains("Code d'accès"))
        #expect(s.press(.enter).isEmpty)
        #expect(s.frame().text.contains("Saisissez votre code d'accès."))
        s.type("abcd-2345")
        guard case let .login(number, code) = s.press(.enter).first else { Issue.record("no login"); return }
        #expect(number == "123456")
        #expect(code == "ABCD-2345")
    }

    @Test func loginFailuresAreExplained() {
        let cases: [(LoginFailure, String)] = [
            (.wrongCode, "Code d'accès incorrect."),
            (.locked(seconds: 60), "Trop d'essais. Réessayez dans 60 s."),
            (.alreadyTaken, "Vous avez déjà passé cette épreuve."),
            (.notActive("Cette épreuve est terminée."), "Cette épreuve est terminée."),
        ]
        for (failure, message) in cases {
            var s = Session()
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
            s.respond(.examLookedUp(.success(Fixture.exam)))
            s.type("abcd-2345")
            s.press(.enter)
            s.respond(.loggedIn(.failure(failure)))
            #expect(s.frame().text.contains(message))
        }
    }

    @Test func escapeAndRetourGoBack() {
        var s = Session()
        s.press(.enter)
        s.press(.escape)
        #expect(s.frame().text.contains("› Passer une épreuve"))
        s.press(.enter)
        s.type("123456")
        s.press(.enter)
        s.respond(.examLookedUp(.success(Fixture.exam)))
        s.press(.tab, .enter) // Retour
        #expect(s.frame().text.contains("Numéro de l'épreuve"))
        #expect(s.frame().text.contains("[123456  ]"))
    }

    @Test func identityCanBeCancelledBackToTheAccessCode() {
        var s = Session()
        s.logIn()
        #expect(s.frame().text.contains("Lily ALEXANDRE (5A)"))
        #expect(!s.frame().text.contains("Temps de réponse majoré"))
        s.press(.tab)
        #expect(s.frame().text.contains("[ Annuler et revenir au code d'accès ]"))
        s.press(.enter)
        #expect(s.frame().text.contains("Code d'accès"))
        #expect(s.frame().text.contains("[            ]"))
    }

    @Test func theTutorialGoesBothWaysAndEndsWithDemarrer() {
        var s = Session()
        s.logIn()
        s.press(.enter)
        #expect(s.frame().text.contains("Présentation de l'épreuve (1/4)"))
        #expect(!s.frame().text.contains("Précédent"))
        s.press(.right)
        #expect(s.frame().text.contains("(2/4)"))
        s.press(.backTab, .enter) // Précédent
        #expect(s.frame().text.contains("(1/4)"))
        s.press(.enter, .enter, .enter)
        #expect(s.frame().text.contains("[ Démarrer ]"))
        s.press(.left)
        #expect(s.frame().text.contains("[ Suivant ]"))
        s.press(.right, .enter)
        #expect(s.frame().text.contains("Lily, c'est à vous"))
        #expect(s.frame().text.contains("[ Commencer l'épreuve ]"))
    }

    @Test func theTutorialShowsBothBannersInTheirRoles() {
        var s = Session()
        s.logIn()
        s.press(.enter, .enter)
        let frame = s.frame()
        let single = frame.row(containing: "UNE SEULE RÉPONSE EST ATTENDUE")!
        let several = frame.row(containing: "PLUSIEURS RÉPONSES SONT ATTENDUES")!
        #expect(frame.roles(y: single, x: 2, count: 44).allSatisfy { $0 == .bannerSingle })
        #expect(frame.roles(y: several, x: 2, count: 44).allSatisfy { $0 == .bannerMultiple })
    }

    @Test func questionBannersUseTheirRolesAcrossTheColumn() {
        var s = Session()
        s.startExam()
        var frame = s.frame()
        var row = frame.row(containing: "UNE SEULE RÉPONSE EST ATTENDUE")!
        #expect(frame.roles(y: row, x: 2, count: 76).allSatisfy { $0 == .bannerSingle })
        s.advance(.seconds(45))
        frame = s.frame()
        row = frame.row(containing: "PLUSIEURS RÉPONSES SONT ATTENDUES")!
        #expect(frame.roles(y: row, x: 2, count: 76).allSatisfy { $0 == .bannerMultiple })
    }

    @Test func themeLabelsComeFromTheConfiguration() {
        var s = Session(configuration: AppConfiguration(defaultRescueDirectory: "/tmp", themeLabels: ["circulation": "Circulation routière"]))
        s.startExam()
        #expect(s.frame().text.contains("Circulation routière · Savoir se déplacer"))
        s.advance(.seconds(45))
        #expect(s.frame().text.contains("vitesse · Adapter sa vitesse"))
    }
}
