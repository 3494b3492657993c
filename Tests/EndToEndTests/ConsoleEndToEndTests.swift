import Foundation
import PostgresTestServer
import Testing

extension OnTerminals {
    /// The surveillant's console in one tmux session, two candidates' terminals in two others, on one
    /// center (DESIGN §12): a presence confirmed, an alert accepted and the score out of 19 on the center,
    /// an attempt ended with a reason, and `sessions close` marking the absent and writing the procès-verbal.
    /// Once on the SQLite home, once with `--database` on PostgreSQL; one after the other (six programs at
    /// once on two cores would test the machine rather than the console).
    @Suite(.serialized) struct ConsoleEndToEndTests {
        /// A generous wait: three programs share two loaded cores.
        static let patience: TimeInterval = 60

        @Test(arguments: [false, true])
        func theSurveillantRunsTheRoomFromTheConsole(onPostgres: Bool) async throws {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString)").path
            let database = onPostgres ? ["--database", try await TestPostgres.freshDatabaseURL()] : []
            let center = ["--home", home, "--content", Binaries.fixtureContent] + database
            for (first, last) in [("Lily", "Alexandre"), ("Chloé", "Dubois"), ("Hugo", "Bernard")] {
                let added = try await Binaries.run("epreuve-center", ["candidates", "add", "--nom", last, "--prenom", first, "--naissance",
                                                                      "14/03/2012", "--classe", "4B", "--sexe", "F", "--attestation", "VINGT"] + center)
                try #require(added.status == 0, "\(added.stderr)")
            }
            let formatter = DateFormatter()
            formatter.dateFormat = "dd/MM/yyyy HH:mm"
            // Untimed, so the test sets the pace on a loaded machine; twenty questions, so one neutralized leaves 19.
            let created = try await Binaries.run("epreuve-center", [
                "sessions", "create", "--type", "entrainement", "--untimed", "--presence", "--attestation", "VINGT", "--name", "Console",
                "--at", formatter.string(from: Date().addingTimeInterval(-120)),
            ] + center)
            try #require(created.status == 0, "\(created.stderr)")
            let lines = created.stdout.split(separator: "\n")
            let number = try #require(lines.first { $0.hasPrefix("Numéro de l'épreuve :") }?.split(separator: " ").last.map(String.init))
            func code(_ first: String) throws -> String {
                try #require(lines.first { $0.hasPrefix("\(first) ") }?.split(separator: " ").last.map(String.init))
            }
            // The terminals over HTTP, each with a home of its own; the console on the center's store.
            let server = try await ServeProcess.start(home: home, extra: database)
            defer { server.stopLater() }
            let arguments = center.map(Tmux.quoted).joined(separator: " ")
            func terminal(_ name: String) throws -> Tmux {
                let own = FileManager.default.temporaryDirectory.appendingPathComponent("poste-\(UUID().uuidString)").path
                return try Tmux(command: "EPREUVE_TERMINAL_ID=poste-\(name) \(Binaries.path("epreuve")) --home \(own) "
                    + "--center http://127.0.0.1:\(server.port)")
            }
            let console = try Tmux(command: "\(Binaries.path("epreuve-center")) sessions watch \(number) \(arguments)")
            let lily = try terminal("lily")
            let chloe = try terminal("chloe")

            try await console.waitFor("Surveillance de l'épreuve \(number)", timeout: Self.patience)
            try await console.waitFor("3 absents", timeout: Self.patience)

            // Both candidates log in and wait for the surveillant.
            try await lily.logIn(number: number, code: try code("Lily"))
            try await chloe.logIn(number: number, code: try code("Chloé"))
            try await lily.waitFor("En attente de la confirmation du surveillant.", timeout: Self.patience)
            try await chloe.waitFor("En attente de la confirmation du surveillant.", timeout: Self.patience)
            try await console.waitUntil(timeout: Self.patience, "two candidates waiting for P") {
                $0.components(separatedBy: "attend P").count == 3
            }

