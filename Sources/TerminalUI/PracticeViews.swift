import ExamKit

/// Screens 9 and 10 before and during the questions: profile, bank, themes, question and correction.
extension TerminalApp {
    func renderPractice(into frame: inout Frame, _ column: Column, at now: MonotonicInstant) {
        switch stage {
        case .practiceProfile: renderPracticeProfile(into: &frame, column)
        case .practiceName: renderPracticeName(into: &frame, column)
        case .practiceBank: renderPracticeBank(into: &frame, column)
        case .practiceThemes: renderPracticeThemes(into: &frame, column)
        case .practiceQuestion: renderPracticeQuestion(into: &frame, column, at: now)
        case .practiceResults: renderReviewStatistics(into: &frame, column)
        case .practiceCorrection: renderCorrection(into: &frame, column)
        default: break
        }
    }

    private var setupTitle: String {
        let mode = Strings.modeName(practiceSetup.mode)
        guard let practiceProfile else { return mode }
        return "\(mode) — \(practiceProfile)"
    }

    private func renderPracticeProfile(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(Strings.modeName(practiceSetup.mode), in: column)
        frame.put(Strings.whoIsPracticing, x: column.left, y: 4, role: .text)
        frame.drawMenu(buttons.map(\.label), focus: focus, x: column.left, y: 6, width: column.width)
        frame.drawHelp(Strings.helpMenu, in: column)
    }

    private func renderPracticeName(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(Strings.modeName(practiceSetup.mode), in: column)
        frame.put(Strings.firstName, x: column.left, y: 4, role: .text)
        let y = frame.drawParagraph(Strings.firstNameHint, x: column.left, y: 5, width: column.width, role: .muted) + 1
        frame.drawField(practiceSetup.name, x: column.left, y: y, active: true)
        if let message { frame.drawParagraph(message, x: column.left, y: y + 2, width: column.width, role: .incorrect) }
        frame.drawButtons(buttons, focus: focus, x: column.left, y: y + 5)
        frame.drawHelp(Strings.helpField, in: column)
    }

    private func renderPracticeBank(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(setupTitle, in: column)
        frame.put(Strings.chooseBank, x: column.left, y: 4, role: .text)
        let banks = library?.banks ?? []
        let labels = buttons.enumerated().map { index, button in
            banks.indices.contains(index)
                ? TextLayout.truncate("\(button.label) — \(banks[index].profile.title)", width: column.width - 4) : button.label
        }
        frame.drawMenu(labels, focus: focus, x: column.left, y: 6, width: column.width)
        if let message {
            frame.drawParagraph(message, x: column.left, y: 7 + labels.count, width: column.width, role: .incorrect)
        }
        frame.drawHelp(Strings.helpMenu, in: column)
    }

    private func renderPracticeThemes(into frame: inout Frame, _ column: Column) {
        guard let library, library.banks.indices.contains(practiceSetup.bank) else { return }
        let bank = library.banks[practiceSetup.bank]
        frame.drawHeader("\(setupTitle) · \(bank.label)", in: column)
        let themes = practiceBankThemes
        let rowCount = themes.count + 1
        // A blank line after the heading when the screen has room for it.
        let top = frame.height - 4 >= 6 + rowCount + 1 ? 6 : 5
        frame.put(Strings.chooseThemes, x: column.left, y: 4, role: .text)
        for row in 0..<rowCount {
            let checked: Bool
            let label: String
            if themes.indices.contains(row) {
                checked = practiceSetup.themes.contains(themes[row].id)
                label = Strings.themeRow(themes[row].label, questions: bank.questions.count { $0.theme == themes[row].id })
            } else {
                checked = practiceSetup.timed
                label = Strings.timedRow(seconds: bank.profile.answerSeconds)
            }
            let focused = row == practiceSetup.row
            let role: ThemeRole = focused ? .choiceFocus : checked ? .choiceSelected : .choice
            if role != .choice { frame.fill(x: column.left, y: top + row, width: column.width, height: 1, role: role) }
            let text = "\(focused ? "›" : " ") \(checked ? "[x]" : "[ ]") \(label)"
            frame.put(TextLayout.truncate(text, width: column.width), x: column.left, y: top + row, role: role)
        }
        let buttonsRow = min(frame.height - 3, top + rowCount + 1)
        frame.drawButtons(buttons, focus: focus, x: column.left, y: buttonsRow)
        if let message { frame.put(TextLayout.truncate(message, width: column.width), x: column.left, y: buttonsRow + 1, role: .incorrect) }
        frame.drawHelp(Strings.helpThemes, in: column)
    }

