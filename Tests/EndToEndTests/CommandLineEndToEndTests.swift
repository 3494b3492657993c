import Foundation
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Both programs as a newcomer types them: options anywhere, French help, one French line per mistake.
@Suite struct CommandLineEndToEndTests {
    static func freshHome() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
    }

    @Test func optionsBeforeTheSubcommandWorkAsAfterIt() async throws {
        let home = Self.freshHome()
        let center = try await Binaries.run("epreuve-center", ["--home", home, "--content", Binaries.fixtureContent, "sessions", "list"])
        #expect(center.status == 0, "\(center.stderr)")
        #expect(center.stdout.hasPrefix("Numéro"))
        #expect(FileManager.default.fileExists(atPath: home + "/center.sqlite"))

        let nested = try await Binaries.run("epreuve-center", ["sessions", "--home", home, "list", "--content", Binaries.fixtureContent])
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(nested.stdout == center.stdout)

        let terminal = try await Binaries.run("epreuve", ["--home", home, "outbox"])
        #expect(terminal.status == 0, "\(terminal.stderr)")
        #expect(terminal.stdout.contains("Aucun résultat dans la file d'envoi."))
    }

    @Test func aUsageMistakeIsOneFrenchLineWithExitCode2() async throws {
        let cases: [(String, [String], String)] = [
            ("epreuve-center", ["sessions", "create", "--at"],
             "epreuve-center: valeur manquante après « --at <JJ/MM/AAAA HH:MM> » (aide : epreuve-center sessions create --help)\n"),
            ("epreuve-center", ["--home", "/tmp/x", "serve", "--port", "abc"],
             "epreuve-center: la valeur « abc » ne convient pas pour « --port <port> » (aide : epreuve-center serve --help)\n"),
            ("epreuve-center", ["frob"], "epreuve-center: argument en trop : « frob » (aide : epreuve-center --help)\n"),
            ("epreuve", ["outbox", "--hom", "/tmp/x"],
             "epreuve: option inconnue « --hom » (vouliez-vous dire « --home » ?) (aide : epreuve outbox --help)\n"),
        ]
        for (program, arguments, expected) in cases {
            let output = try await Binaries.run(program, arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr == expected)
            #expect(output.stdout.isEmpty)
        }
    }

    @Test func helpIsFrenchForEveryCommand() async throws {
        let commands: [(String, [String])] = [
            ("epreuve", []), ("epreuve", ["interface"]), ("epreuve", ["outbox"]), ("epreuve", ["outbox", "export"]),
            ("epreuve", ["practice"]),
            ("epreuve-center", []), ("epreuve-center", ["sessions"]), ("epreuve-center", ["sessions", "create"]),
            ("epreuve-center", ["candidates", "import"]), ("epreuve-center", ["serve"]), ("epreuve-center", ["results", "export"]),
        ]
        for (program, path) in commands {
            let output = try await Binaries.run(program, path + ["--help"])
            #expect(output.status == 0)
            #expect(output.stdout.contains("UTILISATION : \(([program] + path).joined(separator: " "))"))
            #expect(output.stdout.contains("Affiche cette aide."))
            if output.stdout.contains("SOUS-COMMANDES") {
                #expect(output.stdout.contains("Aide d'une sous-commande : « \(([program] + path).joined(separator: " ")) <sous-commande> --help »."))
            }
            for english in ["OVERVIEW", "USAGE", "SUBCOMMANDS", "Show help", "(default", "See '", "<subcommand>", "<home>"] {
                #expect(!output.stdout.contains(english), "« \(english) » in \(program) \(path) --help")
            }
        }
    }

    @Test func aFileProblemIsAFrenchSentenceWithExitCode1() async throws {
        let home = Self.freshHome()
        let missing = "/nonexistent-\(UUID().uuidString)"
        let export = try await Binaries.run("epreuve-center", ["results", "export", "--out", missing + "/resultats.csv", "--home", home])
        #expect(export.status == 1)
        #expect(export.stderr == "epreuve-center: \(missing)/resultats.csv : écriture impossible, dossier ou fichier introuvable "
            + "(vérifiez le chemin, et que la clé USB est branchée)\n")
        let blocked = try await Binaries.run("epreuve", ["outbox", "--home", "/proc/\(UUID().uuidString)"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.hasPrefix("epreuve: /proc/"))
        #expect(!blocked.stderr.contains("Error Domain"))
        #expect(blocked.stderr.split(separator: "\n").count == 1)
    }

    @Test func serveSaysWhichAddressTerminalsUseAndLogsStatusAndTime() async throws {
        let home = Self.freshHome()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let server = try await ServeProcess.start(home: home, extra: ["--host", "0.0.0.0"], stderr: log.path)
        defer { server.stopLater() }

        func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        let bound = server.port
        let announced = read(server.output)
        #expect(announced.hasPrefix("Centre Épreuve à l'écoute sur http://0.0.0.0:\(bound)"))
        let interfaces = announced.split(separator: "\n").filter { $0.hasPrefix("Terminaux de la salle : epreuve --center http://") }
        #expect(!interfaces.isEmpty || announced.contains("Aucune interface réseau active"))
        for line in interfaces { #expect(line.hasSuffix(":\(bound)")) }

        _ = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/api/v1/sessions/999999")!)
        var logged = ""
        let deadline = Date().addingTimeInterval(20)
        while !logged.contains("GET /api/v1/sessions/999999 404 "), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            logged = read(log)
        }
        let line = try #require(logged.split(separator: "\n").first { $0.contains("GET /api/v1/sessions/999999 404 ") })
        #expect(line.hasSuffix(" ms"))
        #expect(line.contains("client=127.0.0.1"))

        let second = try await Binaries.run("epreuve-center", ["serve", "--home", home, "--port", "\(bound)", "--host", "0.0.0.0"])
        #expect(second.status == 1)
        #expect(second.stderr.hasSuffix("epreuve-center: port \(bound) déjà utilisé (un autre centre tourne-t-il ?) : arrêtez-le ou choisissez un autre --port\n"))
    }
}