            // P on each, found with `/`.
            for name in ["lily", "chloe"] {
                try console.keys("/")
                try console.type(name)
                try console.keys("Enter")
                try await console.waitFor("Filtre « \(name) » : 1 candidat", timeout: Self.patience)
                try console.keys("p")
                try await console.waitFor("Confirmer la présence de", timeout: Self.patience)
                try console.keys("o")
                try await console.waitFor("confirmée.", timeout: Self.patience)
                try console.keys("Escape")
            }
            try await lily.waitFor("Vérifiez votre identité", timeout: Self.patience)
            try await chloe.waitFor("Vérifiez votre identité", timeout: Self.patience)
            try await lily.startExam()
            try await chloe.startExam()

            // Lily signals a problem on her first question; the console accepts it.
            try lily.keys("p")
            try await lily.waitFor("Signaler un problème", timeout: Self.patience)
            try lily.keys("Enter")
            try await lily.waitFor("Signalement envoyé au surveillant.", timeout: Self.patience)
            try await console.waitFor("⚠ Alerte : Lily ALEXANDRE, question 1/20", timeout: Self.patience)
            try console.keys("a")
            try await console.waitFor("o : accepter", timeout: Self.patience)
            try console.keys("o")
            try await console.waitFor("Alerte acceptée", timeout: Self.patience)

            // Chloé's attempt is ended from the console with a reason; her terminal says so by itself.
            try console.keys("/")
            try console.type("chloe")
            try console.keys("Enter")
            try await console.waitFor("En cours", timeout: Self.patience)
            try console.keys("t")
            try await console.waitFor("Motif de l'arrêt de Chloé DUBOIS", timeout: Self.patience)
            try console.type("Malaise")
            try console.keys("Enter")
            try await console.waitFor("Arrêtée par le surveillant", timeout: Self.patience)
            try console.keys("Escape")
            try await chloe.waitFor("Arrêtée par le surveillant : Malaise", timeout: Self.patience)

            // Lily answers every question right and finishes.
            for position in 1...20 {
                let screen = try await lily.waitFor("Question \(position)/20", timeout: Self.patience)
                try lily.answerRight(on: screen)
                try lily.keys("Enter")
            }
            try await lily.waitFor("Vos résultats sont bien enregistrés.", timeout: Self.patience)
            try await console.waitFor("1 résultat reçu · 1 arrêtée", timeout: Self.patience)
            try console.keys("q")
            try await console.waitFor("FIN DU PROGRAMME 0", timeout: Self.patience)

            let sheet = try await Binaries.run("epreuve-center", ["sessions", "show", number] + center).stdout
            #expect(sheet.contains("19/19"), "\(sheet)")
            #expect(sheet.contains("Arrêtée par le surveillant : Malaise"), "\(sheet)")

            // Closing: Hugo never came.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pv-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let closed = try await Binaries.run("epreuve-center", ["sessions", "close", number, "--out", "\(folder)/pv.txt"] + center)
            #expect(closed.status == 0, "\(closed.stderr)")
            #expect(closed.stdout.contains("1 absent(s)"), "\(closed.stdout)")
            let verbal = try String(contentsOfFile: "\(folder)/pv.txt", encoding: .utf8)
            #expect(verbal.contains("Hugo BERNARD") && verbal.contains("Absent"))
            #expect(verbal.contains("Présence confirmée — Lily ALEXANDRE"))
            #expect(verbal.contains("Épreuve arrêtée — Chloé DUBOIS : Malaise"))
            #expect(verbal.contains("accepté") && verbal.contains("question neutralisée"))
            let after = try await Binaries.run("epreuve-center", ["sessions", "show", number] + center).stdout
            #expect(after.contains("Absent") && after.contains("Close le"))
            let again = try await Binaries.run("epreuve-center", ["sessions", "close", number] + center)
            #expect(again.status == 1 && again.stderr.contains("déjà close"))
        }
    }
}
