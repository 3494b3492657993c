import ExamKit

/// The proctor's panel over any screen: F12 (code, then a menu) or « Récupérer le résultat » on the
/// end screen (code, then the folder). The exam timer keeps running underneath.
struct SurveillantPanel: Sendable, Hashable {
    enum Purpose: Sendable, Hashable {
        /// F12: the menu comes after the code.
        case menu
        /// End screen: the folder comes after the code.
        case rescue
    }

    enum Step: Sendable, Hashable {
        case code(TextField, error: String?, checking: Bool)
        case menu
        case deliveryStatus
        case directory(TextField, error: String?)
        case exporting
        case exported(String)
    }

    enum MenuItem: Sendable, Hashable {
        case resume, deliveryStatus, export, endAttempt, quit

        var label: String {
            switch self {
            case .resume: Strings.menuResume
            case .deliveryStatus: Strings.menuDeliveryStatus
            case .export: Strings.menuExport
            case .endAttempt: Strings.menuEndAttempt
            case .quit: Strings.menuQuit
            }
        }
    }

    var purpose: Purpose
    var step: Step
    var focus = 0
}

extension TerminalApp {
    /// Menu items; « Terminer cette tentative » only while an attempt runs.
    var panelMenu: [SurveillantPanel.MenuItem] {
        isInExam ? [.resume, .deliveryStatus, .export, .endAttempt, .quit] : [.resume, .deliveryStatus, .export, .quit]
    }

    mutating func openPanel(purpose: SurveillantPanel.Purpose) {
        panel = SurveillantPanel(purpose: purpose, step: .code(TextField(.surveillantCode), error: nil, checking: false))
    }

    mutating func handlePanelKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        guard var current = panel else { return [] }
        if key == .escape {
            panel = nil
            return []
        }
        var effects: [AppEffect] = []
        switch current.step {
        case .code(var field, _, let checking):
            guard !checking else { return [] }
            switch key {
            case let .character(character): if field.type(character) { current.step = .code(field, error: nil, checking: false) }
            case .backspace:
                field.backspace()
                current.step = .code(field, error: nil, checking: false)
            case .enter where !field.text.isEmpty:
                current.step = .code(field, error: nil, checking: true)
                effects = [.checkSurveillantCode(code: field.text)]
            default: break
            }
        case .menu:
            let items = panelMenu
            switch key {
            case .up, .backTab: current.focus = max(0, current.focus - 1)
            case .down, .tab: current.focus = min(items.count - 1, current.focus + 1)
            case .enter:
                switch items[min(current.focus, items.count - 1)] {
                case .resume:
                    panel = nil
                    return []
                case .deliveryStatus:
                    current.step = .deliveryStatus
                case .export:
                    current.step = .directory(TextField(.directory, text: context.configuration.defaultRescueDirectory), error: nil)
                case .endAttempt:
                    panel = nil
                    return finishAttempt(at: now)
                case .quit:
                    panel = nil
                    return [.quit]
                }
            default: break
            }
        case .deliveryStatus:
            if key == .enter { current.step = .menu }
        case .directory(var field, _):
            switch key {
            case let .character(character): if field.type(character) { current.step = .directory(field, error: nil) }
            case .backspace:
                field.backspace()
                current.step = .directory(field, error: nil)
            case .enter:
                // An emptied field falls back to the default folder.
                let directory = field.text.isEmpty ? context.configuration.defaultRescueDirectory : field.text
                current.step = .exporting
                effects = [.exportRescue(directory: directory)]
            default: break
            }
        case .exporting:
            return []
        case .exported:
            if key == .enter {
                panel = nil
                return []
            }
        }
        panel = current
        return effects
    }

    mutating func surveillantCodeChecked(_ accepted: Bool) {
        guard var current = panel, case .code(_, _, true) = current.step else { return }
        if !accepted {
            current.step = .code(TextField(.surveillantCode), error: Strings.surveillantCodeWrong, checking: false)
        } else if current.purpose == .menu {
            current.step = .menu
            current.focus = 0
        } else {
            current.step = .directory(TextField(.directory, text: context.configuration.defaultRescueDirectory), error: nil)
        }
        panel = current
    }

    mutating func rescueExported(_ result: Result<String, RescueFailure>) {
        guard var current = panel, current.step == .exporting else { return }
        switch result {
        case let .success(path):
            current.step = .exported(path)
            if case var .end(end) = screen {
                end.rescuePath = path
                end.focus = 0
                screen = .end(end)
            }
        case let .failure(failure):
            current.step = .directory(TextField(.directory, text: context.configuration.defaultRescueDirectory),
                                      error: Strings.exportFailed(failure.message))
        }
        panel = current
    }

    /// The proctor's « Terminer cette tentative » on the question screen.
    private mutating func finishAttempt(at now: MonotonicInstant) -> [AppEffect] {
        guard case var .question(question) = screen else { return [] }
        let step = question.finish(at: now, context: &context)
        screen = question.screen
        return apply(step)
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
