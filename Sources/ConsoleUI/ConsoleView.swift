import CenterService
import ExamKit
import Foundation
import TerminalUI

/// Draws the console into a Frame. Rows: title, session, counts, alert banner, column header, the
/// candidates (scrolling), the confirmation line, the keys. Columns follow the width: at 80 every
/// column shows; narrower, Classe and Tps+ go first; below 60 × 20, « Fenêtre trop petite ».
struct ConsoleView {
    static let minimumWidth = 60
    static let minimumHeight = 20
    /// Rows that are not the candidate list.
    static let chromeRows = 7

    let app: ConsoleApp

    /// Column widths for a terminal `width` cells wide.
    struct Layout {
        var candidate: Int
        var className: Int
        var extraTime: Int
        var terminal: Int
        static let marks = 2, state = 14, question = 8, time = 5, seen = 6

        init(width: Int) {
            let wide = width >= 80
            className = wide ? 6 : 0
            extraTime = wide ? 4 : 0
            // Marks, then one space after each column but the last.
            let fixed = Self.marks + Self.state + 1 + Self.question + 1 + Self.time + 1 + Self.seen
                + (wide ? className + 1 + extraTime + 1 : 0) + 2
            let free = max(16, width - fixed)
            // Extra room goes to the name first (up to 30), then to the terminal id.
            candidate = min(30, max(10, free * 65 / 100))
            terminal = max(6, free - candidate)
            if candidate == 30 { terminal = free - candidate }
        }

        func cells(_ values: [String]) -> [(text: String, width: Int)] {
            var widths = [Self.marks, candidate]
            if className > 0 { widths += [className, extraTime] }
            widths += [Self.state, Self.question, Self.time, terminal, Self.seen]
            return zip(values, widths).map { ($0, $1) }
        }
    }

    func draw(into frame: inout Frame) {
        guard frame.width >= Self.minimumWidth, frame.height >= Self.minimumHeight else {
            let y = max(0, frame.height / 2 - 1)
            frame.put(ConsoleText.tooSmall, x: TextLayout.centered(TextWidth.of(ConsoleText.tooSmall), in: frame.width), y: y, role: .timerUrgent)
            let detail = TextLayout.truncate(ConsoleText.tooSmallDetail, width: frame.width)
            frame.put(detail, x: TextLayout.centered(TextWidth.of(detail), in: frame.width), y: y + 1, role: .muted)
            return
        }
        let width = frame.width
        frame.put(TextLayout.truncate(ConsoleText.title(app.sessionNumber), width: width), x: 0, y: 0, role: .title)
        guard let board = app.board else {
            frame.put(TextLayout.truncate(app.loadProblem ?? ConsoleText.loading, width: width), x: 0, y: 2,
                      role: app.loadProblem == nil ? .muted : .incorrect)
            drawFooter(into: &frame)
            return
        }
        drawHeader(board, into: &frame)
        drawList(board, into: &frame)
        drawFooter(into: &frame)
        drawOverlay(board, into: &frame)
    }

    private func drawHeader(_ board: LiveBoard, into frame: inout Frame) {
        let width = frame.width
        let session = board.session
        var facts = ["\(ConsoleText.kind(session.kind)) \(session.profileId) « \(session.name) »",
                     ConsoleText.sessionState(board.state, closed: session.closedAt != nil)]
        let ends = ConsoleText.endsIn(board.secondsUntilEnd)
        if !ends.isEmpty { facts.append(ends) }
        frame.put(TextLayout.truncate(facts.joined(separator: " · "), width: width), x: 0, y: 1, role: .text)
        let counts = board.counts
        let parts = LiveState.allCases.map { ConsoleText.count($0, counts[$0] ?? 0) }
        // Every count must be read at 80 columns: commas when the dots do not fit.
        let dotted = parts.joined(separator: " · ")
        let countText = TextWidth.of(dotted) <= width ? dotted : parts.joined(separator: ", ")
        frame.put(TextLayout.truncate(countText, width: width), x: 0, y: 2, role: .muted)
        if let problem = app.loadProblem {
            frame.put(TextLayout.truncate(problem, width: width), x: 0, y: 3, role: .incorrect)
        } else if !board.pendingAlerts.isEmpty {
            let names = Dictionary(board.lines.map { ($0.candidate.id, $0.candidate.displayName) }, uniquingKeysWith: { first, _ in first })
            let banner = ConsoleText.alertBanner(board.pendingAlerts, names: names, questionCount: board.session.questionIds.count)
            frame.fill(x: 0, y: 3, width: width, height: 1, role: .timerUrgent)
            frame.put(TextLayout.truncate(banner, width: width), x: 0, y: 3, role: .timerUrgent)
        }
        let layout = Layout(width: width)
        let c = ConsoleText.columns
        var header = ["", c.candidate]
        if layout.className > 0 { header += [c.className, c.extraTime] }
        header += [c.state, c.question, c.time, c.terminal, c.seen]
        put(layout.cells(header), y: 4, role: .title, into: &frame)
    }

