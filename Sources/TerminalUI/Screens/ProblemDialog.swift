import ExamKit

/// « Signaler un problème » over a question (key P): the candidate picks what is wrong and it goes to
/// the surveillant's console as an effect. The countdown never stops for it; the dialog closes by
/// itself when the question it was opened on ends.
struct ProblemDialog: Sendable, Hashable {
    /// The question it concerns (0-based index in the candidate's order).
    var index: Int
    var focus = 0

    static let kinds: [ProblemKind] = [.unreadable, .display, .other]

    var labels: [String] { Self.kinds.map(Self.label) + [Strings.problemCancel] }

    static func label(_ kind: ProblemKind) -> String {
        switch kind {
        case .unreadable: Strings.problemUnreadable
        case .display: Strings.problemDisplay
        case .other: Strings.problemOther
        }
    }

    enum Outcome { case none, cancel, send(ProblemKind) }

    mutating func handle(_ key: Key) -> Outcome {
        if let moved = ButtonFocus.move(focus, key: key, count: labels.count, vertical: true) {
            focus = moved
            return .none
        }
        switch key {
        case .escape: return .cancel
        case .enter: return focus < Self.kinds.count ? .send(Self.kinds[focus]) : .cancel
        default: return .none
        }
    }

    func draw(into frame: inout Frame, _ column: Column, count: Int) {
        let width = min(column.width, 56)
        let x = TextLayout.centered(width, in: frame.width)
        let height = labels.count + 6
        let y = max(0, (frame.height - height) / 2)
        frame.drawBox(x: x, y: y, width: width, height: height, title: Strings.reportProblem)
        frame.put(TextLayout.truncate(Strings.reportProblemAbout(index + 1, of: count), width: width - 4), x: x + 2, y: y + 1, role: .text)
        frame.drawMenu(labels, focus: focus, x: x + 2, y: y + 2, width: width - 4)
        frame.put(TextLayout.truncate(Strings.problemTimerRuns, width: width - 4), x: x + 2, y: y + height - 3, role: .muted)
        frame.put(TextLayout.truncate(Strings.helpProblem, width: width - 4), x: x + 2, y: y + height - 2, role: .muted)
    }
}
