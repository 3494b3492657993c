import ExamKit

/// Word wrapping and alignment for single-width text.
enum TextLayout {
    /// Splits text into lines of at most `width` characters, breaking between words; paragraphs
    /// ("\n") are kept; a word longer than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                if line.isEmpty {
                    // nothing to add before the word
                } else if line.count + 1 + word.count <= width {
                    line += " "
                } else {
                    lines.append(line)
                    line = ""
                }
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line += word
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true, lines.count > 1 { lines.removeLast() }
        return lines
    }

    /// Cuts text to `width` characters, ending with "…" when something was left out.
    static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        var kept = String(text.prefix(width - 1))
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }

    /// The column where text of `length` is centred in a span.
    static func centered(_ length: Int, in span: Int, from x: Int = 0) -> Int {
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

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
