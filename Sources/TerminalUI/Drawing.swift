import ExamKit

/// The content column of a screen: centred, at most `maxWidth` wide, two cells of margin.
struct Column {
    static let maxWidth = 100
    let left: Int
    let width: Int

    init(frame: Frame) {
        self.init(width: frame.width)
    }

    /// The column of a terminal `width` cells wide.
    init(width total: Int) {
        width = max(1, min(total - 4, Self.maxWidth))
        left = (total - width) / 2
    }
}

/// Drawing pieces shared by the screens.
extension Frame {
    /// Title on row 1 and a rule under it.
    mutating func drawHeader(_ title: String, in column: Column) {
        put(TextLayout.truncate(title, width: column.width), x: column.left, y: 1, role: .title)
        if !plain { put(String(repeating: "─", count: column.width), x: column.left, y: 2, role: .muted) }
    }

    /// Key help on the last row.
    mutating func drawHelp(_ help: String, in column: Column) {
        put(TextLayout.truncate(help, width: column.width), x: column.left, y: height - 1, role: .muted)
    }

    /// Wrapped text from row `y`; returns the row after it.
    @discardableResult
    mutating func drawParagraph(_ text: String, x: Int, y: Int, width: Int, role: ThemeRole = .text) -> Int {
        var row = y
        for line in TextLayout.wrap(text, width: width) {
            put(line, x: x, y: row, role: role)
            row += 1
        }
        return row
    }

    /// Buttons side by side: the focused one in brackets (what Enter activates).
    mutating func drawButtons(_ labels: [String], focus: Int, x: Int, y: Int) {
        var column = x
        for (index, text) in labels.enumerated() {
            let focused = index == focus
            let label = focused ? "[ \(text) ]" : "  \(text)  "
            put(label, x: column, y: y, role: focused ? .choiceFocus : .choice)
            column += TextWidth.of(label) + 2
        }
    }

    /// A vertical menu: the focused item marked with "›".
    mutating func drawMenu(_ labels: [String], focus: Int, x: Int, y: Int, width: Int) {
        for (index, label) in labels.enumerated() {
            let focused = index == focus
            if focused { fill(x: x, y: y + index, width: min(width, TextWidth.of(label) + 4), height: 1, role: .choiceFocus) }
            put((focused ? (plain ? "> " : "› ") : "  ") + label, x: x, y: y + index, role: focused ? .choiceFocus : .choice)
            if focused, plain { cursor = (x, y + index) }
        }
    }

    /// A text field "[text    ]"; puts the cursor after the text when `active`.
    mutating func drawField(_ field: TextField, x: Int, y: Int, active: Bool) {
        let shown = field.shown
        put("[", x: x, y: y, role: .text)
        fill(x: x + 1, y: y, width: field.width, height: 1, role: .choiceFocus)
        put(shown, x: x + 1, y: y, role: .choiceFocus)
        put("]", x: x + 1 + field.width, y: y, role: .text)
        if active { cursor = (x + 1 + TextWidth.of(shown), y) }
    }

    /// A box with a single-line border; the inside is cleared.
    public mutating func drawBox(x: Int, y: Int, width: Int, height: Int, title: String) {
        fill(x: x, y: y, width: width, height: height, role: .text)
        guard !plain else {
            put(title, x: x + 1, y: y, role: .title)
            return
        }
        let inner = max(0, width - 2)
        put("┌" + String(repeating: "─", count: inner) + "┐", x: x, y: y, role: .title)
        for row in (y + 1)..<max(y + 1, y + height - 1) {
            put("│", x: x, y: row, role: .title)
            put("│", x: x + width - 1, y: row, role: .title)
        }
        put("└" + String(repeating: "─", count: inner) + "┘", x: x, y: y + height - 1, role: .title)
        put(" \(title) ", x: x + 2, y: y, role: .title)
    }

    /// A banner across `width` cells with its text centred.
    mutating func drawBanner(severalAnswers: Bool, x: Int, y: Int, width: Int) {
        let role: ThemeRole = severalAnswers ? .bannerMultiple : .bannerSingle
        let label = severalAnswers ? Strings.severalAnswers : Strings.singleAnswer
        fill(x: x, y: y, width: width, height: 1, role: role)
        put(TextLayout.truncate(label, width: width), x: TextLayout.centered(TextWidth.of(label), in: width, from: x), y: y, role: role)
    }

    /// "0:38 ░░░████" in the timer colour, urgent in the last 10 seconds: one cell a second (scaled
    /// down when the answering time is longer than the room), so that a waiting question changes only
    /// the countdown's digit and one cell of the bar each second. The bar empties from the countdown's
    /// side: the changing cell stays near the digit, so the terminal gets one short run rather than
    /// the digit, the unchanged cells between, and the cell.
    mutating func drawTimer(remaining: Duration, total: Int, x: Int, y: Int, width: Int) {
        let seconds = remaining.secondsRoundedUp
        let role: ThemeRole = seconds <= 10 ? .timerUrgent : .timer
        guard !plain else {
            put(TextLayout.truncate(Strings.timeLeftInWords(remaining), width: width), x: x, y: y, role: role)
            return
        }
        let label = TextLayout.countdown(remaining) + " "
        let cells = max(0, min(width - label.count, total))
        let filled = total > 0 ? min(cells, Int((Double(max(0, seconds)) * Double(cells) / Double(total)).rounded(.up))) : 0
        put(label + String(repeating: "░", count: cells - filled) + String(repeating: "█", count: filled), x: x, y: y, role: role)
    }

    /// "████░░░ 7/20" in the progress colour.
    mutating func drawProgress(position: Int, of count: Int, x: Int, y: Int, width: Int) {
        guard !plain else {
            put(TextLayout.truncate("Question \(position) sur \(count)", width: width), x: x, y: y, role: .progress)
            return
        }
        let label = " \(position)/\(count)"
        let fraction = count > 0 ? Double(position) / Double(count) : 0
        put(TextLayout.bar(fraction: fraction, width: width - label.count) + label, x: x, y: y, role: .progress)
    }
}

extension Frame {
    /// Rows the buttons need: one when they fit side by side, else one each.
    static func buttonRows(_ labels: [String], width: Int) -> Int {
        let total = labels.reduce(0) { $0 + TextWidth.of($1) + 6 } - 2
        return total <= width ? 1 : labels.count
    }

    /// Buttons side by side when they fit, else one under the other.
    mutating func drawButtonsFitting(_ labels: [String], focus: Int, x: Int, y: Int, width: Int) {
        guard Self.buttonRows(labels, width: width) > 1 else {
            drawButtons(labels, focus: focus, x: x, y: y)
            return
        }
        for (index, text) in labels.enumerated() {
            let focused = index == focus
            let label = TextLayout.truncate(text, width: width - 4)
            put(focused ? "[ \(label) ]" : "  \(label)  ", x: x, y: y + index, role: focused ? .choiceFocus : .choice)
        }
    }
}
