import ArgumentParser
import CommandLineKit
import CenterService
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

struct Epreuve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epreuve",
        abstract: "Terminal d'examen Épreuve : épreuves des attestations de sécurité routière.",
        subcommands: [Interface.self, OutboxCommand.self, PracticeCommand.self],
        defaultSubcommand: Interface.self
    )

    /// Exit codes of DESIGN §6: 0 success, 1 user error (one line on stderr), 2 usage error.
    /// `begun`: the interface started from plain arguments (`beginPlain`), whose errors are
    /// reported here like any other.
    static func runMain(begun: Result<BegunInterface, any Error>?) async {
        await CommandLineRunner.run(Self.self, globalOptions: GlobalOptions(withValue: ["home", "content", "couleurs", "theme", "center", "ca"], flags: ["kiosk"]),
                                    shortcut: { _ in begun.map { begun in { try await begun.get().finish() } } })
    }

    /// Plain arguments (a lab terminal's usual start) begin the interface at once, up to its home
    /// screen (`InterfaceStart.begin`); anything else is left to ArgumentParser.
    static func beginPlain(_ arguments: [String] = argumentsAfterProgramName()) -> Result<BegunInterface, any Error>? {
        InterfaceStart(plain: arguments).map { start in Result { try start.begin() } }
    }

    /// `argv` after the program's name, read in a loop: the first use of `CommandLine.arguments`
    /// builds them through a generic `map`, 0.15 ms before the first frame.
    static func argumentsAfterProgramName() -> [String] {
        var arguments: [String] = []
        var index = 1
        while index < Int(CommandLine.argc) {
            if let argument = CommandLine.unsafeArgv[index] { arguments.append(String(cString: argument)) }
            index += 1
        }
        return arguments
    }
}

/// `--home` and `--content`, as for epreuve-center.
struct TerminalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dossier des données (défaut : $EPREUVE_HOME, sinon ~/.local/share/epreuve).", valueName: "dossier"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Dossier du contenu (par défaut : le Content/ livré avec le programme).", valueName: "dossier"))
    var content: String?

    var paths: TerminalPaths { TerminalPaths(home: home, content: content) }
}

/// The folders `--home` and `--content` name, and what is opened from them.
struct TerminalPaths: Equatable {
    var home: String?
    var content: String?

    var homeURL: URL { HomeFolder.url(explicit: home) }

    func catalog() throws -> (Catalog, ContentLocation) {
        guard let location = ContentLocation.resolve(explicit: content) else {
            throw UserError("dossier Content/ introuvable : indiquez-le avec --content DOSSIER")
        }
        // Validated once per content digest, then read from the compiled cache in --home.
        let report = ContentCache(home: homeURL).load(from: location.url).report
        if let first = report.issues.first {
            throw UserError("contenu invalide : \(location.url.path)/\(first)")
        }
        return (report.catalog, location)
    }

    func terminalStore() throws -> TerminalStore {
        do {
            return try TerminalStore.open(homePath: HomeFolder.path(explicit: home))
        } catch {
            throw UserError(describing: error)
        }
    }

    /// The local center over an already loaded catalog (loading the YAML twice doubled start-up).
    func localCenter(catalog: Catalog, location: ContentLocation) async throws -> CenterService {
        do {
            return try await CenterHome.open(home: homeURL, catalog: catalog, bundledContent: location.isBundled)
        } catch {
            throw UserError(describing: error)
        }
    }
}
