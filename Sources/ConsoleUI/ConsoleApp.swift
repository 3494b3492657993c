import CenterService
import ExamKit
import Foundation
import TerminalUI

/// The surveillant's console (`epreuve-center sessions watch NUMBER`, DESIGN §12): Elm-shaped like the
/// candidate's TerminalApp. Keys, boards read from the store and actions' outcomes come in with the
/// time; effects go out as data; `render` draws a Frame. Pure: tests drive it with hand-made boards.
public struct ConsoleApp: Sendable {
    public let sessionNumber: String
    var board: LiveBoard?
    /// The session is unknown, or the store could not be read (the last board stays on screen).
    var loadProblem: String?
    var mode: ConsoleMode = .browse
    /// The name typed with `/` (kept after Enter until Échap).
    var filter = ""
    /// Index into the visible lines.
    var selected = 0
    var scroll = 0
    /// The confirmation line of the last action (or why it failed).
    var status: (text: String, failed: Bool)?
    var loading = false
    var lastLoad: Date?
    var viewport = (width: 80, height: 24)

    /// The console reads the store at least this often.
    public static let refreshInterval: TimeInterval = 1

    public init(sessionNumber: String) {
        self.sessionNumber = sessionNumber
    }

    public mutating func resize(width: Int, height: Int) {
        viewport = (width, height)
        keepSelectionVisible()
    }

    /// The lines shown: every candidate, or those whose name matches what `/` typed.
    var visibleLines: [LiveLine] {
        guard let board else { return [] }
        let wanted = ConsoleText.folded(filter)
        guard !wanted.isEmpty else { return board.lines }
        return board.lines.filter { ConsoleText.folded("\($0.candidate.firstName) \($0.candidate.lastName)").contains(wanted) }
    }

    var selectedLine: LiveLine? {
        let lines = visibleLines
        return lines.indices.contains(selected) ? lines[selected] : nil
    }

    public mutating func update(_ input: ConsoleInput, now: Date) -> [ConsoleEffect] {
        switch input {
        case .tick:
            return refreshIfDue(now)
        case let .loaded(result):
            loading = false
            switch result {
            case let .success(board?):
                self.board = board
                loadProblem = nil
            case .success(nil):
                loadProblem = ConsoleText.unknownSession(sessionNumber)
            case let .failure(failure):
                loadProblem = failure.message
            }
            clampSelection()
            return []
        case let .performed(action, result):
            guard case let .busy(busyAction, back) = mode, busyAction == action else { return [] }
            switch result {
            case let .success(outcome):
                status = (ConsoleText.done(action, board: board), false)
                if case let .code(code) = outcome {
                    mode = .code(title: ConsoleText.codeTitle(action, board: board), code: code)
                } else {
                    mode = .browse
                }
                // What was done shows at once, not a second later.
                return refresh(now)
            case let .failure(failure):
                // Nothing typed is lost: the prompt comes back as it was.
                status = (ConsoleText.failed(failure.message), true)
                mode = back
                return []
            }
        case let .key(key):
            return handle(key, now: now)
        }
    }

    private mutating func refreshIfDue(_ now: Date) -> [ConsoleEffect] {
        guard !loading else { return [] }
        if let lastLoad, now.timeIntervalSince(lastLoad) < Self.refreshInterval { return [] }
        return refresh(now)
    }

    private mutating func refresh(_ now: Date) -> [ConsoleEffect] {
        guard !loading else { return [] }
        loading = true
        lastLoad = now
        return [.load]
    }

    /// When the host must wake the console next (the next refresh).
    public func nextRefresh(after now: Date) -> Date {
        guard let lastLoad else { return now }
        return max(now, lastLoad.addingTimeInterval(Self.refreshInterval))
    }

    // MARK: Keys

    private mutating func handle(_ key: Key, now: Date) -> [ConsoleEffect] {
        switch mode {
        case .browse: return browse(key)
        case let .search(text): return search(key, text: text)
        case let .confirm(action, _):
            switch key {
            case .character("o"), .character("O"), .enter: return perform(action, back: .browse)
            case .character("n"), .character("N"), .escape:
                mode = .browse
                status = (ConsoleText.cancelled, false)
            default: break
            }
            return []
        case let .input(purpose, text): return input(key, purpose: purpose, text: text)
        case let .alert(alert):
            switch key {
            case .character("o"), .character("O"): return perform(.decideAlert(alertId: alert.id, accept: true), back: .browse)
            case .character("n"), .character("N"): return perform(.decideAlert(alertId: alert.id, accept: false), back: .browse)
            case .escape: mode = .browse
            default: break
            }
            return []
        case .busy:
            return []
        case .code:
            // Any key puts the code away (it is in the log, not on screen for the room to read).
            mode = .browse
            return []
        }
    }

