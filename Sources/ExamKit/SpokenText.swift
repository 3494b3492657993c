/// Written French made ready for a speech synthesizer (espeak-ng reads what it is given: "km/h"
/// becomes "kilomètre ache", "art." a full stop). Pure text work, no I/O.
public enum SpokenText {
    /// `text` cleaned for speech: illustration lines dropped, lines joined, units and abbreviations
    /// written out, quotes and drawing characters removed, spaces collapsed.
    public static func clean(_ text: String) -> String {
        var spoken = text
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !isIllustration(String($0)) }
            .joined(separator: " ")
        spoken = spoken.replacing(/[\u{00A0}\u{202F}\t]/, with: " ")
        spoken = spoken.replacing(/[«»“”"]/, with: "")
        spoken = spoken.replacing(/(?<number>\d+(?:[.,]\d+)?)\s?(?<unit>km\/h|mg\/l|g\/l|cm³|cm|mm|km|kg|mg|g|m|s|min|h|°C|°|%)(?![\p{L}\d])/) { match in
            let number = String(match.output.number)
            let value = Double(number.replacing(",", with: ".")) ?? 0
            let words = unitWords[String(match.output.unit)] ?? (String(match.output.unit), String(match.output.unit))
            // French: singular below 2 ("1,5 mètre", "0,5 gramme par litre").
            return "\(number) \(value < 2 ? words.singular : words.plural)"
        }
        spoken = spoken.replacing(/\bkm\/h\b/, with: "kilomètres heure")
        spoken = spoken.replacing(/\b[Aa]rt\.\s*/, with: "article ")
        spoken = spoken.replacing(/\b[Nn]°\s*/, with: "numéro ")
        spoken = spoken.replacing(/\betc\./, with: "et cetera.")
        spoken = spoken.replacing(/\bex\.\s/, with: "par exemple ")
        // Code references: "R412-43-1" is said "R 412 tiret 43 tiret 1".
        spoken = spoken.replacing(/\b(?<letter>[LRD])\.?\s?(?<numbers>\d+(?:-\d+)+)\b/) { match in
            "\(match.output.letter) \(match.output.numbers.replacing("-", with: " tiret "))"
        }
        spoken = spoken.replacing(/[|_=+*#<>^~\[\]{}\\\/]+/, with: " ")
        spoken = spoken.replacing(/\ {2,}/, with: " ")
        spoken = spoken.replacing(" ,", with: ",").replacing(" .", with: ".")
        return spoken.trimmingSpaces()
    }

    /// `text` cleaned, ending with a punctuation mark so the synthesizer pauses after it.
    public static func sentence(_ text: String) -> String {
        let spoken = clean(text)
        guard let last = spoken.last else { return spoken }
        return ".!?:;…".contains(last) ? spoken : spoken + "."
    }

    /// True for a line of an ASCII drawing rather than prose: box-drawing characters, or at least
    /// two drawing symbols and more of them than letters and digits ("  __o", "(*)/ (*)", "====>").
    public static func isIllustration(_ line: String) -> Bool {
        var symbols = 0
        var text = 0
        for scalar in line.unicodeScalars {
            if (0x2500...0x25FF).contains(scalar.value) { return true }  // box drawing, blocks, shapes
            if drawingSymbols.contains(scalar) {
                symbols += 1
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                text += 1
            }
        }
        return symbols >= 2 && symbols > text
    }

    private static let drawingSymbols: Set<Unicode.Scalar> = Set("|/\\_-=+*#<>^~[]{}()`".unicodeScalars)

    private static let unitWords: [String: (singular: String, plural: String)] = [
        "km/h": ("kilomètre heure", "kilomètres heure"),
        "mg/l": ("milligramme par litre", "milligrammes par litre"),
        "g/l": ("gramme par litre", "grammes par litre"),
        "cm³": ("centimètre cube", "centimètres cubes"),
        "cm": ("centimètre", "centimètres"),
        "mm": ("millimètre", "millimètres"),
        "km": ("kilomètre", "kilomètres"),
        "kg": ("kilogramme", "kilogrammes"),
        "mg": ("milligramme", "milligrammes"),
        "g": ("gramme", "grammes"),
        "m": ("mètre", "mètres"),
        "s": ("seconde", "secondes"),
        "min": ("minute", "minutes"),
        "h": ("heure", "heures"),
        "°C": ("degré", "degrés"),
        "°": ("degré", "degrés"),
        "%": ("pour cent", "pour cent"),
    ]
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
