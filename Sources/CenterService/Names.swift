import Foundation

/// Names as the handbook prints them (« DA SILVA Antonin »), and how they are compared.
public enum NameFolding {
    private static let french = Locale(identifier: "fr_FR")

    /// « da  Silva » → « DA SILVA »: capitals, single spaces.
    public static func lastName(_ text: String) -> String {
        collapsed(text).uppercased(with: french)
    }

    /// « jean-PIERRE » → « Jean-Pierre », « marie élodie » → « Marie Élodie »: each part of a
    /// compound first name capitalised (after a space, a hyphen or an apostrophe).
    public static func firstName(_ text: String) -> String {
        var result = ""
        var startOfPart = true
        for character in collapsed(text) {
            result += startOfPart ? String(character).uppercased(with: french) : String(character).lowercased(with: french)
            startOfPart = character == " " || character == "-" || character == "'" || character == "’"
        }
        return result
    }

    /// What two spellings of one name share: no case, no accents, no spaces, hyphens or apostrophes
    /// (« Da Silva », « DA-SILVA » and « da silva » match; so do « Hélène » and « HELENE »).
    public static func key(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: french)
            .filter { !$0.isWhitespace && $0 != "-" && $0 != "'" && $0 != "’" }
    }

    /// The identity key of a candidate without INE matches this candidate.
    public static func matches(_ candidate: Candidate, lastName: String, firstName: String, birthDate: String) -> Bool {
        candidate.ine == nil && candidate.birthDate == birthDate
            && key(candidate.lastName) == key(lastName) && key(candidate.firstName) == key(firstName)
    }

    /// French order: without case or accents first (« ÉLIE » between « DUPONT » and « FABRE »).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.caseInsensitive, .diacriticInsensitive, .numeric], locale: french) == .orderedAscending
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Text typed by a person (names, session name, room, convocation text): no control characters.
public enum TypedText {
    /// The first control character (ESC, NUL, tab, line break…), named for an error message.
    public static func controlCharacter(in text: String) -> String? {
        // Cc, and the bidirectional overrides that would show a name backwards.
        guard let scalar = text.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }) else { return nil }
        let names: [UInt32: String] = [0: "NUL", 9: "tabulation", 10: "saut de ligne", 13: "retour chariot", 27: "ESC", 127: "DEL"]
        let code = String(format: "U+%04X", scalar.value)
        return names[scalar.value].map { "\($0), \(code)" } ?? code
    }

    /// Throws « FIELD : caractère de contrôle (ESC, U+001B) interdit ».
    public static func check(_ text: String?, field: String) throws(CenterError) {
        guard let text, let character = controlCharacter(in: text) else { return }
        throw CenterError("\(field) : caractère de contrôle (\(character)) interdit")
    }
}

/// Cells of files meant for spreadsheets: a cell a spreadsheet would read as a formula (`=`, `+`,
/// `-`, `@`, tab, CR first) is neutralised with a leading apostrophe (OWASP « CSV injection »).
public enum SpreadsheetCell {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(Character(first)) else { return cell }
        return "'" + cell
    }
}
