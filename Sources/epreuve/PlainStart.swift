import CommandLineKit

extension Interface {
    /// The interface's long options: its own, `TerminalOptions`' and `ScreenOptions`'.
    /// `PlainStartTests` checks them against what ArgumentParser declares.
    static let plainValueOptions: Set<String> = ["home", "content", "couleurs", "theme", "debit", "center", "ca"]
    static let plainFlags: Set<String> = ["kiosk", "lecture", "lecteur-ecran"]

    /// The interface as ArgumentParser reads plain arguments (`PlainOptions`), without its reflection:
    /// the terminal's usual start skips about 4 ms before the first screen. Every property is set here,
    /// as a property ArgumentParser has not filled cannot be read.
    init?(plain arguments: [String]) {
        guard let plain = PlainOptions.read(arguments, withValue: Self.plainValueOptions, flags: Self.plainFlags) else {
            return nil
        }
        var debit: Int?
        if let text = plain.values["debit"] {
            guard let value = Int(text) else { return nil }
            debit = value
        }
        var terminal = TerminalOptions()
        terminal.home = plain.values["home"]
        terminal.content = plain.values["content"]
        var screen = ScreenOptions()
        screen.couleurs = plain.values["couleurs"]
        screen.themeAlias = plain.values["theme"]
        screen.kiosk = plain.flags.contains("kiosk")
        screen.lecture = plain.flags.contains("lecture")
        screen.debit = debit
        screen.lecteurEcran = plain.flags.contains("lecteur-ecran")
        self.init()
        self.options = terminal
        self.screen = screen
        self.center = plain.values["center"]
        self.ca = plain.values["ca"]
    }
}
