import Foundation
import Testing

extension OnTerminals {
    /// Practice, self-test and a training session with the real `epreuve` in tmux (fast test profile).
    @Suite(.serialized) struct PracticeEndToEndTests {
        static func freshHome() -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent("e2e-practice-\(UUID().uuidString)").path
        }

        func epreuve(_ home: String, _ arguments: String = "") -> String {
            "EPREUVE_TERMINAL_ID=e2e-\(UUID().uuidString.prefix(6)) \(Binaries.path("epreuve")) \(arguments) --home \(home) --content \(Binaries.fixtureContent)"
        }

        func stats(_ home: String) async throws -> Binaries.Output {
            try await Binaries.run("epreuve", ["practice", "--stats", "--home", home, "--content", Binaries.fixtureContent])
        }

        @Test func aPracticeRunCorrectsEachAnswerThenTheHistoryHasIt() async throws {
            let home = Self.freshHome()
            let tmux = try Tmux(command: epreuve(home, "practice --prenom Lily --bank rapide --themes vitesse"))
            let first = try await tmux.waitFor("Question 1/3")
            try tmux.answerRight(on: first)
            try await tmux.waitUntil("the answer marked") { $0.contains("(x)") || $0.contains("[x]") }
            try tmux.keys("Enter")
            let corrected = try await tmux.waitFor("Réponse attendue : ")
            #expect(corrected.contains("Correct") && !corrected.contains("Incorrect"))
            #expect(corrected.contains("Ceci est une question de test."))
            try tmux.keys("Enter") // Question suivante
            let second = try await tmux.waitFor("Question 2/3")
            try tmux.answerWrong(on: second)
            try await tmux.waitUntil("the answer marked") { $0.contains("(x)") || $0.contains("[x]") }
            try tmux.keys("Enter")
            try await tmux.waitFor("Incorrect")
            try tmux.keys("T")
            let statistics = try await tmux.waitFor("Statistiques")
            #expect(statistics.contains("Erreurs : 1 sur 2 questions"))
            #expect(statistics.contains("Vitesse"))
            #expect(statistics.contains("Aucun thème sous 50 % de réussite."))  // Vitesse 1/2: at 50 %, not under
            try tmux.keys("Tab", "Enter") // Terminer: back home
            try await tmux.waitFor("Passer une épreuve")

            let history = try await stats(home)
            #expect(history.status == 0)
            #expect(history.stdout.contains("Lily — 1 séance"))
            #expect(history.stdout.contains("M'entraîner"))
            #expect(history.stdout.contains("1/2 (50 %)"))
        }

        @Test func aSelfTestFromTheHomeScreenEndsWithTheVerdictAndTheCorrection() async throws {
            let home = Self.freshHome()
            let tmux = try Tmux(command: epreuve(home))
            try await tmux.waitFor("Me tester")
            try tmux.keys("Down", "Down", "Enter")
            try await tmux.waitFor("Votre prénom")
            try tmux.type("Chloé")
            try tmux.keys("Enter")
            try await tmux.waitFor("Quelle attestation préparez-vous ?")
            try tmux.keys("Enter")
            for position in 1...4 {
                let screen = try await tmux.waitUntil("the choices of question \(position)") {
                    $0.contains("Question \(position)/4") && $0.contains("réponse")
                }
                #expect(!screen.contains("Réponse attendue")) // no correction on the way
                try tmux.answerRight(on: screen)
                if position < 4 { try await tmux.waitFor("Question \(position + 1)/4", timeout: 10) }
            }
            let verdict = try await tmux.waitUntil(timeout: 10, "the verdict") { $0.contains("réussi") }
            #expect(verdict.contains("Bravo ! Vous avez réussi") || verdict.contains("Vous n'avez pas réussi"))
            #expect(verdict.contains("Thème"))
            try tmux.keys("Enter") // Voir la correction
            let correction = try await tmux.waitFor("Correction")
            #expect(correction.contains("Question 1/4"))
            #expect(correction.contains("Réponse attendue"))

            let history = try await stats(home)
            #expect(history.stdout.contains("Chloé — 1 séance"))
            #expect(history.stdout.contains("Me tester"))
        }

