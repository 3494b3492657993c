import ArgumentParser
import Testing
@testable import epreuve

/// The terminal's start without ArgumentParser must read plain arguments exactly as ArgumentParser does.
@Suite struct PlainStartTests {
    /// Every field of the interface's command; reading one the shortcut left unset would stop the test.
    func fields(_ interface: Interface) -> [String] {
        let screen = interface.screen
        return [
            "home=\(interface.options.home ?? "-")", "content=\(interface.options.content ?? "-")",
            "couleurs=\(screen.couleurs ?? "-")", "theme=\(screen.themeAlias ?? "-")", "kiosk=\(screen.kiosk)",
            "lecture=\(screen.lecture)", "debit=\(screen.debit.map(String.init) ?? "-")",
            "lecteur-ecran=\(screen.lecteurEcran)", "center=\(interface.center ?? "-")", "ca=\(interface.ca ?? "-")",
        ]
    }

    @Test(arguments: [
        [],
        ["--home", "/srv/epreuve"],
        ["--home=/srv/epreuve", "--content", "Content", "--kiosk"],
        ["--couleurs", "contraste-eleve", "--lecture", "--debit", "200", "--lecteur-ecran"],
        ["--theme", "monochrome", "--center", "https://centre:8443", "--ca", "ca.pem", "--kiosk"],
        ["--debit=-5"],
    ])
    func plainArgumentsReadAsArgumentParserReadsThem(arguments: [String]) throws {
        let shortcut = try #require(Interface(plain: arguments))
        let parsed = try Interface.parse(arguments)
        #expect(fields(shortcut) == fields(parsed))
    }

    @Test(arguments: [["--debit", "vite"], ["--help"], ["outbox"], ["--home", "A", "--home", "B"], ["--inconnue"]])
    func otherArgumentsGoToArgumentParser(arguments: [String]) {
        #expect(Interface(plain: arguments) == nil)
    }

    /// A new option of the interface must be known here too: otherwise its property, never set,
    /// would stop the program.
    @Test func theShortcutKnowsEveryOptionTheInterfaceDeclares() {
        let help = Interface.helpMessage(includeHidden: true, columns: 200)
        var declared = Set<String>()
        for word in help.split(whereSeparator: { " ,<>[]()«»\n".contains($0) }) where word.hasPrefix("--") {
            let name = word.dropFirst(2).prefix { ("a"..."z").contains($0) || $0 == "-" }
            if !name.isEmpty { declared.insert(String(name)) }
        }
        declared.remove("help")
        #expect(declared == Interface.plainValueOptions.union(Interface.plainFlags))
    }
}
