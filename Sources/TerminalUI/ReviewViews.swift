import ExamKit

/// Statistics (errors, time, per-theme table, themes to work on) and the whole correction of a
/// practice, a self-test or a training session.
extension TerminalApp {
    func renderReviewStatistics(into frame: inout Frame, _ column: Column) {
        guard let review else { return }
        frame.drawHeader("\(Strings.statistics) · \(review.title)", in: column)
        let shown = buttons
        let buttonsRow = frame.height - 3
        drawStatistics(review, into: &frame, x: column.left, y: 4, width: column.width, bottom: buttonsRow - 1)
        frame.drawButtons(shown, focus: focus, x: column.left, y: buttonsRow)
        frame.drawHelp(Strings.helpButtons, in: column)
    }

    /// The statistics block from row `y`, never past `bottom` (the theme table gives way first).
    /// Returns the row after it.
    @discardableResult
    func drawStatistics(_ review: Review, into frame: inout Frame, x: Int, y: Int, width: Int, bottom: Int) -> Int {
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
        let advice = weakest.isEmpty ? Strings.nothingToReview : Strings.toReview(weakest.map { themeLabel($0.theme) })
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
        let header = Self.pad(Strings.themeColumn, labelWidth) + " " + Self.padLeft(Strings.rightColumn, 6) + "  " + Self.padLeft("%", 5)
        frame.put(TextLayout.truncate(header, width: width), x: x, y: row, role: .muted)
        row += 1
        for stat in stats.prefix(tableRows) {
            let label = Self.pad(TextLayout.truncate(themeLabel(stat.theme), width: labelWidth), labelWidth)
            let numbers = Self.padLeft("\(stat.right)/\(stat.questions)", 6) + "  " + Self.padLeft("\(stat.percent) %", 5) + "  "
            frame.put(label + " " + numbers, x: x, y: row, role: .text)
            let bar = TextLayout.bar(fraction: Double(stat.percent) / 100, width: barWidth)
            frame.put(bar, x: x + labelWidth + 1 + numbers.count, y: row, role: stat.percent == 100 ? .correct : .progress)
            row += 1
        }
        if spare >= 2 { row += 1 }
        frame.put(TextLayout.truncate(advice, width: width), x: x, y: row, role: weakest.isEmpty ? .correct : .title)
        return row + 1
    }

    /// Every question with the candidate's answer, scrolled with ↑ ↓ and Space.
    func renderCorrection(into frame: inout Frame, _ column: Column) {
        guard let review else { return }
        frame.drawHeader("\(Strings.correction) — \(review.title)", in: column)
        frame.put(Strings.correctionLegend, x: column.left, y: 3, role: .muted)
        let lines = allCorrectionLines(review, width: column.width)
        let top = 4
        let buttonsRow = frame.height - 2
        let visible = max(1, buttonsRow - 1 - top)
        let first = min(reviewScroll, max(0, lines.count - visible))
        for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            frame.put(line.0, x: column.left, y: top + offset, role: line.1)
        }
        let position = "\(min(lines.count, first + visible))/\(lines.count)"
        frame.put(position, x: column.left + column.width - position.count, y: 3, role: .muted)
        frame.drawButtons(buttons, focus: focus, x: column.left, y: buttonsRow)
        frame.drawHelp(Strings.helpCorrectionScroll, in: column)
    }

    func allCorrectionLines(_ review: Review, width: Int) -> [(String, ThemeRole)] {
        var lines: [(String, ThemeRole)] = []
        for (index, outcome) in review.outcomes.enumerated() {
            if index > 0 { lines.append(("", .text)) }
            let heading = Strings.correctionHeading(index + 1, of: review.outcomes.count, theme: themeLabel(outcome.question.theme),
                                                    right: outcome.isCorrect)
            lines += correctionLines(outcome, width: width, heading: heading)
        }
        return lines
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

/// `epreuve practice --stats`: each profile's sessions, then its per-theme totals.
public enum PracticeHistoryText {
    /// `date` formats a result's finishing date; `themeOrder` and `themeLabels` come from the content.
    public static func lines(_ results: [PracticeResult], themeOrder: [String], themeLabels: [String: String],
                             date: (PracticeResult) -> String) -> [String] {
        guard !results.isEmpty else { return [Strings.historyEmpty] }
        var out: [String] = []
        var names: [String] = []
        for result in results where !names.contains(result.profileName) { names.append(result.profileName) }
        for name in names {
            let mine = results.filter { $0.profileName == name }
            if !out.isEmpty { out.append("") }
            out.append(Strings.historyProfile(name, sessions: mine.count))
            for result in mine {
                let percent = result.questions == 0 ? 0 : Int((Double(result.right) * 100 / Double(result.questions)).rounded())
                var line = "  \(date(result))  \(TerminalApp.pad(Strings.modeName(result.mode), 12)) \(TerminalApp.pad(result.bank, 6)) "
                    + "\(TerminalApp.padLeft("\(result.right)/\(result.questions)", 6)) (\(percent) %)  \(Strings.duration(result.durationMs))"
                let verdict = Strings.historyVerdict(result.passed)
                if !verdict.isEmpty { line += "  \(verdict)" }
                out.append(line)
            }
            var totals: [String: (questions: Int, right: Int)] = [:]
            for stat in mine.flatMap(\.themes) {
                totals[stat.theme, default: (0, 0)].questions += stat.questions
                totals[stat.theme, default: (0, 0)].right += stat.right
            }
            let ordered = themeOrder.filter { totals[$0] != nil } + totals.keys.filter { !themeOrder.contains($0) }.sorted()
            let stats = ordered.map { ThemeStat(theme: $0, questions: totals[$0]!.questions, right: totals[$0]!.right) }
            out.append("  " + Strings.historyByTheme)
            for stat in stats {
                out.append("    " + TerminalApp.pad(themeLabels[stat.theme] ?? stat.theme, 28) + " "
                    + TerminalApp.padLeft("\(stat.right)/\(stat.questions)", 7) + "  " + TerminalApp.padLeft("\(stat.percent) %", 5)
                    + "  " + TextLayout.bar(fraction: Double(stat.percent) / 100, width: 20))
            }
            let weakest = ThemeStat.weakest(stats)
            out.append("  " + (weakest.isEmpty ? Strings.nothingToReview
                                : Strings.toReview(weakest.map { themeLabels[$0.theme] ?? $0.theme })))
        }
        return out
    }
}
