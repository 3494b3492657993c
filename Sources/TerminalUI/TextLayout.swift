import ExamKit

/// Word wrapping and alignment, in terminal cells, with French typography.
public enum TextLayout {
    /// Splits text into lines of at most `width` cells, breaking between words; paragraphs ("\n") are
    /// kept; a word longer than a line is cut. Non-breaking spaces (French typography) hold words
    /// together and come out as plain spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in FrenchTypography.apply(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                var wordWidth = TextWidth.of(word)
                if line.isEmpty {
                    // nothing to add before the word
                } else if lineWidth + 1 + wordWidth <= width {
                    line += " "
                    lineWidth += 1
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let head = prefix(word, width: width)
                    lines.append(String(head))
                    word = word.dropFirst(head.count)
                    wordWidth = TextWidth.of(word)
                }
                line += word
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true, lines.count > 1 { lines.removeLast() }
        return lines.map { $0.replacingOccurrences(of: FrenchTypography.noBreak, with: " ") }
    }

    /// Content text (situations, prompts, choices, explanations): line breaks of the YAML source are
    /// joined back into paragraphs first.
    static func wrapContent(_ text: String, width: Int) -> [String] {
        wrap(Paragraphs.reflow(text), width: width)
    }

    /// The longest start of `text` that fits in `width` cells.
    static func prefix(_ text: Substring, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let next = used + TextWidth.of(text[end])
            if next > width { break }
            used = next
            end = text.index(after: end)
        }
        return text[..<end]
    }

    /// Cuts text to `width` cells, ending with "…" when something was left out.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard TextWidth.of(text) > width else { return text }
        var kept = String(prefix(Substring(text), width: width - 1))
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// The column where text of `length` cells is centred in a span.
    public static func centered(_ length: Int, in span: Int, from x: Int = 0) -> Int {
        x + max(0, (span - length) / 2)
    }

    /// A bar of `width` cells, `fraction` of them filled.
    static func bar(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let filled = min(width, max(0, Int((fraction * Double(width)).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// A countdown as m:ss, rounded up so 0:00 shows only at the very end.
    static func countdown(_ remaining: Duration) -> String {
        let seconds = remaining.secondsRoundedUp
        let tail = seconds % 60 < 10 ? "0\(seconds % 60)" : "\(seconds % 60)"
        return "\(seconds / 60):\(tail)"
    }

    public static func pad(_ text: String, _ width: Int) -> String {
        let used = TextWidth.of(text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }

    public static func padLeft(_ text: String, _ width: Int) -> String {
        let used = TextWidth.of(text)
        return used >= width ? text : String(repeating: " ", count: width - used) + text
    }
}

/// French typography for the screen: a non-breaking space before « : ; ? ! » and inside « », and
/// between a number and its unit, so no line starts with a sign and « 50 km/h » never splits.
enum FrenchTypography {
    static let noBreak = "\u{00A0}"

    /// Units and words that must stay with the number before them.
    static let units: Set<String> = [
        "km/h", "km", "m", "cm", "mm", "kg", "g", "h", "min", "s", "%", "€", "°C", "°", "ans", "an", "mois", "jours", "jour",
        "heures", "heure", "minutes", "minute", "secondes", "seconde", "mètres", "mètre", "kilomètres", "kilomètre", "g/l", "g/L",
        "mg/l", "mg/L", "cm³", "cm3", "kW", "W", "dB", "points", "point", "euros", "euro", "fois", "personnes", "places",
    ]

    static func apply(_ text: String) -> String {
        guard text.contains(" ") else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = 1
        while index < words.count {
            let previous = words[index - 1]
            let word = words[index]
            if glueToPrevious(word, after: previous) {
                words[index - 1] = previous + noBreak + word
                words.remove(at: index)
            } else {
                index += 1
            }
        }
        return words.joined(separator: " ")
    }

    /// Whether `word` must not start a line after `previous`.
    private static func glueToPrevious(_ word: String, after previous: String) -> Bool {
        guard !word.isEmpty, !previous.isEmpty, !previous.hasSuffix("\n"), !word.hasPrefix("\n") else { return false }
        if let first = word.first, [":", ";", "?", "!", "»"].contains(first) { return true }
        if previous.hasSuffix("«") { return true }
        // A number (1, 50, 0,5, 10 000) and its unit; thousands groups of a number.
        let number = previous.split(separator: "\n").last.map(String.init) ?? previous
        guard let last = number.last, last.isNumber else { return false }
        var bare = Substring(word)
        while let end = bare.last, [".", ",", ";", ":", "!", "?", ")", "»"].contains(end) { bare = bare.dropLast() }
        if units.contains(String(bare)) { return true }
        return word.count == 3 && word.allSatisfy(\.isNumber) && number.count <= 3
    }
}

/// Paragraphs of content text: the YAML source breaks lines anywhere; a single line break joins the
/// words again, a blank line keeps a paragraph, a list item (« - », « • », « 1. ») keeps its line, and
/// an indented line (an illustration) is kept as it is.
enum Paragraphs {
    static func reflow(_ text: String) -> String {
        var out: [String] = []
        var joining = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                out.append("")
                joining = false
            } else if line.first == " " || line.first == "\t" {
                out.append(line)
                joining = false
            } else if isListItem(trimmed) || !joining || out.isEmpty {
                out.append(trimmed)
                joining = true
            } else {
                out[out.count - 1] += " " + trimmed
            }
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }

    private static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("• ") || line.hasPrefix("* ") || line.hasPrefix("– ") { return true }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return false }
        let rest = line.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }
}
