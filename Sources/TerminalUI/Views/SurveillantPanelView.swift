import ExamKit

/// The surveillant panel drawn in a box over the screen.
extension TerminalApp {
    /// « Lily ALEXANDRE » on the question screen.
    private var candidateOnScreen: String? {
        guard case let .question(model) = screen else { return nil }
        return "\(model.sitting.grant.firstName) \(model.sitting.grant.lastName.uppercased())"
    }

    func renderPanel(_ panel: SurveillantPanel, into frame: inout Frame) {
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
            paragraph(context.deliveryStatus ?? Strings.noDeliveryStatus, .text)
            help = Strings.helpPanelClose
        case let .confirmEnd(field, error):
            if let candidate = candidateOnScreen {
                paragraph(Strings.confirmEnd(candidate), .title)
                lines.append(("", .text))
            }
            paragraph(Strings.confirmEndDetail, .muted)
            lines.append(("", .text))
            lines.append((Strings.reason, .text))
            fieldToDraw = (field, lines.count)
            lines.append(("", .text))
            if let error { paragraph(error, .incorrect) }
            help = Strings.helpConfirmEnd
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
        if isInExam {
            lines.append(("", .text))
            paragraph(Strings.timerRunsUnderPanel, .muted)
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