    private mutating func browse(_ key: Key) -> [ConsoleEffect] {
        switch key {
        case .up: moveSelection(-1)
        case .down: moveSelection(1)
        case .character("/"):
            // The filter line takes the place of the last confirmation.
            status = nil
            mode = .search(filter)
        case .escape:
            status = nil
            filter = ""
            clampSelection()
        case .character("q"), .character("Q"): return [.quit]
        case .character("p"), .character("P"):
            guard let line = selectedLine else { return noCandidate() }
            mode = .confirm(.confirmPresence(candidateId: line.candidate.id), question: ConsoleText.confirmPresence(line))
        case .character("r"), .character("R"):
            guard let line = selectedLine else { return noCandidate() }
            mode = .confirm(.authorizeResume(candidateId: line.candidate.id), question: ConsoleText.confirmResume(line))
        case .character("t"), .character("T"):
            guard let line = selectedLine else { return noCandidate() }
            status = nil
            mode = .input(.stopReason(candidateId: line.candidate.id, name: line.candidate.displayName), text: "")
        case .character("c"), .character("C"):
            guard let line = selectedLine else { return noCandidate() }
            mode = .confirm(.reissueAccessCode(candidateId: line.candidate.id), question: ConsoleText.confirmAccessCode(line))
        case .character("s"), .character("S"):
            if let board, board.session.alwaysActive, let code = Demo.surveillantCode(for: board.session.number) {
                // The demo's codes are public: shown, never replaced.
                mode = .code(title: ConsoleText.surveillantCodeTitle, code: code)
            } else {
                mode = .confirm(.reissueSurveillantCode, question: ConsoleText.confirmSurveillantCode)
            }
        case .character("i"), .character("I"):
            let line = selectedLine
            status = nil
            mode = .input(.incident(candidateId: line?.candidate.id, name: line?.candidate.displayName,
                                    selected: line?.candidate.id, selectedName: line?.candidate.displayName), text: "")
        case .character("a"), .character("A"):
            guard let alert = board?.pendingAlerts.first else {
                status = (ConsoleText.noPendingAlert, false)
                return []
            }
            mode = .alert(alert)
        default: break
        }
        return []
    }

    private mutating func noCandidate() -> [ConsoleEffect] {
        status = (ConsoleText.noCandidateSelected, true)
        return []
    }

    private mutating func search(_ key: Key, text: String) -> [ConsoleEffect] {
        switch key {
        case .enter: mode = .browse
        case .escape:
            filter = ""
            mode = .browse
        case .backspace:
            filter = String(text.dropLast())
            mode = .search(filter)
        case let .character(character) where !character.isNewline && character.unicodeScalars.allSatisfy({ $0.value >= 0x20 }):
            filter = text + String(character)
            mode = .search(filter)
        case .up: moveSelection(-1)
        case .down: moveSelection(1)
        default: break
        }
        selected = 0
        scroll = 0
        return []
    }

    private mutating func input(_ key: Key, purpose: InputPurpose, text: String) -> [ConsoleEffect] {
        switch key {
        case .escape:
            mode = .browse
            status = (ConsoleText.cancelled, false)
        case .backspace:
            mode = .input(purpose, text: String(text.dropLast()))
        case .tab:
            // An incident concerns the selected candidate or the whole room: Tab switches.
            if case let .incident(candidateId, _, selectedId, selectedName) = purpose, selectedId != nil {
                let about = candidateId == nil ? (selectedId, selectedName) : (nil, nil)
                mode = .input(.incident(candidateId: about.0, name: about.1, selected: selectedId, selectedName: selectedName), text: text)
            }
        case .enter:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else {
                status = (ConsoleText.emptyText(purpose), true)
                return []
            }
            let back = ConsoleMode.input(purpose, text: text)
            switch purpose {
            case let .stopReason(candidateId, _): return perform(.stopAttempt(candidateId: candidateId, reason: trimmed), back: back)
            case let .incident(candidateId, _, _, _): return perform(.incident(candidateId: candidateId, text: trimmed), back: back)
            }
        case let .character(character) where character.unicodeScalars.allSatisfy({ $0.value >= 0x20 }):
            guard text.count < ConsoleText.inputLimit(purpose) else { return [] }
            mode = .input(purpose, text: text + String(character))
        default: break
        }
        return []
    }

    private mutating func perform(_ action: ConsoleAction, back: ConsoleMode) -> [ConsoleEffect] {
        mode = .busy(action, back: back)
        status = nil
        return [.perform(action)]
    }

    // MARK: Selection

    /// Rows of the candidate list at the current size.
    var listRows: Int { max(1, viewport.height - ConsoleView.chromeRows) }

    private mutating func moveSelection(_ delta: Int) {
        let count = visibleLines.count
        guard count > 0 else { return }
        selected = min(count - 1, max(0, selected + delta))
        keepSelectionVisible()
    }

    private mutating func clampSelection() {
        selected = min(max(0, visibleLines.count - 1), max(0, selected))
        keepSelectionVisible()
    }

    private mutating func keepSelectionVisible() {
        if selected < scroll { scroll = selected }
        if selected >= scroll + listRows { scroll = selected - listRows + 1 }
        scroll = max(0, min(scroll, max(0, visibleLines.count - listRows)))
    }

    /// Draws the console at the frame's size.
    public func render(into frame: inout Frame) {
        ConsoleView(app: self).draw(into: &frame)
    }
}
