import CTextWidth

/// How many terminal cells text takes: East Asian wide characters and most emoji take two, a
/// letter with combining accents one (Swift keeps it as one Character). From `wcwidth` under a UTF-8
/// locale of its own, so the result does not depend on the locale the program was started in.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.isASCII { return 1 }
        // Controls and lone combining marks still take a cell rather than vanish.
        return max(1, Int(epreuve_wcwidth(scalar.value)))
    }

    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }
}
