import ArgumentParser
import CommandLineKit
import ExamContent
import ExamKit
import ExamStore
import Foundation

struct EpreuveCenter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epreuve-center",
        abstract: "Administration du centre d'examen Épreuve : candidats, épreuves, résultats.",
        subcommands: [CandidatesCommand.self, SessionsCommand.self, ResultsCommand.self, StatsCommand.self, RestoreCommand.self, DemoCommand.self,
                      ContentCommand.self, ServeCommand.self]
    )

    /// Exit codes of DESIGN §6: 0 success, 1 user error (one line on stderr), 2 usage error.
    static func runMain() async {
        await CommandLineRunner.run(Self.self, globalOptions: GlobalOptions(withValue: ["home", "content", "database"], flags: []),
                                    beforeExit: { await OpenStores.shared.closeAll() })
    }
}

struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dossier du contenu (par défaut : le Content/ livré avec le programme).", valueName: "dossier"))
    var content: String?

    func location() throws -> ContentLocation {
        guard let location = ContentLocation.resolve(explicit: content) else {
            throw UserError("dossier Content/ introuvable : indiquez-le avec --content DOSSIER")
        }
        guard FileManager.default.fileExists(atPath: location.url.appendingPathComponent("profiles.yaml").path) else {
            throw UserError("\(location.url.path) : pas de profiles.yaml, ce n'est pas un dossier de contenu")
        }
        return location
    }
}

struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content", abstract: "Contenu : banques de questions.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vérifie le contenu et affiche, par banque, le nombre de questions par thème.")

        @OptionGroup var contentOptions: ContentOptions

        func run() throws {
            let location = try contentOptions.location()
            let report = ContentLoader.load(from: location.url)
            print(CoverageTable.render(catalog: report.catalog), terminator: "")
            print("Profils valides : \(report.catalog.profiles.map(\.id).joined(separator: ", "))")
            guard report.isValid else {
                for issue in report.issues {
                    FileHandle.standardError.write(Data("\(location.url.path)/\(issue)\n".utf8))
                }
                let count = report.issues.count
                throw UserError("\(count) erreur\(count > 1 ? "s" : "") dans le contenu")
            }
            print("Contenu valide.")
        }
    }
}
