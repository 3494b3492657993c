import ExamKit

/// The journal could not be written: the exam stops here with its time frozen, and nothing unsaved is
/// ever shown as chosen. What was journaled (and reported to the center) can go on on another terminal.
struct StorageFailureScreen: ScreenModel {
    var sitting: Sitting
    var position: Int
    var count: Int
    /// Time left on the question when the exam stopped (nil when untimed).
    var remaining: Duration?
    var detail: String

    init(sitting: Sitting, attempt: Attempt, detail: String, at now: MonotonicInstant) {
        self.sitting = sitting
        position = min(attempt.index + 1, attempt.questions.count)
        count = attempt.questions.count
        remaining = attempt.isFinished ? .zero : attempt.remaining(at: now)
        self.detail = detail
    }

    var screen: Screen { .storageFailure(self) }

    func buttonLabels(context: AppContext) -> [String] { [] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step { .none }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(sitting.grant.examTitle, in: column)
        var y = frame.drawParagraph(Strings.storageFailed, x: column.left, y: 4, width: column.width, role: .incorrect)
        y = frame.drawParagraph(detail, x: column.left, y: y + 1, width: column.width, role: .muted)
        let time = remaining.map { TextLayout.countdown($0) } ?? "—"
        frame.put(TextLayout.truncate(Strings.frozenAt(question: position, of: count, remaining: time), width: column.width),
                  x: column.left, y: y + 1, role: .text)
        frame.drawParagraph(Strings.storageFailedKept, x: column.left, y: y + 3, width: column.width, role: .muted)
        frame.drawHelp(Strings.helpSurveillantOnly, in: column)
    }
}
