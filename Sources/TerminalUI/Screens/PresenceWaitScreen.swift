import ExamKit

/// « En attente de la confirmation du surveillant. » (sessions created with `--presence`): logged in,
/// the candidate waits at their place; the terminal asks the center every few seconds, as an effect
/// the host runs in the background, and goes on by itself to the identity check once confirmed.
struct PresenceWaitScreen: ScreenModel {
    static let pollInterval: Duration = .seconds(2)

    var sitting: Sitting
    /// When to ask next; nil while a question is out.
    var nextPoll: MonotonicInstant?

    var screen: Screen { .presenceWait(self) }

    func buttonLabels(context: AppContext) -> [String] { [] }

    /// The wait begins with a question to the center.
    static func enter(_ sitting: Sitting) -> Step {
        .go(.presenceWait(PresenceWaitScreen(sitting: sitting, nextPoll: nil)), [.pollPresence(attemptId: sitting.grant.attemptId)])
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step { .none }

    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard case let .presence(attemptId, confirmed) = response, attemptId == sitting.grant.attemptId else { return .none }
        guard confirmed else {
            nextPoll = now + Self.pollInterval
            return .none
        }
        var confirmedSitting = sitting
        confirmedSitting.grant.awaitingPresence = false
        return confirmedSitting.begin(at: now, context: &context)
    }

    mutating func tick(at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard let nextPoll, nextPoll <= now else { return .none }
        self.nextPoll = nil
        return .effects([.pollPresence(attemptId: sitting.grant.attemptId)])
    }

    func nextWakeUp(at now: MonotonicInstant) -> MonotonicInstant? { nextPoll }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        let grant = sitting.grant
        frame.drawHeader(grant.examTitle, in: column)
        let name = Strings.identity(first: grant.firstName, last: grant.lastName, className: grant.className)
        frame.put(TextLayout.truncate(name, width: column.width), x: column.left, y: 4, role: .text)
        let y = frame.drawParagraph(Strings.awaitingPresence, x: column.left, y: 6, width: column.width, role: .title)
        frame.drawParagraph(Strings.awaitingPresenceDetail, x: column.left, y: y + 1, width: column.width, role: .muted)
        frame.drawHelp(Strings.helpSurveillantOnly, in: column)
    }
}
