import ExamKit

/// The attempt went on on another terminal (the surveillant moved it there): this terminal says so
/// and takes nothing more; only the surveillant (F12) can leave this screen.
struct AttemptMovedScreen: ScreenModel {
    var sitting: Sitting

    var screen: Screen { .attemptMoved(self) }

    func buttonLabels(context: AppContext) -> [String] { [] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step { .none }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(sitting.grant.examTitle, in: column)
        let name = Strings.identity(first: sitting.grant.firstName, last: sitting.grant.lastName, className: sitting.grant.className)
        frame.put(TextLayout.truncate(name, width: column.width), x: column.left, y: 4, role: .text)
        let y = frame.drawParagraph(Strings.attemptMovedTitle, x: column.left, y: 6, width: column.width, role: .title)
        frame.drawParagraph(Strings.attemptMovedDetail, x: column.left, y: y + 1, width: column.width, role: .muted)
        frame.drawHelp(Strings.helpSurveillantOnly, in: column)
    }
}
