import CommandLineKit

extension InterfaceStart {
    /// The interface's long options: its own, `TerminalOptions`' and `ScreenOptions`'.
    /// `PlainStartTests` checks them against what ArgumentParser declares.
    static let plainValueOptions: Set<String> = ["home", "content", "couleurs", "theme", "debit", "center", "ca"]
    static let plainFlags: Set<String> = ["kiosk", "lecture", "lecteur-ecran"]

    /// The interface as ArgumentParser reads plain arguments (`PlainOptions`), without its reflection:
    /// the terminal's usual start skips about 4 ms before the first screen.
    init?(plain arguments: [String]) {
        guard let plain = PlainOptions.read(arguments, withValue: Self.plainValueOptions, flags: Self.plainFlags) else {
            return nil
        }
        var debit: Int?
        if let text = plain.values["debit"] {
            guard let value = Int(text) else { return nil }
            debit = value
        }
        self.init(
            paths: TerminalPaths(home: plain.values["home"], content: plain.values["content"]),
            screen: ScreenSettings(couleurs: plain.values["couleurs"], themeAlias: plain.values["theme"],
                                   kiosk: plain.flags.contains("kiosk"), lecture: plain.flags.contains("lecture"),
                                   debit: debit, lecteurEcran: plain.flags.contains("lecteur-ecran")),
            center: plain.values["center"], ca: plain.values["ca"])
    }
}
