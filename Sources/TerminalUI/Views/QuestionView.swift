import ExamKit

/// What the candidate moves on a question screen: the focused choice, and the situation when it is
/// read again in full (S) or scrolled (↑ ↓) because it is longer than the screen.
struct QuestionCursor: Sendable, Hashable {
    var choice = 0
    /// Answering: the situation is shown in full instead of the choices (S again goes back).
    var rereading = false
    var situationScroll = 0

    /// Keys that move the cursor rather than answer; true when the key was taken.
    mutating func handle(_ key: Key, attempt: Attempt, context: AppContext) -> Bool {
        guard let question = attempt.currentQuestion else { return false }
        let readingSituation: Bool
        if case .situation = attempt.phase { readingSituation = true } else { readingSituation = rereading }
        switch key {
        case .character("s"), .character("S"):
            guard question.situation != nil, case .answering = attempt.phase else { return false }
            rereading.toggle()
            situationScroll = 0
            return true
        case .up, .down:
            if readingSituation {
                let limit = QuestionView.situationScrollLimit(question, context: context)
                situationScroll = min(limit, max(0, situationScroll + (key == .up ? -1 : 1)))
            } else {
                choice = key == .up ? max(0, choice - 1) : min(question.choices.count - 1, choice + 1)
            }
            return true
        default:
            // While the situation is reread, answers wait: nothing typed lands on an unseen choice.
            return rereading
        }
    }
}

/// The question screen (DESIGN §10.7): header, situation, prompt, banner, choices, timer, progress.
/// Exams, self-tests and practice share it. Nothing is cut silently: a long situation scrolls or folds
/// behind « S », long choices scroll with the focus.
struct QuestionView {
    /// Width of "› [x] A  " before a choice's text; wrapped lines are indented by as much.
    static let choicePrefixWidth = 9

    var attempt: Attempt
    var cursor: QuestionCursor
    var title: String
    var position: Int
    var count: Int
    var untimedHint: String

    func draw(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        guard let question = attempt.currentQuestion else { return }
        let x = column.left, width = column.width
        let bodyTop = Self.drawHeader(question, title: title, position: Strings.questionPosition(position, of: count),
                                      into: &frame, column, context: context)
        let timerRow = frame.height - 2
        let bodyHeight = timerRow - bodyTop
        let situation = question.situation.map { TextLayout.wrapContent($0, width: width) } ?? []

        if case .situation = attempt.phase {
            drawScrolled(situation, role: .text, scroll: cursor.situationScroll, into: &frame, x: x, width: width,
                         top: bodyTop + 1, height: bodyHeight - 1)
            let remaining = attempt.remaining(at: now) ?? .zero
            let line = frame.plain ? Strings.readingSituation : "\(Strings.readingSituation) \(TextLayout.countdown(remaining))"
            frame.put(line, x: x, y: timerRow, role: .timer)
        } else {
            if cursor.rereading {
                drawScrolled(situation, role: .text, scroll: cursor.situationScroll, into: &frame, x: x, width: width,
                             top: bodyTop, height: bodyHeight - 1)
                frame.put(TextLayout.truncate(Strings.backToChoices, width: width), x: x, y: timerRow - 1, role: .muted)
            } else {
                drawAnswering(question, selection: attempt.selections[attempt.index], situation: situation,
                              into: &frame, x: x, width: width, top: bodyTop, height: bodyHeight)
            }
            if case .reading = attempt.phase {
                // Answers wait for the end of the reading; the answering time starts after it.
                let remaining = attempt.remaining(at: now) ?? .zero
                let line = frame.plain ? Strings.readingQuestion : "\(Strings.readingQuestion) \(TextLayout.countdown(remaining))"
                frame.put(TextLayout.truncate(line, width: width), x: x, y: timerRow, role: .timer)
            } else if let remaining = attempt.remaining(at: now) {
                frame.drawTimer(remaining: remaining, total: attempt.timing.answerSeconds, x: x, y: timerRow, width: width)
            } else {
                frame.put(TextLayout.truncate(untimedHint, width: width), x: x, y: timerRow, role: .timer)
            }
        }
        frame.drawProgress(position: position, of: count, x: x, y: frame.height - 1, width: width)
    }