    private func drawList(_ board: LiveBoard, into frame: inout Frame) {
        let layout = Layout(width: frame.width)
        let lines = app.visibleLines
        let rows = app.listRows
        for (offset, line) in lines.dropFirst(app.scroll).prefix(rows).enumerated() {
            let y = 5 + offset
            let index = app.scroll + offset
            let selected = index == app.selected
            var values = [(selected ? "›" : " ") + (line.pendingAlerts > 0 ? "!" : " "), line.candidate.displayName]
            if layout.className > 0 { values += [line.candidate.className, line.extraTime ? ConsoleText.yes : ""] }
            let question = line.awaitingPresence ? ConsoleText.awaitingPresence
                : line.question.map { "\($0)/\(line.questionCount)" } ?? ""
            values += [ConsoleText.state(line.state), question, ConsoleText.clock(line.secondsLeft), line.terminalId ?? "",
                       ConsoleText.seen(line.lastHeard)]
            let role: ThemeRole = selected ? .choiceFocus : Self.role(line.state)
            if selected { frame.fill(x: 0, y: y, width: frame.width, height: 1, role: .choiceFocus) }
            put(layout.cells(values), y: y, role: role, into: &frame, overflowState: true)
            // What needs the surveillant now stands out: a silent terminal, an alert, a candidate waiting for P.
            let stateX = Layout.marks + layout.candidate + 1 + (layout.className > 0 ? layout.className + 1 + layout.extraTime + 1 : 0)
            let seenX = stateX + Layout.state + 1 + Layout.question + 1 + Layout.time + 1 + layout.terminal + 1
            if line.isStale { frame.put(ConsoleText.seen(line.lastHeard), x: seenX, y: y, role: .timerUrgent) }
            if line.pendingAlerts > 0 { frame.put("!", x: 1, y: y, role: .timerUrgent) }
            if line.awaitingPresence {
                frame.put(ConsoleText.awaitingPresence, x: stateX + Layout.state + 1, y: y, role: .timerUrgent)
            }
        }
    }

    /// « ↓ 1–17 sur 30 »: where the list stands when it does not fit, for the right end of the
    /// confirmation line (never over a candidate's row).
    var scrollPosition: String? {
        let count = app.visibleLines.count, rows = app.listRows
        guard count > rows else { return nil }
        let last = min(count, app.scroll + rows)
        let arrows = (app.scroll > 0 ? "↑" : "") + (last < count ? "↓" : "")
        return ConsoleText.scrollPosition(arrows: arrows, first: app.scroll + 1, last: last, count: count)
    }

    static func role(_ state: LiveState) -> ThemeRole {
        switch state {
        case .absent: .muted
        case .present, .running: .text
        case .finished: .progress
        case .resultReceived: .correct
        case .stoppedBySurveillant: .incorrect
        }
    }

    /// Cells of one row, each cut to its column; the state may run over the empty question and time columns.
    private func put(_ cells: [(text: String, width: Int)], y: Int, role: ThemeRole, into frame: inout Frame, overflowState: Bool = false) {
        var x = 0
        let stateIndex = cells.count - 5
        for (index, cell) in cells.enumerated() {
            var room = cell.width
            if overflowState, index == stateIndex, cells[index + 1].text.isEmpty, cells[index + 2].text.isEmpty {
                room = cell.width + 1 + cells[index + 1].width + 1 + cells[index + 2].width
            }
            if !cell.text.isEmpty { frame.put(TextLayout.truncate(cell.text, width: room), x: x, y: y, role: role) }
            x += cell.width + (index == 0 ? 0 : 1)
        }
    }

