import ArgumentParser
import Testing
@testable import CommandLineKit

private struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tool", subcommands: [Sessions.self])

    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sessions", subcommands: [List.self, Create.self])
    }
    struct List: ParsableCommand {
        @Option var home: String?
        @Flag var kiosk = false
    }
    struct Create: ParsableCommand {
        @Option var home: String?
        @Option var at: String
        @Option var mode: Mode = .examen
        enum Mode: String, ExpressibleByArgument, CaseIterable { case examen, entrainement }
    }
}

@Suite struct GlobalOptionsTests {
    let options = GlobalOptions(withValue: ["home", "content"], flags: ["kiosk"])

    @Test func optionsBeforeTheSubcommandMoveAfterIt() {
        #expect(options.moveAfterSubcommands(["--home", "X", "sessions", "list"], root: Tool.self)
            == ["sessions", "list", "--home", "X"])
        #expect(options.moveAfterSubcommands(["--home=X", "--kiosk", "sessions", "list", "--other"], root: Tool.self)
            == ["sessions", "list", "--other", "--home=X", "--kiosk"])
        #expect(options.moveAfterSubcommands(["sessions", "--home", "X", "create", "--at", "1"], root: Tool.self)
            == ["sessions", "create", "--at", "1", "--home", "X"])
    }

    @Test func aValueNamedLikeASubcommandStaysAValue() {
        #expect(options.moveAfterSubcommands(["--home", "sessions", "sessions", "list"], root: Tool.self)
            == ["sessions", "list", "--home", "sessions"])
    }

    @Test func argumentsWithoutSubcommandOrAfterUnknownWordsKeepTheirOrder() {
        #expect(options.moveAfterSubcommands(["--home", "X"], root: Tool.self) == ["--home", "X"])
        #expect(options.moveAfterSubcommands(["--unknown", "--home", "X", "sessions"], root: Tool.self)
            == ["--unknown", "--home", "X", "sessions"])
        #expect(options.moveAfterSubcommands(["--home", "X", "sessions", "list", "--", "-f"], root: Tool.self)
            == ["sessions", "list", "--home", "X", "--", "-f"])
    }

    @Test func theMovedArgumentsParse() throws {
        let arranged = options.moveAfterSubcommands(["--home", "/tmp/x", "sessions", "create", "--at", "now"], root: Tool.self)
        let command = try Tool.parseAsRoot(arranged)
        let create = try #require(command as? Tool.Create)
        #expect(create.home == "/tmp/x")
        #expect(create.at == "now")
    }

    @Test func theHelpHintNamesTheSubcommand() {
        #expect(GlobalOptions.subcommandPath(["sessions", "create", "--at"], root: Tool.self) == ["sessions", "create"])
    }
}

@Suite struct FrenchArgumentsTests {
    /// The message ArgumentParser gives for these arguments, in French.
    func french(_ arguments: [String]) -> String {
        do {
            _ = try Tool.parseAsRoot(arguments)
            return "(aucune erreur)"
        } catch {
            return FrenchArguments.translate(error: Tool.message(for: error))
        }
    }

    @Test func everyParserErrorIsOneFrenchLine() {
        #expect(french(["sessions", "create", "--at"]) == "valeur manquante après « --at <at> »")
        #expect(french(["sessions", "create"]) == "il manque « --at <at> »")
        #expect(french(["sessions", "list", "--homme", "X"]) == "option inconnue « --homme » (vouliez-vous dire « --home » ?)")
        #expect(french(["sessions", "list", "--zzzzzzzz"]) == "option inconnue « --zzzzzzzz »")
        #expect(french(["sessions", "list", "extra"]) == "argument en trop : « extra »")
        #expect(french(["sessions", "list", "a", "b"]) == "2 arguments en trop : « a », « b »")
        #expect(french(["sessions", "list", "--kiosk=oui"]) == "l'option « --kiosk » ne prend pas de valeur (« oui » donné)")
        #expect(french(["sessions", "create", "--at", "1", "--mode", "libre"])
            == "la valeur « libre » ne convient pas pour « --mode <mode> » : choisissez parmi « examen », « entrainement »")
    }

    @Test func anUnknownSentenceKeepsAFrenchLeadIn() {
        #expect(FrenchArguments.translate(error: "Something new\nsecond line") == "arguments non valables : Something new")
    }

    @Test func helpHeadingsAndBuiltInLinesAreFrench() {
        let help = FrenchArguments.translate(help: Tool.helpMessage(for: Tool.Create.self))
        #expect(help.contains("UTILISATION : tool sessions create"))
        #expect(help.contains("OPTIONS :"))
        #expect(help.contains("(valeurs : examen, entrainement ; défaut : examen)"))
        #expect(help.contains("Affiche cette aide."))
        for english in ["USAGE", "OPTIONS:", "Show help", "default:", "values:"] {
            #expect(!help.contains(english), "« \(english) » left in:\n\(help)")
        }
        let root = FrenchArguments.translate(help: Tool.helpMessage())
        #expect(root.contains("SOUS-COMMANDES :"))
        #expect(root.contains("Aide d'une sous-commande : « tool <sous-commande> --help »."))
        #expect(!root.contains("See '"))
    }

    @Test func quotedListsBecomeGuillemets() {
        #expect(FrenchArguments.quoteList("'a', 'b' or 'c'") == "« a », « b », « c »")
        #expect(FrenchArguments.quoteList("'a' and 'b'") == "« a », « b »")
    }
}