    /// Header with title and position, theme and competence (wrapped, never cut), and a rule.
    /// Returns the first row under it.
    @discardableResult
    static func drawHeader(_ question: Question, title: String, position: String, into frame: inout Frame, _ column: Column,
                           context: AppContext) -> Int {
        let x = column.left, width = column.width
        let positionWidth = TextWidth.of(position)
        frame.put(TextLayout.truncate(title, width: width - positionWidth - 2), x: x, y: 0, role: .title)
        frame.put(position, x: x + width - positionWidth, y: 0, role: .title)
        var y = 1
        for line in contextLines(question, width: width, context: context) {
            frame.put(line, x: x, y: y, role: .muted)
            y += 1
        }
        if !frame.plain { frame.put(String(repeating: "─", count: width), x: x, y: y, role: .muted) }
        return y + 1
    }

    /// Theme and competence, on two lines at most.
    static func contextLines(_ question: Question, width: Int, context: AppContext) -> [String] {
        let theme = context.themeLabel(question.theme)
        let line = question.competence.isEmpty ? theme : "\(theme) · \(question.competence)"
        let lines = TextLayout.wrap(line, width: width)
        guard lines.count > 2 else { return lines }
        return [lines[0], TextLayout.truncate(lines[1...].joined(separator: " "), width: width)]
    }

    /// How far a situation read in full can scroll on the terminal (the same window as `drawScrolled`).
    static func situationScrollLimit(_ question: Question, context: AppContext) -> Int {
        let width = Column(width: context.viewport.width).width
        let lines = question.situation.map { TextLayout.wrapContent($0, width: width) } ?? []
        let bodyTop = 2 + contextLines(question, width: width, context: context).count
        let height = context.viewport.height - 2 - bodyTop - 1
        return lines.count > height ? lines.count - max(1, height - 2) : 0
    }

