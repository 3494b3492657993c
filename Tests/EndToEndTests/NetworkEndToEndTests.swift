import Foundation
import TestSupport
import Testing

extension OnTerminals {
    /// A networked terminal (`epreuve --center URL`) whose center goes down during the exam: the
    /// candidate's screen ends with the proctor writing a rescue file, which the center then imports.
    @Suite struct NetworkEndToEndTests {
        @Test func centerDownAtTheEndThenRescueFileThenRestore() async throws {
            let setUp = try await ExamSetUp()
            let server = try await ServeProcess.start(home: setUp.home)
            let rescue = FileManager.default.temporaryDirectory.appendingPathComponent("secours-\(UUID().uuidString)").path
            let terminalHome = FileManager.default.temporaryDirectory.appendingPathComponent("poste-\(UUID().uuidString)").path
            let tmux = try Tmux(command: "EPREUVE_RESCUE_DIR=\(rescue) \(Binaries.path("epreuve")) --home \(terminalHome) --content \(Binaries.fixtureContent) --center http://127.0.0.1:\(server.port)")
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.startExam()
            let first = try await tmux.waitUntil("question 1") { $0.contains("Question 1/4") && $0.contains("réponse") }
            try tmux.answerRight(on: first)
            #expect(await server.stop() == 0)  // SIGTERM is a clean stop

            try await tmux.waitFor("L'enregistrement du résultat a échoué.", timeout: 40)
            for _ in 0..<2 {
                try tmux.keys("Enter")  // Réessayer
                try await tmux.waitUntil("a failed retry") { $0.contains("a échoué") || $0.contains("Veuillez faire appel au surveillant") }
            }
            try await tmux.waitFor("Veuillez faire appel au surveillant")
            try await tmux.waitFor("Récupérer le résultat")
            try tmux.keys("Enter")
            try await tmux.waitFor("Code surveillant")
            try tmux.type(setUp.surveillantCode)
            try tmux.keys("Enter")
            try await tmux.waitFor("Dossier")
            try tmux.keys("Enter")  // keeps $EPREUVE_RESCUE_DIR
            let written = try await tmux.waitFor(rescue)
            #expect(written.contains("Fichier de résultat écrit"))

            let files = try FileManager.default.contentsOfDirectory(atPath: rescue)
            #expect(files.count == 1)
            let restored = try await Binaries.run("epreuve-center", ["restore", rescue + "/" + files[0], "--home", setUp.home, "--content", Binaries.fixtureContent])
            #expect(restored.stdout.contains("importé"))
            let sheet = try await setUp.centerShow()
            #expect(sheet.split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("/4") })
        }

        /// A center that never answers neither freezes the screen nor delays a stop: « Vérification… » is
        /// drawn while the exam number is checked, and SIGTERM during a hung send ends the program at once
        /// with the result kept in the outbox.
        @Test func aFrozenCenterNeitherFreezesTheScreenNorDelaysSigterm() async throws {
            let setUp = try await ExamSetUp()
            let server = try await ServeProcess.start(home: setUp.home)
            defer {
                server.resume()
                server.stopLater()
            }
            let terminalHome = FileManager.default.temporaryDirectory.appendingPathComponent("poste-\(UUID().uuidString)").path
            let tmux = try Tmux(command: "\(Binaries.path("epreuve")) --home \(terminalHome) --content \(Binaries.fixtureContent) --center http://127.0.0.1:\(server.port)")
            try await tmux.waitFor("Passer une épreuve")
            server.freeze()
            try tmux.keys("Enter")
            try await tmux.waitFor("Numéro de l'épreuve")
            try tmux.type(setUp.number)
            try tmux.keys("Enter")
            try await tmux.waitFor("Vérification…")
            server.resume()
            try await tmux.waitFor("Code d'accès")
            try tmux.type(try #require(setUp.codes["Lily"]))
            try tmux.keys("Enter")
            try await tmux.startExam()

            // The surveillant ends the attempt while the center is frozen: the result's send hangs.
            server.freeze()
            try tmux.keys("F12")
            try await tmux.waitFor("Code surveillant")
            try tmux.type(setUp.surveillantCode)
            try tmux.keys("Enter")
            try await tmux.waitFor("Terminer cette tentative")
            try tmux.keys("Down", "Down", "Down", "Enter")
            try await tmux.waitFor("Motif")
            try tmux.type("Panne du poste")
            try tmux.keys("Enter")
            try await tmux.waitFor("Envoi du résultat…")
            let pid = try #require(try tmux.programPid())
            let elapsed = try #require(await Tmux.timeToExit(after: SIGTERM, pid: pid))
            #expect(elapsed < 0.2, "SIGTERM took \(Int(elapsed * 1000)) ms")
            try await tmux.waitFor("FIN DU PROGRAMME 0")
            let outbox = try await Binaries.run("epreuve", ["outbox", "--home", terminalHome, "--content", Binaries.fixtureContent])
            #expect(outbox.stdout.contains("état : en attente"))
        }
    }