        @Test func anUntimedTrainingSessionFromTheCenterShowsItsCorrectionAfterDelivery() async throws {
            let home = Self.freshHome()
            let added = try await Binaries.run("epreuve-center", [
                "candidates", "add", "--home", home, "--content", Binaries.fixtureContent, "--nom", "Alexandre", "--prenom", "Lily",
                "--naissance", "14/03/2013", "--classe", "5A", "--sexe", "F", "--attestation", "RAPIDE",
            ])
            try #require(added.status == 0, "\(added.stderr)")
            let formatter = DateFormatter()
            formatter.dateFormat = "dd/MM/yyyy HH:mm"
            let created = try await Binaries.run("epreuve-center", [
                "sessions", "create", "--home", home, "--content", Binaries.fixtureContent, "--type", "entrainement", "--untimed",
                "--attestation", "RAPIDE", "--name", "Révisions", "--at", formatter.string(from: Date().addingTimeInterval(-120)),
            ])
            try #require(created.status == 0, "\(created.stderr)")
            let lines = created.stdout.split(separator: "\n")
            let number = try #require(lines.first { $0.hasPrefix("Numéro de l'épreuve :") }?.split(separator: " ").last.map(String.init))
            let code = try #require(lines.first { $0.hasPrefix("Lily ") }?.split(separator: " ").last.map(String.init))

            let tmux = try Tmux(command: epreuve(home))
            try await tmux.logIn(number: number, code: code)
            try await tmux.startExam()
            for position in 1...4 {
                let screen = try await tmux.waitUntil("question \(position)") { $0.contains("Question \(position)/4") && $0.contains("réponse") }
                if position == 4 { try tmux.answerWrong(on: screen) } else { try tmux.answerRight(on: screen) }
                try await tmux.waitUntil("the answer marked") { $0.contains("(x)") || $0.contains("[x]") }
                try tmux.keys("Enter")
            }
            let end = try await tmux.waitFor("Vos résultats sont bien enregistrés.", timeout: 20)
            #expect(end.contains("3/4 bonnes réponses"))
            #expect(end.contains("Voir la correction"))
            try tmux.keys("Enter")
            let correction = try await tmux.waitFor("Correction")
            #expect(correction.contains("Réponse attendue"))
            let sheet = try await Binaries.run("epreuve-center", ["sessions", "show", number, "--home", home, "--content", Binaries.fixtureContent]).stdout
            #expect(sheet.split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("3/4") })
        }

        @Test func unknownBankOrThemeIsAOneLineUserError() async throws {
            let home = Self.freshHome()
            let bank = try await Binaries.run("epreuve", ["practice", "--bank", "nulle", "--home", home, "--content", Binaries.fixtureContent])
            #expect(bank.status == 1)
            #expect(bank.stderr.contains("banque inconnue « nulle »"))
            let theme = try await Binaries.run("epreuve", ["practice", "--bank", "rapide", "--themes", "vitesse,meteo", "--home", home,
                                                     "--content", Binaries.fixtureContent])
            #expect(theme.status == 1)
            #expect(theme.stderr.contains("thème inconnu « meteo »"))
            // --theme is the hidden old name of --couleurs: a question theme there is a mistake worth explaining.
            let confused = try await Binaries.run("epreuve", ["practice", "--theme", "vitesse", "--home", home, "--content", Binaries.fixtureContent])
            #expect(confused.status == 1)
            #expect(confused.stderr == "epreuve: « vitesse » est un thème de questions : utilisez --themes vitesse (--couleurs choisit les couleurs)\n")
            let colours = try await Binaries.run("epreuve", ["--couleurs", "arc-en-ciel", "--home", home, "--content", Binaries.fixtureContent])
            #expect(colours.status == 1)
            #expect(colours.stderr.contains("couleurs inconnues « arc-en-ciel » pour --couleurs"))
            let empty = try await stats(home)
            #expect(empty.status == 0 && empty.stdout.contains("Aucune séance d'entraînement enregistrée."))
        }
    }
}
