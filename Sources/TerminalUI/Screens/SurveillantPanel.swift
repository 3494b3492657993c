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
        /// « Terminer cette tentative »: a confirmation and the reason, kept with the result.
        case confirmEnd(TextField, error: String?)
        case exporting
        case exported(String)
    }

    enum MenuItem: Sendable, Hashable {
        case resumeHere, resume, deliveryStatus, export, endAttempt, quit

        var label: String {
            switch self {
            case .resumeHere: Strings.menuResumeHere
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
    /// The code the center (or the offline check) accepted: « Reprendre ici » sends it again.
    var acceptedCode: String?
}

extension TerminalApp {
    /// Menu items; « Terminer cette tentative » only while an attempt runs, « Reprendre ici » when the
    /// candidate's attempt runs on another terminal.
    var panelMenu: [SurveillantPanel.MenuItem] {
        if isInExam { return [.resume, .deliveryStatus, .export, .endAttempt, .quit] }
        if case let .accessCode(model) = screen, model.runningElsewhere { return [.resumeHere, .resume, .deliveryStatus, .export, .quit] }
        return [.resume, .deliveryStatus, .export, .quit]
    }

    /// The session a surveillant code is checked for: the one on screen, else the terminal's last one.
    var examNumberOnScreen: String? {
        switch screen {
        case let .question(model): model.sitting.exam.number
        case let .end(model): model.sitting.exam.number
        case let .storageFailure(model): model.sitting.exam.number
        case let .attemptMoved(model): model.sitting.exam.number
        case let .accessCode(model): model.exam.number
        case let .identity(model): model.sitting.exam.number
        case let .tutorial(model): model.sitting.exam.number
        case let .ready(model): model.sitting.exam.number
        case let .presenceWait(model): model.sitting.exam.number
        default: nil
        }
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
                current.acceptedCode = field.text
                effects = [.checkSurveillantCode(code: field.text, examNumber: examNumberOnScreen)]
            default: break
            }
        case .menu:
            let items = panelMenu
            switch key {
            case .up, .backTab: current.focus = max(0, current.focus - 1)
            case .down, .tab: current.focus = min(items.count - 1, current.focus + 1)
            case .enter:
                switch items[min(current.focus, items.count - 1)] {
                case .resumeHere:
                    panel = nil
                    return resumeHere(surveillantCode: current.acceptedCode ?? "")
                case .resume:
                    panel = nil
                    return []
                case .deliveryStatus:
                    current.step = .deliveryStatus
                case .export:
                    current.step = .directory(TextField(.directory, text: context.configuration.defaultRescueDirectory), error: nil)
                case .endAttempt:
                    current.step = .confirmEnd(TextField(.reason), error: nil)
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
        case .confirmEnd(var field, _):
            switch key {
            case let .character(character): if field.type(character) { current.step = .confirmEnd(field, error: nil) }
            case .backspace:
                field.backspace()
                current.step = .confirmEnd(field, error: nil)
            case .enter:
                let reason = field.text.trimmingSpaces
                guard !reason.isEmpty else {
                    current.step = .confirmEnd(field, error: Strings.reasonMissing)
                    break
                }
                panel = nil
                return finishAttempt(reason: reason, at: now)
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

    mutating func surveillantCodeChecked(_ accepted: Bool, refusal: String? = nil) {
        guard var current = panel, case .code(_, _, true) = current.step else { return }
        if !accepted {
            current.acceptedCode = nil
            current.step = .code(TextField(.surveillantCode), error: refusal ?? Strings.surveillantCodeWrong, checking: false)
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

    /// « Reprendre ici » on the access code screen: the candidate's code typed there, the surveillant's.
    private mutating func resumeHere(surveillantCode: String) -> [AppEffect] {
        guard case var .accessCode(model) = screen else { return [] }
        let effects = model.resumeHere(surveillantCode: surveillantCode)
        screen = .accessCode(model)
        return effects
    }

    /// The proctor's « Terminer cette tentative » on the question screen, with its reason.
    private mutating func finishAttempt(reason: String, at now: MonotonicInstant) -> [AppEffect] {
        guard case var .question(question) = screen else { return [] }
        let step = question.finish(reason: reason, at: now, context: &context)
        screen = question.screen
        return apply(step)
    }
}
