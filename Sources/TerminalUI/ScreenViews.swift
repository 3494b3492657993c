import ExamKit

/// Smallest usable terminal (DESIGN §10).
let minimumWidth = 60
let minimumHeight = 20

extension TerminalApp {
    /// Draws the current state; a blank frame of any size is expected.
    public func render(into frame: inout Frame, at now: MonotonicInstant) {
        frame.fill(x: 0, y: 0, width: frame.width, height: frame.height, role: .text)
        frame.cursor = nil
        guard frame.width >= minimumWidth, frame.height >= minimumHeight else {
            let text = TextLayout.truncate(Strings.enlargeWindow, width: frame.width)
            frame.put(text, x: TextLayout.centered(text.count, in: frame.width), y: frame.height / 2, role: .title)
            return
        }
        let column = Column(frame: frame)
        switch stage {
        case .home: renderHome(into: &frame, column)
        case .examNumber: renderExamNumber(into: &frame, column)
        case .accessCode: renderAccessCode(into: &frame, column)
        case .identity: renderIdentity(into: &frame, column)
        case let .tutorial(page): renderTutorial(page: page, into: &frame, column)
        case .ready: renderReady(into: &frame, column)
        case .question: renderQuestion(into: &frame, column, at: now)
        case .end: renderEnd(into: &frame, column)
        case .practiceProfile, .practiceName, .practiceBank, .practiceThemes, .practiceQuestion, .practiceResults,
             .practiceCorrection:
            renderPractice(into: &frame, column, at: now)
        }
        if let panel { renderPanel(panel, into: &frame) }
    }

    private func renderHome(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(Strings.appTitle, in: column)
        let items = buttons
        frame.drawMenu(items.map(\.label), focus: focus, x: column.left, y: 4, width: column.width)
        if let resumable = configuration.resumableAttempt {
            let detail = Strings.resumableDetail(examNumber: resumable.examNumber, candidate: resumable.candidateName)
            frame.drawParagraph(detail, x: column.left, y: 5 + items.count, width: column.width, role: .muted)
        }
        frame.drawHelp(Strings.helpMenu, in: column)
    }

    private func renderExamNumber(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(Strings.takeExam, in: column)
        var y = 4
        frame.put(Strings.examNumber, x: column.left, y: y, role: .text)
        y = frame.drawParagraph(Strings.examNumberHint, x: column.left, y: y + 1, width: column.width, role: .muted)
        renderFieldBlock(into: &frame, column, y: y + 1)
    }

    private func renderAccessCode(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(exam?.title ?? Strings.takeExam, in: column)
        var y = 4
        if let exam { frame.put(Strings.examNumberLine(exam.number), x: column.left, y: y, role: .muted) }
        if let resumable = configuration.resumableAttempt, resumable.examNumber == exam?.number {
            y = frame.drawParagraph(Strings.resumingFor(resumable.candidateName), x: column.left, y: y + 1,
                                    width: column.width, role: .muted) - 1
        }
        y += 2
        frame.put(Strings.accessCode, x: column.left, y: y, role: .text)
        y = frame.drawParagraph(Strings.accessCodeHint, x: column.left, y: y + 1, width: column.width, role: .muted)
        renderFieldBlock(into: &frame, column, y: y + 1)
    }

    /// Field, message (error or « Vérification… ») and buttons, under a label.
    private func renderFieldBlock(into frame: inout Frame, _ column: Column, y: Int) {
        frame.drawField(field, x: column.left, y: y, active: !waitingForHost)
        if waitingForHost {
            frame.put(Strings.checking, x: column.left, y: y + 2, role: .muted)
        } else if let message {
            frame.drawParagraph(message, x: column.left, y: y + 2, width: column.width, role: .incorrect)
        }
        frame.drawButtons(buttons, focus: focus, x: column.left, y: y + 5)
        frame.drawHelp(Strings.helpField, in: column)
    }

    private func renderIdentity(into frame: inout Frame, _ column: Column) {
        guard let grant else { return }
        frame.drawHeader(Strings.checkIdentity, in: column)
        var y = 4
        let name = Strings.identity(first: grant.firstName, last: grant.lastName, className: grant.className)
        frame.put(TextLayout.truncate(name, width: column.width), x: column.left, y: y, role: .title)
        if grant.extraTime {
            y += 1
            frame.put(Strings.extraTime(seconds: grant.timing.answerSeconds), x: column.left, y: y, role: .text)
        }
        y = frame.drawParagraph(grant.examTitle, x: column.left, y: y + 2, width: column.width, role: .muted)
        y = frame.drawParagraph(Strings.identityQuestion, x: column.left, y: y + 1, width: column.width, role: .muted)
        frame.drawButtons(buttons, focus: focus, x: column.left, y: y + 2)
        frame.drawHelp(Strings.helpButtons, in: column)
    }