    /// Lines from `scroll`, with « ↑ » / « ↓ » marks where more is above or below.
    private func drawScrolled(_ lines: [String], role: ThemeRole, scroll: Int, into frame: inout Frame, x: Int, width: Int,
                              top: Int, height: Int) {
        guard height > 0 else { return }
        guard lines.count > height else {
            for (offset, line) in lines.enumerated() { frame.put(line, x: x, y: top + offset, role: role) }
            return
        }
        let room = max(1, height - 2)
        let first = min(scroll, lines.count - room)
        frame.put(first > 0 ? Strings.moreAbove : "", x: x, y: top, role: .muted)
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            frame.put(line, x: x, y: top + 1 + offset, role: role)
        }
        if first + room < lines.count { frame.put(Strings.moreBelow, x: x, y: top + 1 + room, role: .muted) }
    }

    /// Prompt, banner and choices always show; blank lines and then the situation give way when the
    /// screen is short (a situation that does not fit folds behind « S »); choices that do not fit
    /// scroll with the focus.
    private func drawAnswering(_ question: Question, selection: Set<Int>, situation: [String],
                               into frame: inout Frame, x: Int, width: Int, top: Int, height: Int) {
        let prompt = TextLayout.wrapContent(question.prompt, width: width)
        let textWidth = width - Self.choicePrefixWidth
        let choices = question.choices.map { TextLayout.wrapContent($0, width: textWidth) }
        let core = prompt.count + 1 + choices.reduce(0) { $0 + $1.count }

        var spare = max(0, height - core)
        let afterBanner = min(spare, 1); spare -= afterBanner
        let afterPrompt = min(spare, 1); spare -= afterPrompt
        let above = min(spare, 1); spare -= above
        var situationLines: [String] = []
        var folded = false
        var blankAfterSituation = false
        if !situation.isEmpty {
            if spare >= situation.count + 1 {
                situationLines = situation
                blankAfterSituation = true
            } else {
                // What does not fit waits behind « S »; the fold says so.
                folded = true
                situationLines = Array(situation.prefix(max(0, spare - 2)))
                blankAfterSituation = spare >= 2
            }
        }

        var rows: [(text: String, role: ThemeRole, choice: Int?)] = []
        if above > 0 { rows.append(("", .text, nil)) }
        rows += situationLines.map { ($0, .muted, nil) }
        if folded { rows.append((TextLayout.truncate(Strings.situationFolded, width: width), .muted, nil)) }
        if blankAfterSituation { rows.append(("", .text, nil)) }
        rows += prompt.map { ($0, .title, nil) }
        if afterPrompt > 0 { rows.append(("", .text, nil)) }
        let bannerRow = rows.count
        rows.append(("", .text, nil))
        if afterBanner > 0 { rows.append(("", .text, nil)) }
        for (index, lines) in choices.enumerated() {
            let selected = selection.contains(index)
            let focused = index == cursor.choice
            let role: ThemeRole = selected ? .choiceSelected : focused ? .choiceFocus : .choice
            let mark = question.expectsSeveralAnswers ? (selected ? "[x]" : "[ ]") : (selected ? "(x)" : "( )")
            let prefix = "\(focused ? (frame.plain ? ">" : "›") : " ") \(mark) \(ChoiceLetter.letter(index))  "
            for (offset, line) in lines.enumerated() {
                let lead = offset == 0 ? prefix : String(repeating: " ", count: Self.choicePrefixWidth)
                rows.append((lead + line, role, index))
            }
        }

        // Too long for the screen: the prompt and banner stay, the choices scroll in a window that keeps
        // the focused one whole, with marks for what is above or below.
        var y = top
        guard rows.count > height else {
            for index in rows.indices { drawRow(index) }
            return
        }
        let firstChoiceRow = rows.firstIndex { $0.choice != nil } ?? rows.count
        // The rows before the choices, without blank lines, when they leave room for a choice or two.
        let pinned = rows.indices.prefix(firstChoiceRow).filter { !rows[$0].text.isEmpty || $0 == bannerRow }
        let room = height - pinned.count - 2
        guard room >= 3 else {
            scroll(rows.indices.map { $0 }, room: max(1, height - 2))
            return
        }
        for index in pinned { drawRow(index) }
        scroll(Array(rows.indices.dropFirst(firstChoiceRow)), room: room)

        func drawRow(_ index: Int) {
            let row = rows[index]
            if index == bannerRow {
                frame.drawBanner(severalAnswers: question.expectsSeveralAnswers, x: x, y: y, width: width)
            } else {
                if row.role != .choice, row.choice != nil { frame.fill(x: x, y: y, width: width, height: 1, role: row.role) }
                frame.put(row.text, x: x, y: y, role: row.role)
                // A screen reader follows the cursor: it sits on the focused choice's letter.
                if frame.plain, let choice = row.choice, choice == cursor.choice, frame.cursor == nil {
                    frame.cursor = (x + 6, y)
                }
            }
            y += 1
        }

        func scroll(_ shown: [Int], room: Int) {
            let focused = shown.indices.filter { rows[shown[$0]].choice == cursor.choice }
            var first = max(0, min(shown.count - room, (focused.last ?? 0) + 1 - room))
            if let start = focused.first, start < first { first = start }
            // Start on a choice's first line when the focused one still fits.
            while first > 0, let choice = rows[shown[first]].choice, rows[shown[first - 1]].choice == choice,
                  (focused.last ?? 0) < first - 1 + room {
                first -= 1
            }
            frame.put(first > 0 ? Strings.moreAbove : "", x: x, y: y, role: .muted)
            y += 1
            for position in first..<min(shown.count, first + room) { drawRow(shown[position]) }
            if first + room < shown.count { frame.put(Strings.moreBelow, x: x, y: y, role: .muted) }
        }
    }
}
