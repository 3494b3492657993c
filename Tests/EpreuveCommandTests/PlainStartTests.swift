import ArgumentParser
import Testing
@testable import epreuve

/// The terminal's start without ArgumentParser must read plain arguments exactly as ArgumentParser does.
@Suite struct PlainStartTests {
    @Test(arguments: [
        [],
        ["--home", "/srv/epreuve"],
        ["--home=/srv/epreuve", "--content", "Content", "--kiosk"],
        ["--couleurs", "contraste-eleve", "--lecture", "--debit", "200", "--lecteur-ecran"],
        ["--theme", "monochrome", "--center", "https://centre:8443", "--ca", "ca.pem", "--kiosk"],
        ["--debit=-5"],
    ])
    func plainArgumentsReadAsArgumentParserReadsThem(arguments: [String]) throws {
        let shortcut = try #require(InterfaceStart(plain: arguments))
        #expect(shortcut == (try Interface.parse(arguments)).start)
    }

    @Test(arguments: [["--debit", "vite"], ["--help"], ["outbox"], ["--home", "A", "--home", "B"], ["--inconnue"]])
    func otherArgumentsGoToArgumentParser(arguments: [String]) {
        #expect(InterfaceStart(plain: arguments) == nil)
    }

    /// A new option of the interface must be known here too, or plain arguments with it would be
    /// left to ArgumentParser and the start would be slow again.
    @Test func theShortcutKnowsEveryOptionTheInterfaceDeclares() {
        let help = Interface.helpMessage(includeHidden: true, columns: 200)
        var declared = Set<String>()
        for word in help.split(whereSeparator: { " ,<>[]()«»\n".contains($0) }) where word.hasPrefix("--") {
            let name = word.dropFirst(2).prefix { ("a"..."z").contains($0) || $0 == "-" }
            if !name.isEmpty { declared.insert(String(name)) }
        }
        declared.remove("help")
        #expect(declared == InterfaceStart.plainValueOptions.union(InterfaceStart.plainFlags))
    }
}

/// The plain start reads `argv` itself (`Epreuve.argumentsAfterProgramName`): the same words as
/// `CommandLine.arguments` after the program's name.
@Suite struct PlainArgumentsTests {
    @Test func argvIsReadAsCommandLineArgumentsReadsIt() {
        #expect(Epreuve.argumentsAfterProgramName() == Array(CommandLine.arguments.dropFirst()))
    }
}