    private func renderTutorial(page index: Int, into frame: inout Frame, _ column: Column) {
        let pages = tutorialPages
        guard pages.indices.contains(index) else { return }
        let page = pages[index]
        frame.drawHeader(Strings.tutorialTitle(page: index + 1, of: pages.count), in: column)
        frame.put(page.heading, x: column.left, y: 4, role: .title)
        var y = 6
        let bottom = frame.height - 4
        for line in page.lines where y < bottom {
            switch line {
            case let .paragraph(text):
                y = frame.drawParagraph(text, x: column.left, y: y, width: column.width)
            case .blank:
                y += 1
            case let .banner(several):
                frame.drawBanner(severalAnswers: several, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            case let .timerSample(seconds):
                frame.drawTimer(remaining: .seconds(seconds), total: seconds, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            case let .progressSample(done, count):
                frame.drawProgress(position: done, of: count, x: column.left, y: y, width: min(column.width, 44))
                y += 1
            }
        }
        frame.drawButtons(buttons, focus: focus, x: column.left, y: frame.height - 3)
        frame.drawHelp(Strings.helpTutorial, in: column)
    }

    private func renderReady(into frame: inout Frame, _ column: Column) {
        guard let grant else { return }
        frame.drawHeader(Strings.yourTurn(grant.firstName), in: column)
        let y = frame.drawParagraph(Strings.whenReady, x: column.left, y: 4, width: column.width)
        frame.drawButtons(buttons, focus: focus, x: column.left, y: y + 1)
        frame.drawHelp(Strings.helpButtons, in: column)
    }

    private func renderEnd(into frame: inout Frame, _ column: Column) {
        frame.drawHeader(Strings.examOver, in: column)
        var y = 4
        switch delivery {
        case .sending:
            frame.put(Strings.sendingResult, x: column.left, y: y, role: .muted)
            y += 1
        case .delivered:
            frame.put(Strings.resultSaved, x: column.left, y: y, role: .correct)
            if let review {
                // Training sessions: the statistics come right after, the correction one key away.
                y = drawStatistics(review, into: &frame, x: column.left, y: y + 2, width: column.width, bottom: frame.height - 4)
            } else {
                y = frame.drawParagraph(Strings.resultLater, x: column.left, y: y + 2, width: column.width, role: .muted)
            }
        case let .failed(detail):
            frame.put(Strings.submissionFailed, x: column.left, y: y, role: .incorrect)
            if !detail.isEmpty {
                y = frame.drawParagraph(detail, x: column.left, y: y + 1, width: column.width, role: .muted) - 1
            }
            let advice = failedSubmissions >= Self.triesBeforeSurveillant ? Strings.callSurveillant : Strings.pleaseRetry
            y = frame.drawParagraph(advice, x: column.left, y: y + 2, width: column.width)
        }
        if let rescuePath {
            frame.put(Strings.rescueWritten, x: column.left, y: y + 1, role: .correct)
            y = frame.drawParagraph(rescuePath, x: column.left, y: y + 2, width: column.width, role: .correct)
            y = frame.drawParagraph(Strings.rescueNext, x: column.left, y: y, width: column.width, role: .muted)
        }
        let shown = buttons
        if !shown.isEmpty {
            frame.drawButtons(shown, focus: focus, x: column.left, y: y + 1)
            frame.drawHelp(Strings.helpButtons, in: column)
        }
    }

    private func renderPanel(_ panel: SurveillantPanel, into frame: inout Frame) {
        let width = min(64, frame.width - 4)
        let inner = width - 4
        var lines: [(text: String, role: ThemeRole)] = []
        var fieldToDraw: (field: TextField, line: Int)?
        var help = Strings.helpPanelField
        var menuFocus: Int?
        func paragraph(_ text: String, _ role: ThemeRole) {
            lines += TextLayout.wrap(text, width: inner).map { ($0, role) }
        }
        switch panel.step {
        case let .code(field, error, checking):
            lines.append((Strings.surveillantCode, .text))
            fieldToDraw = (field, lines.count)
            lines.append(("", .text))
            if checking { lines.append((Strings.checking, .muted)) } else if let error { paragraph(error, .incorrect) }
        case .menu:
            menuFocus = lines.count
            lines += panelMenu.map { ($0.label, .choice) }
            help = Strings.helpPanelMenu
        case .deliveryStatus:
            lines.append((Strings.menuDeliveryStatus, .title))
            paragraph(deliveryStatus ?? Strings.noDeliveryStatus, .text)
            help = Strings.helpPanelClose
        case let .directory(field, error):
            lines.append((Strings.directory, .text))
            fieldToDraw = (field, lines.count)
            lines.append(("", .text))
            if let error { paragraph(error, .incorrect) }
            help = Strings.directoryHint
        case .exporting:
            lines.append((Strings.exporting, .muted))
        case let .exported(path):
            lines.append((panel.purpose == .rescue ? Strings.rescueWritten : Strings.rescueFilesWritten, .correct))
            paragraph(path, .correct)
            help = Strings.helpPanelClose
        }
        lines.append(("", .text))
        paragraph(help, .muted)

        let height = lines.count + 4
        let x = (frame.width - width) / 2
        let y = max(0, (frame.height - height) / 2)
        frame.drawBox(x: x, y: y, width: width, height: height, title: Strings.surveillantTitle)
        for (index, line) in lines.enumerated() {
            frame.put(line.text, x: x + 2, y: y + 2 + index, role: line.role)
        }
        if let start = menuFocus {
            let labels = panelMenu.map(\.label)
            frame.fill(x: x + 2, y: y + 2 + start, width: inner, height: labels.count, role: .text)
            frame.drawMenu(labels, focus: panel.focus, x: x + 2, y: y + 2 + start, width: inner)
        }
        if let (field, line) = fieldToDraw {
            frame.drawField(field, x: x + 2, y: y + 2 + line, active: panel.step != .exporting)
            if case .code(_, _, true) = panel.step { frame.cursor = nil }
        }
    }
}
