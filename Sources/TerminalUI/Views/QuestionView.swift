import ExamKit

/// The question screen (DESIGN §10.7): header, situation, prompt, banner, choices, timer, progress.
/// Exams, self-tests and practice share it.
struct QuestionView {
    /// Width of "› [x] A  " before a choice's text; wrapped lines are indented by as much.
    static let choicePrefixWidth = 9

    var attempt: Attempt
    var choiceFocus: Int
    var title: String
    var position: Int
    var count: Int
    var untimedHint: String

    func draw(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        guard let question = attempt.currentQuestion else { return }
        let x = column.left, width = column.width
        Self.drawHeader(question, title: title, position: Strings.questionPosition(position, of: count),
                        into: &frame, column, context: context)

        let bodyTop = 3
        let bodyHeight = frame.height - 5
        let timerRow = frame.height - 2
        let situation = question.situation.map { TextLayout.wrap($0, width: width) } ?? []

        if case .situation = attempt.phase {
            var lines = situation
            if lines.count > bodyHeight - 1 {
                lines = Array(lines.prefix(max(0, bodyHeight - 1)))
                if let last = lines.popLast() { lines.append(TextLayout.truncate(last + " …", width: width)) }
            }
            for (offset, line) in lines.enumerated() {
                frame.put(line, x: x, y: bodyTop + 1 + offset, role: .text)
            }
            let remaining = attempt.remaining(at: now) ?? .zero
            frame.put("\(Strings.readingSituation) \(TextLayout.countdown(remaining))", x: x, y: timerRow, role: .timer)
        } else {
            drawAnswering(question, selection: attempt.selections[attempt.index], situation: situation,
                          into: &frame, x: x, width: width, top: bodyTop, height: bodyHeight)
            if let remaining = attempt.remaining(at: now) {
                frame.drawTimer(remaining: remaining, total: attempt.timing.answerSeconds, x: x, y: timerRow, width: width)
            } else {
                frame.put(TextLayout.truncate(untimedHint, width: width), x: x, y: timerRow, role: .timer)
            }
        }
        frame.drawProgress(position: position, of: count, x: x, y: frame.height - 1, width: width)
    }

    /// Header with title and position, theme and competence, and a rule.
    static func drawHeader(_ question: Question, title: String, position: String, into frame: inout Frame, _ column: Column,
                           context: AppContext) {
        let x = column.left, width = column.width
        frame.put(TextLayout.truncate(title, width: width - position.count - 2), x: x, y: 0, role: .title)
        frame.put(position, x: x + width - position.count, y: 0, role: .title)
        let theme = context.themeLabel(question.theme)
        let line = question.competence.isEmpty ? theme : "\(theme) · \(question.competence)"
        frame.put(TextLayout.truncate(line, width: width), x: x, y: 1, role: .muted)
        frame.put(String(repeating: "─", count: width), x: x, y: 2, role: .muted)
    }

    /// Prompt, banner and choices always show; blank lines and then the situation give way when the
    /// screen is short.
    private func drawAnswering(_ question: Question, selection: Set<Int>, situation: [String],
                               into frame: inout Frame, x: Int, width: Int, top: Int, height: Int) {
        let prompt = TextLayout.wrap(question.prompt, width: width)
        let textWidth = width - Self.choicePrefixWidth
        let choices = question.choices.map { TextLayout.wrap($0, width: textWidth) }
        let core = prompt.count + 1 + choices.reduce(0) { $0 + $1.count }

        var spare = max(0, height - core)
        let afterBanner = min(spare, 1); spare -= afterBanner
        let afterPrompt = min(spare, 1); spare -= afterPrompt
        let above = min(spare, 1); spare -= above
        var situationLines: [String] = []
        if !situation.isEmpty, spare >= 2 {
            situationLines = Array(situation.prefix(spare - 1))
            if situationLines.count < situation.count, let last = situationLines.popLast() {
                situationLines.append(TextLayout.truncate(last + " …", width: width))
            }
        }

        var y = top + above
        for line in situationLines {
            frame.put(line, x: x, y: y, role: .muted)
            y += 1
        }
        if !situationLines.isEmpty { y += 1 }
        for line in prompt {
            frame.put(line, x: x, y: y, role: .title)
            y += 1
        }
        y += afterPrompt
        frame.drawBanner(severalAnswers: question.expectsSeveralAnswers, x: x, y: y, width: width)
        y += 1 + afterBanner
        for (index, lines) in choices.enumerated() {
            let selected = selection.contains(index)
            let focused = index == choiceFocus
            let role: ThemeRole = selected ? .choiceSelected : focused ? .choiceFocus : .choice
            let mark = question.expectsSeveralAnswers ? (selected ? "[x]" : "[ ]") : (selected ? "(x)" : "( )")
            let prefix = "\(focused ? "›" : " ") \(mark) \(ChoiceLetter.letter(index))  "
            if role != .choice { frame.fill(x: x, y: y, width: width, height: lines.count, role: role) }
            for (offset, line) in lines.enumerated() {
                let lead = offset == 0 ? prefix : String(repeating: " ", count: Self.choicePrefixWidth)
                frame.put(lead + line, x: x, y: y, role: role)
                y += 1
            }
        }
    }
}
