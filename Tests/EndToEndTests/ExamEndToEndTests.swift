import Foundation
import Testing

extension OnTerminals {
    /// The real `epreuve` in tmux against a real center home, with the fast test profile (3 s a question).
    @Suite(.serialized) struct ExamEndToEndTests {
        func epreuve(_ setUp: ExamSetUp, extra: String = "") -> String {
            "EPREUVE_TERMINAL_ID=e2e-\(UUID().uuidString.prefix(6)) \(Binaries.path("epreuve")) --home \(setUp.home) --content \(Binaries.fixtureContent) \(extra)"
        }

        @Test func aWholeExamReachesTheCenterWithTheExpectedNote() async throws {
            let setUp = try await ExamSetUp()
            let tmux = try Tmux(command: epreuve(setUp))
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.startExam()
            // Right on questions 1 to 3, wrong on 4: the center must say 3/4, Admis.
            for position in 1...4 {
                let screen = try await tmux.waitFor("Question \(position)/4")
                let wanted = try await tmux.waitUntil("the choices of question \(position)") { $0.contains("réponse") && $0.contains("Question \(position)/4") }
                _ = screen
                if position < 4 { try tmux.answerRight(on: wanted) } else { try tmux.answerWrong(on: wanted) }
            }
            try await tmux.waitFor("Vos résultats sont bien enregistrés.", timeout: 20)
            let sheet = try await setUp.centerShow()
            let lily = try #require(sheet.split(separator: "\n").first { $0.hasPrefix("Lily ALEXANDRE") })
            #expect(lily.contains("3/4"))
            #expect(lily.contains("Admis"))
            let stats = try await Binaries.run("epreuve-center", ["stats", "--session", setUp.number, "--home", setUp.home, "--content", Binaries.fixtureContent])
            #expect(stats.status == 0)
            #expect(stats.stdout.contains("Réussite par thème"))
            #expect(stats.stdout.contains("Thème") && stats.stdout.contains("Questions  Réponses  Bonnes réponses  Réussite"))
            #expect(stats.stdout.split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("3/4") && $0.contains("Admis") })
            // 2 registered, 1 present, 1 admitted: the success rate counts those present.
            #expect(stats.stdout.split(separator: "\n").contains { $0.hasPrefix("5A") && $0.split(separator: " ").map(String.init) == ["5A", "2", "1", "1", "100", "%"] })
            let export = try await Binaries.run("epreuve-center", ["results", "export", "--session", setUp.number, "--home", setUp.home, "--content", Binaries.fixtureContent])
            #expect(export.stdout.contains("ALEXANDRE;Lily;;5A;14/03/2013;RAPIDE \(setUp.number) Essai;Examen;non;3;Admis;"))

            // The same candidate cannot start that exam again.
            try tmux.keys("Enter")
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.waitFor("Vous avez déjà passé cette épreuve.")
        }

        @Test func aCandidateWithExtraTimeGetsTheLongerTimer() async throws {
            let setUp = try await ExamSetUp()
            let tmux = try Tmux(command: epreuve(setUp))
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Chloé"]))
            try await tmux.waitFor("Temps de réponse majoré : 8 s par question")
            try await tmux.startExam()
            try await tmux.waitFor("0:08")
            let other = try await ExamSetUp()
            let standard = try Tmux(command: epreuve(other))
            try await standard.logIn(number: other.number, code: try #require(other.codes["Lily"]))
            try await standard.startExam()
            try await standard.waitFor("0:05")
        }

        @Test func kioskKeysDoNothingDuringTheExamAndResizeRedraws() async throws {
            let setUp = try await ExamSetUp()
            let tmux = try Tmux(command: epreuve(setUp))
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.startExam()
            try tmux.keys("C-c")
            try tmux.keys("C-z")
            try tmux.keys("C-\\")
            try tmux.keys("Escape")
            try tmux.keys("q")
            // An answer after them shows they were read, in order, and did nothing.
            try tmux.keys("a")
            let screen = try await tmux.waitUntil("the answer after the kiosk keys") { $0.contains("(x) A") || $0.contains("[x] A") }
            #expect(!screen.contains("FIN DU PROGRAMME"))
            #expect(screen.contains("Question 1/4"))
            try tmux.resize(width: 120, height: 30)
            try await tmux.waitUntil("a 120-column redraw") { screen in
                screen.split(separator: "\n").contains { $0.count > 100 && $0.contains("Question") }
            }
            try tmux.resize(width: 50, height: 15)
            try await tmux.waitFor("Agrandissez la fenêtre")
            // The timer goes on meanwhile: back at a good size, the exam has moved on.
            try tmux.resize(width: 80, height: 24)
            try await tmux.waitUntil("a later question") { $0.contains("Question 2/4") || $0.contains("Question 3/4") || $0.contains("L'épreuve est terminée") }
        }

        @Test func killMinusNineThenResumeKeepsAnswersAndPlace() async throws {
            let setUp = try await ExamSetUp()
            let code = try #require(setUp.codes["Lily"])
            let command = epreuve(setUp).replacingOccurrences(of: "EPREUVE_TERMINAL_ID=", with: "EPREUVE_TERMINAL_ID=fixe-")
            var tmux: Tmux? = try Tmux(command: command)
            try await tmux!.logIn(number: setUp.number, code: code)
            try await tmux!.startExam()
            let first = try await tmux!.waitFor("Question 1/4")
            try tmux!.answerRight(on: first)
            try await tmux!.waitUntil("the answer marked") { $0.contains("[x]") || $0.contains("(x)") }
            let pid = try #require(try tmux!.programPid())
            kill(pid, SIGKILL)
            try await tmux!.waitFor("FIN DU PROGRAMME 137")
            tmux = nil

            let again = try Tmux(command: command)
            try await again.waitFor("Reprendre l'épreuve")
            try again.keys("Enter")
            try await again.waitFor("Code d'accès")
            try again.type(code)
            try again.keys("Enter")
            let resumed = try await again.waitFor("Question 1/4")
            #expect(resumed.contains("[x]") || resumed.contains("(x)"))
        }

        @Test func sigtermSavesTheAttemptAndRestoresTheTerminal() async throws {
            let setUp = try await ExamSetUp()
            let tmux = try Tmux(command: epreuve(setUp))
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.startExam()
            let pid = try #require(try tmux.programPid())
            kill(pid, SIGTERM)
            let screen = try await tmux.waitFor("FIN DU PROGRAMME")
            #expect(!screen.contains("Question 1/4"))  // endwin: the exam screen is gone
            let again = try Tmux(command: epreuve(setUp))
            try await again.waitFor("Reprendre l'épreuve")
        }

        @Test func wrongCodesThenLockout() async throws {
            let setUp = try await ExamSetUp()
            let tmux = try Tmux(command: epreuve(setUp))
            try await tmux.logIn(number: setUp.number, code: "ZZZZ-ZZZZ")
            try await tmux.waitFor("Code d'accès incorrect.")
            for _ in 0..<4 {
                // A wrong code empties the field: the code typed again shows, then goes once answered.
                try tmux.type("ZZZZ-ZZZZ")
                try await tmux.waitFor("ZZZZ-ZZZZ")
                try tmux.keys("Enter")
                try await tmux.waitUntil("the answer to the login") { !$0.contains("ZZZZ-ZZZZ") && !$0.contains("Vérification") }
            }
            try await tmux.waitFor("Trop d'essais. Réessayez dans 60 s.")
        }
    }
}
