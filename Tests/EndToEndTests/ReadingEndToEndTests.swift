import Foundation
import Testing

extension OnTerminals {
    /// `epreuve --lecture` in tmux with a voice that writes what it is asked to say (EPREUVE_SPEECH_LOG):
    /// each question read as it starts, the answering time after the reading, L reads again, the result
    /// stored by the center like any other.
    @Suite struct ReadingEndToEndTests {
        @Test func anExamReadAloudReachesTheCenter() async throws {
            let setUp = try await ExamSetUp()
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("voix-\(UUID().uuidString).jsonl").path
            let command = "EPREUVE_SPEECH_LOG=\(log) EPREUVE_TERMINAL_ID=e2e-lecture \(Binaries.path("epreuve")) --home \(setUp.home) "
                + "--content \(Binaries.fixtureContent) --lecture --debit 450"
            let tmux = try Tmux(command: command)
            try await Self.startExam(on: tmux, setUp)
            try await tmux.waitFor("Lecture de la question…")
            try tmux.keys("l")
            for position in 1...4 {
                // Answers wait for the end of the reading: the timer of 5 s shows once it is over.
                let wanted = try await tmux.waitUntil(timeout: 40, "question \(position) after its reading") {
                    $0.contains("Question \(position)/4") && !$0.contains("Lecture de la question") && $0.contains("0:0")
                }
                try tmux.answerRight(on: wanted)
                try await tmux.waitUntil("question \(position) answered") { $0.contains("(x)") || $0.contains("[x]") }
                try tmux.keys("Enter")  // validated: the next question is read at once
            }
            try await tmux.waitFor("Vos résultats sont bien enregistrés.", timeout: 30)
            let lily = try #require(try await setUp.centerShow().split(separator: "\n").first { $0.hasPrefix("Lily ALEXANDRE") })
            #expect(lily.contains("4/4") && lily.contains("Admis"))

            let said = try String(contentsOfFile: log, encoding: .utf8)
            for position in 1...4 { #expect(said.contains("Question \(position) sur 4.")) }
            // Read once as it started, once more for L.
            #expect(said.components(separatedBy: "Question 1 sur 4.").count - 1 == 2)
            #expect(said.contains("\"wordsPerMinute\":450"))
            #expect(said.contains("\"interrupt\""))
        }

        /// `candidates edit --lecture oui` on the center: the terminal, started without `--lecture`,
        /// reads this candidate's ASSR-like exam aloud; the list shows the flag; a wrong value is refused.
        @Test func aCandidateFlaggedOnTheCenterIsReadAloudOnAnyTerminal() async throws {
            let setUp = try await ExamSetUp()
            let center = ["--home", setUp.home, "--content", Binaries.fixtureContent]
            let refused = try await Binaries.run("epreuve-center", ["candidates", "edit", "ALEXANDRE Lily", "--lecture", "peut-être"] + center)
            #expect(refused.status == 1)
            #expect(refused.stderr == "epreuve-center: --lecture doit valoir oui ou non, pas « peut-être »\n")
            let edited = try await Binaries.run("epreuve-center", ["candidates", "edit", "ALEXANDRE Lily", "--lecture", "oui"] + center)
            #expect(edited.status == 0 && edited.stdout.contains("lecture à voix haute"), "\(edited.stderr)")
            let list = try await Binaries.run("epreuve-center", ["candidates", "list"] + center).stdout.split(separator: "\n")
            #expect(list.first?.contains("Lecture") == true)
            #expect(list.first { $0.contains("ALEXANDRE") }?.contains(" oui ") == true)
            #expect(list.first { $0.contains("DUBOIS") }?.contains(" oui ") == true)  // her tiers-temps, not reading

            let log = FileManager.default.temporaryDirectory.appendingPathComponent("voix-\(UUID().uuidString).jsonl").path
            let command = "EPREUVE_SPEECH_LOG=\(log) EPREUVE_TERMINAL_ID=e2e-lecture-centre \(Binaries.path("epreuve")) --home \(setUp.home) "
                + "--content \(Binaries.fixtureContent) --debit 450"
            let tmux = try Tmux(command: command)
            try await Self.startExam(on: tmux, setUp)
            try await tmux.waitUntil(timeout: 40, "question 1 after its reading") {
                $0.contains("Question 1/4") && !$0.contains("Lecture de la question") && $0.contains("0:0")
            }
            let said = try String(contentsOfFile: log, encoding: .utf8)
            #expect(said.contains("Question 1 sur 4.") && said.contains("\"wordsPerMinute\":450"))
        }

        /// Lily's exam from the login to « Les questions sont lues à voix haute. », then started.
        static func startExam(on tmux: Tmux, _ setUp: ExamSetUp) async throws {
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.waitFor("Vérifiez votre identité")
            try tmux.keys("Enter")
            for page in 1...8 {
                let screen = try await tmux.waitFor("Présentation de l'épreuve (\(page)/")
                try tmux.keys("Enter")
                if screen.contains("Démarrer") { break }
            }
            try await tmux.waitFor("Les questions sont lues à voix haute.")
            try tmux.keys("Enter")
        }

        @Test func withoutAVoiceLectureSaysWhyOnTheHomeScreen() async throws {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
            let command = "EPREUVE_SPEECH_LOG=/nonexistent-\(UUID().uuidString)/voix.jsonl \(Binaries.path("epreuve")) --home \(home) "
                + "--content \(Binaries.fixtureContent) --lecture"
            let tmux = try Tmux(command: command)
            try await tmux.waitFor("La lecture à voix haute n'est pas disponible sur ce poste")
            try await tmux.waitFor("Passer une épreuve")

            let bad = try await Binaries.run("epreuve", ["--debit", "20", "--home", home])
            #expect(bad.status == 1)
            #expect(bad.stderr == "epreuve: --debit 20 : entre 80 et 450 mots par minute\n")
        }
    }
}