    private func renderPracticeQuestion(into frame: inout Frame, _ column: Column, at now: MonotonicInstant) {
        guard let run = practice else { return }
        let title = Strings.practiceTitle(mode: run.mode, name: run.profileName, bank: run.bank.label)
        if run.corrected, let outcome = run.outcomes.last {
            renderPracticeCorrection(outcome, run: run, title: title, into: &frame, column)
        } else {
            drawQuestionScreen(run.attempt, title: title, position: run.position, count: run.total,
                               untimedHint: Strings.practiceUntimedHint, into: &frame, column, at: now)
        }
    }

    /// The answer just given, corrected at once (DESIGN §10.9).
    private func renderPracticeCorrection(_ outcome: QuestionOutcome, run: PracticeRun, title: String,
                                          into frame: inout Frame, _ column: Column) {
        let x = column.left, width = column.width
        drawQuestionHeader(outcome.question, title: title, position: Strings.questionPosition(run.position, of: run.total),
                           into: &frame, column)
        let shown = buttons
        let buttonRows = Frame.buttonRows(shown, width: width)
        let buttonsTop = frame.height - 1 - buttonRows - 1
        var lines: [(String, ThemeRole)] = []
        lines += correctionLines(outcome, width: width)
        if run.queue.isEmpty { lines.append(("", .text)); lines.append((Strings.allAsked, .muted)) }
        let room = max(0, buttonsTop - 1 - 4)
        // The situation the prompt refers to, when the screen has room for it.
        if let situation = outcome.question.situation {
            let scene = TextLayout.wrap(situation, width: width)
            if lines.count + scene.count + 1 <= room { lines = scene.map { ($0, .muted) } + [("", .text)] + lines }
        }
        if lines.count > room {
            lines = Array(lines.prefix(room))
            if let last = lines.popLast() { lines.append((TextLayout.truncate(last.0 + " …", width: width), last.1)) }
        }
        for (offset, line) in lines.enumerated() {
            frame.put(line.0, x: x, y: 4 + offset, role: line.1)
        }
        frame.drawButtonsFitting(shown, focus: focus, x: x, y: buttonsTop, width: width)
        frame.drawHelp(Strings.helpPracticeCorrection, in: column)
    }

    /// Prompt, choices with the expected ones (✓) and the candidate's own marked, verdict, expected
    /// letters and explanation.
    func correctionLines(_ outcome: QuestionOutcome, width: Int, heading: String? = nil) -> [(String, ThemeRole)] {
        let question = outcome.question
        var lines: [(String, ThemeRole)] = []
        if let heading {
            lines.append((TextLayout.truncate(heading, width: width), outcome.isCorrect ? .correct : .incorrect))
        }
        lines += TextLayout.wrap(question.prompt, width: width).map { ($0, .title) }
        if heading == nil { lines.append(("", .text)) }
        let expected = Set(question.answer)
        let textWidth = width - Self.choicePrefixWidth - 2
        for (index, choice) in question.choices.enumerated() {
            let chosen = outcome.selected.contains(index)
            let mark = question.expectsSeveralAnswers ? (chosen ? "[x]" : "[ ]") : (chosen ? "(x)" : "( )")
            let role: ThemeRole = expected.contains(index) ? .correct : chosen ? .incorrect : .choice
            let prefix = "\(expected.contains(index) ? "✓" : " ") \(mark) \(ChoiceLetter.letter(index))  "
            for (offset, line) in TextLayout.wrap(choice, width: textWidth).enumerated() {
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
        lines += TextLayout.wrap(Self.reflowed(question.explanation), width: width).filter { !$0.isEmpty }.map { ($0, .muted) }
        if let reference = question.reference {
            lines += TextLayout.wrap(reference, width: width).map { ($0, .muted) }
        }
        return lines
    }
}

extension TerminalApp {
    /// Explanations are written in YAML blocks broken at arbitrary places: single line breaks join
    /// words again, blank lines keep paragraphs.
    static func reflowed(_ text: String) -> String {
        text.split(separator: "\n\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\n").map { String($0).trimmingSpaces }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}

extension Frame {
    /// Rows the buttons need: one when they fit side by side, else one each.
    static func buttonRows(_ buttons: [TerminalApp.Button], width: Int) -> Int {
        let total = buttons.reduce(0) { $0 + $1.label.count + 6 } - 2
        return total <= width ? 1 : buttons.count
    }

    /// Buttons side by side when they fit, else one under the other.
    mutating func drawButtonsFitting(_ buttons: [TerminalApp.Button], focus: Int, x: Int, y: Int, width: Int) {
        guard Self.buttonRows(buttons, width: width) > 1 else {
            drawButtons(buttons, focus: focus, x: x, y: y)
            return
        }
        for (index, button) in buttons.enumerated() {
            let focused = index == focus
            let label = TextLayout.truncate(button.label, width: width - 4)
            put(focused ? "[ \(label) ]" : "  \(label)  ", x: x, y: y + index, role: focused ? .choiceFocus : .choice)
        }
    }
}