    /// `serve --tls-cert --tls-key` and `epreuve --center https://… --ca FILE` (a school's own certificate).
    @Suite struct HTTPSEndToEndTests {
        @Test func aTerminalTrustsTheSchoolsCertificateWithCa() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let made = try await Binaries.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
                                                             "-keyout", folder + "/centre.key", "-out", folder + "/centre.pem",
                                                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
            try #require(made.status == 0, "openssl: \(made.stderr)")
            let setUp = try await ExamSetUp()
            let server = try await ServeProcess.start(
                home: setUp.home, extra: ["--tls-cert", folder + "/centre.pem", "--tls-key", folder + "/centre.key"])
            defer { server.stopLater() }
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("poste-\(UUID().uuidString)").path
            let tmux = try Tmux(command: "\(Binaries.path("epreuve")) --home \(home) --center https://127.0.0.1:\(server.port) --ca \(folder)/centre.pem")
            try await tmux.logIn(number: setUp.number, code: try #require(setUp.codes["Lily"]))
            try await tmux.waitFor("Vérifiez votre identité")

            let missing = try await Binaries.run("epreuve", ["--center", "https://127.0.0.1:\(server.port)", "--ca", folder + "/absent.pem", "--home", home])
            #expect(missing.status == 1 && missing.stderr.contains("absent.pem"))
            let badKey = try await Binaries.run("epreuve-center", ["serve", "--home", setUp.home, "--content", Binaries.fixtureContent,
                                                             "--tls-cert", folder + "/centre.pem", "--tls-key", folder + "/centre.pem"])
            #expect(badKey.status == 1 && badKey.stderr.contains("clé privée illisible"))
        }
    }

    /// Two terminals on one center (issue 11): a candidate cannot start again on another terminal; the
    /// surveillant moves the attempt there with « Reprendre ici »; the first terminal is told and stops.
    @Suite struct TwoTerminalsEndToEndTests {
        @Test func theSurveillantMovesARunningExamToAnotherTerminal() async throws {
            // 12 s a question: the move takes several steps on a loaded machine, and the exam must still run.
            let setUp = try await ExamSetUp(profile: "PATIENTE")
            let server = try await ServeProcess.start(home: setUp.home)
            defer { server.stopLater() }
            let code = try #require(setUp.codes["Lily"])
            func terminal(_ name: String) throws -> Tmux {
                let home = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
                return try Tmux(command: "EPREUVE_TERMINAL_ID=\(name) \(Binaries.path("epreuve")) --home \(home) --center http://127.0.0.1:\(server.port)")
            }
            let first = try terminal("poste-a")
            try await first.logIn(number: setUp.number, code: code)
            try await first.startExam()
            let question = try await first.waitUntil("question 1") { $0.contains("Question 1/4") && $0.contains("réponse") }
            try first.answerRight(on: question)
            try await first.waitUntil("the answer marked") { $0.contains("(x)") || $0.contains("[x]") }

            let second = try terminal("poste-b")
            try await second.logIn(number: setUp.number, code: code)
            let refused = try await second.waitFor("Cette épreuve est déjà en cours sur un autre poste.")
            #expect(refused.contains("Faites appel au surveillant."))
            try second.keys("F12")
            try await second.waitFor("Code surveillant")
            try second.type(setUp.surveillantCode)
            try second.keys("Enter")
            try await second.waitFor("Reprendre ici")
            try second.keys("Enter")
            // The attempt goes on here where it stood: the same question or a later one, never question 1 anew
            // with its answer lost.
            let resumed = try await second.waitUntil("the resumed exam") { $0.contains("Question ") && $0.contains("/4") }
            #expect(!resumed.contains("Question 1/4") || resumed.contains("(x)") || resumed.contains("[x]"))

            try await first.waitFor("Cette épreuve a été reprise sur un autre poste.", timeout: 20)
            try await second.waitFor("Vos résultats sont bien enregistrés.", timeout: 70)
            let sheet = try await setUp.centerShow()
            #expect(sheet.split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("/4") })
            let export = try await Binaries.run("epreuve-center", ["results", "export", "--session", setUp.number, "--home", setUp.home,
                                                              "--content", Binaries.fixtureContent])
            #expect(export.stdout.split(whereSeparator: \.isNewline).count { $0.hasPrefix("ALEXANDRE;Lily") } == 1)
        }
    }
}
