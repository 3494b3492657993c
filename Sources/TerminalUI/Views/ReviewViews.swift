import ExamKit

/// The statistics block of a review: score, errors, time, per-theme table, themes to work on.
struct StatisticsView {
    var review: Review

    /// Draws from row `y`, never past `bottom` (the theme table gives way first); returns the row after it.
    @discardableResult
    func draw(into frame: inout Frame, x: Int, y: Int, width: Int, bottom: Int, context: AppContext) -> Int {
        let card = review.card
        guard card.total > 0 else {
            frame.put(Strings.nothingCorrected, x: x, y: y, role: .muted)
            return y + 1
        }
        var head: [(String, ThemeRole)] = []
        if case .selfTest = review.kind {
            let verdict = card.passed ? Strings.passed : Strings.notPassed
            head.append(("\(verdict) · \(Strings.score(card.right, of: card.total))", card.passed ? .correct : .incorrect))
        } else {
            head.append((Strings.score(card.right, of: card.total), .title))
        }
        head.append(("\(Strings.errors(card.errors, of: card.total)) · \(Strings.totalTime(review.totalTime.millisecondsValue))", .text))
        let weakest = review.weakest
        let advice = !weakest.isEmpty ? Strings.toReview(weakest.map { context.themeLabel($0.theme) })
            : card.errors == 0 ? Strings.nothingToReview : Strings.nothingBelowHalf
        let stats = review.stats

        var row = y
        for (text, role) in head {
            frame.put(TextLayout.truncate(text, width: width), x: x, y: row, role: role)
            row += 1
        }
        // Table with a blank line around it when there is room.
        let spare = bottom - row - (stats.count + 1) - 1
        if spare >= 2 { row += 1 }
        let tableRows = min(stats.count, max(0, bottom - row - 1 - (spare >= 2 ? 1 : 0)))
        let labelWidth = min(28, max(12, width - 40))
        let barWidth = max(0, min(20, width - labelWidth - 17))
        let header = TextLayout.pad(Strings.themeColumn, labelWidth) + " " + TextLayout.padLeft(Strings.rightColumn, 6) + "  "
            + TextLayout.padLeft("%", 5)
        frame.put(TextLayout.truncate(header, width: width), x: x, y: row, role: .muted)
        row += 1
        for stat in stats.prefix(tableRows) {
            let label = TextLayout.pad(TextLayout.truncate(context.themeLabel(stat.theme), width: labelWidth), labelWidth)
            let numbers = TextLayout.padLeft("\(stat.right)/\(stat.questions)", 6) + "  " + TextLayout.padLeft("\(stat.percent) %", 5) + "  "
            frame.put(label + " " + numbers, x: x, y: row, role: .text)
            let bar = TextLayout.bar(fraction: Double(stat.percent) / 100, width: barWidth)
            frame.put(bar, x: x + labelWidth + 1 + numbers.count, y: row, role: stat.percent == 100 ? .correct : .progress)
            row += 1
        }
        if spare >= 2 { row += 1 }
        // Every theme to work on is named: the advice wraps rather than being cut.
        var line = row
        for text in TextLayout.wrap(advice, width: width) where line <= max(row, bottom) {
            frame.put(text, x: x, y: line, role: weakest.isEmpty ? .correct : .title)
            line += 1
        }
        return line
    }
}

/// The correction of questions as lines of text with their roles.
enum CorrectionText {
    /// Prompt, choices with the expected ones (✓) and the candidate's own marked, verdict, expected
    /// letters and explanation.
    static func lines(_ outcome: QuestionOutcome, width: Int, heading: String? = nil) -> [(String, ThemeRole)] {
        let question = outcome.question
        var lines: [(String, ThemeRole)] = []
        if let heading {
            lines.append((TextLayout.truncate(heading, width: width), outcome.isCorrect ? .correct : .incorrect))
        }
        lines += TextLayout.wrapContent(question.prompt, width: width).map { ($0, .title) }
        if heading == nil { lines.append(("", .text)) }
        let expected = Set(question.answer)
        let textWidth = width - QuestionView.choicePrefixWidth - 2
        for (index, choice) in question.choices.enumerated() {
            let chosen = outcome.selected.contains(index)
            let mark = question.expectsSeveralAnswers ? (chosen ? "[x]" : "[ ]") : (chosen ? "(x)" : "( )")
            let role: ThemeRole = expected.contains(index) ? .correct : chosen ? .incorrect : .choice
            let prefix = "\(expected.contains(index) ? "✓" : " ") \(mark) \(ChoiceLetter.letter(index))  "
            for (offset, line) in TextLayout.wrapContent(choice, width: textWidth).enumerated() {
                lines.append(((offset == 0 ? prefix : String(repeating: " ", count: prefix.count)) + line, role))
            }
        }
        if heading == nil {
            lines.append(("", .text))
            lines.append((outcome.isCorrect ? Strings.correct : Strings.incorrect, outcome.isCorrect ? .correct : .incorrect))
        }
        var expectedLine = Strings.expectedAnswer(ChoiceLetter.letters(question.answer))
        if outcome.selected.isEmpty { expectedLine += " · " + Strings.noAnswer }
        lines.append((TextLayout.truncate(expectedLine, width: width), .text))
        lines += TextLayout.wrapContent(question.explanation, width: width).filter { !$0.isEmpty }.map { ($0, .muted) }
        if let reference = question.reference {
            lines += TextLayout.wrap(reference, width: width).map { ($0, .muted) }
        }
        return lines
    }

    /// Every question of a review, one after the other.
    static func all(_ review: Review, width: Int, context: AppContext) -> [(String, ThemeRole)] {
        numbered(review, width: width, context: context).map { ($0.text, $0.role) }
    }

    /// The same lines, each with the number of the question it belongs to (from 1).
    static func numbered(_ review: Review, width: Int, context: AppContext) -> [(text: String, role: ThemeRole, question: Int)] {
        var lines: [(text: String, role: ThemeRole, question: Int)] = []
        for (index, outcome) in review.outcomes.enumerated() {
            if index > 0 { lines.append(("", .text, index)) }
            let heading = Strings.correctionHeading(index + 1, of: review.outcomes.count, theme: context.themeLabel(outcome.question.theme),
                                                    right: outcome.isCorrect)
            lines += Self.lines(outcome, width: width, heading: heading).map { ($0.0, $0.1, index + 1) }
        }
        return lines
    }
}