    private func drawFooter(into frame: inout Frame) {
        let width = frame.width
        let statusRow = frame.height - 2
        switch app.mode {
        case let .search(text):
            frame.put(TextLayout.truncate(ConsoleText.searchPrompt(text), width: width), x: 0, y: statusRow, role: .text)
            frame.cursor = (min(width - 1, TextWidth.of(ConsoleText.searchPrompt(text))), statusRow)
            frame.put(TextLayout.truncate(ConsoleText.searchHelp, width: width), x: 0, y: frame.height - 1, role: .muted)
            return
        case let .confirm(_, question):
            frame.put(TextLayout.truncate(question, width: width), x: 0, y: statusRow, role: .title)
        case let .input(purpose, text):
            let prompt: String
            switch purpose {
            case let .stopReason(_, name): prompt = ConsoleText.stopPrompt(name)
            case let .incident(_, name, _, _): prompt = ConsoleText.incidentPrompt(name)
            }
            // The end of a long text stays in sight while it is typed.
            let room = max(1, width - TextWidth.of(prompt) - 1)
            let shown = text.count > room ? "…" + String(text.suffix(room - 1)) : text
            frame.put(prompt, x: 0, y: statusRow, role: .title)
            frame.put(shown, x: TextWidth.of(prompt), y: statusRow, role: .text)
            frame.cursor = (min(width - 1, TextWidth.of(prompt) + TextWidth.of(shown)), statusRow)
            // Why Entrée was refused (nothing typed, the store said no) stands where the keys are.
            if let status = app.status, status.failed {
                frame.put(TextLayout.truncate(status.text, width: width), x: 0, y: frame.height - 1, role: .incorrect)
            } else {
                frame.put(TextLayout.truncate(ConsoleText.inputHelp, width: width), x: 0, y: frame.height - 1, role: .muted)
            }
            return
        case let .alert(alert):
            let name = app.board?.lines.first { $0.candidate.id == alert.candidateId }?.candidate.displayName ?? alert.candidateId
            let text = ConsoleText.alertQuestion(alert, name: name, questionCount: app.board?.session.questionIds.count ?? 20)
            frame.put(TextLayout.truncate(text, width: width), x: 0, y: statusRow, role: .timerUrgent)
        case .busy:
            frame.put(ConsoleText.working, x: 0, y: statusRow, role: .muted)
        case .browse, .code:
            var room = width
            if let position = scrollPosition {
                let positionWidth = TextWidth.of(position)
                frame.put(position, x: max(0, width - positionWidth), y: statusRow, role: .muted)
                room = max(1, width - positionWidth - 1)
            }
            if let status = app.status {
                frame.put(TextLayout.truncate(status.text, width: room), x: 0, y: statusRow, role: status.failed ? .incorrect : .correct)
            } else if !app.filter.isEmpty {
                frame.put(TextLayout.truncate(ConsoleText.filterShown(app.filter, app.visibleLines.count), width: room), x: 0,
                          y: statusRow, role: .muted)
            }
        }
        let help = TextWidth.of(ConsoleText.help) <= width ? ConsoleText.help : ConsoleText.shortHelp
        frame.put(TextLayout.truncate(help, width: width), x: 0, y: frame.height - 1, role: .muted)
    }

    /// A code shown large, in a box over the list.
    private func drawOverlay(_ board: LiveBoard, into frame: inout Frame) {
        guard case let .code(title, code) = app.mode else { return }
        let formatted = code.count == 8 ? AccessCode.formatted(code) : code
        let big = BigText.lines(formatted)
        let inner = max(TextWidth.of(title), big.first.map { TextWidth.of($0) } ?? 0, TextWidth.of(ConsoleText.codeHelp))
        let boxWidth = min(frame.width, inner + 6)
        let boxHeight = big.count + 6
        let x = TextLayout.centered(boxWidth, in: frame.width)
        let y = max(0, (frame.height - boxHeight) / 2)
        frame.drawBox(x: x, y: y, width: boxWidth, height: boxHeight, title: TextLayout.truncate(title, width: boxWidth - 6))
        for (index, line) in big.enumerated() {
            frame.put(line, x: TextLayout.centered(TextWidth.of(line), in: boxWidth, from: x), y: y + 2 + index, role: .title)
        }
        frame.put(formatted, x: TextLayout.centered(formatted.count, in: boxWidth, from: x), y: y + 2 + big.count, role: .text)
        frame.put(TextLayout.truncate(ConsoleText.codeHelp, width: boxWidth - 4), x: x + 2, y: y + boxHeight - 2, role: .muted)
    }
}
