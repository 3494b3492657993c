import ExamKit

/// Screen 8: the attempt is over; its result is being sent, sent, or in trouble.
struct EndScreen: ScreenModel {
    /// Where the result of a finished attempt stands.
    enum Delivery: Sendable, Hashable {
        case sending, delivered
        case failed(String)
    }

    enum Action: Sendable, Hashable { case retry, recover, leave, showCorrection }

    var sitting: Sitting
    var attempt: Attempt
    /// Training sessions: statistics and correction once delivered.
    var review: Review?
    var delivery: Delivery = .sending
    var failedSubmissions = 0
    var rescuePath: String?
    var focus = 0
    /// The surveillant ended the attempt (F12 or the console), for this reason.
    var stopReason: String?

    var screen: Screen { .end(self) }

    /// The attempt is over: nothing left to resume here, the result goes to the center.
    static func enter(_ sitting: Sitting, attempt: Attempt, stopReason: String? = nil, context: inout AppContext) -> Step {
        context.configuration.resumableAttempt = nil
        var screen = EndScreen(sitting: sitting, attempt: attempt, review: trainingReview(sitting, attempt: attempt, context: context))
        screen.stopReason = stopReason
        return .go(.end(screen), [.submitResult(attemptId: sitting.grant.attemptId)])
    }

    /// A training session's package carries its key: once finished, its correction can be shown.
    private static func trainingReview(_ sitting: Sitting, attempt: Attempt, context: AppContext) -> Review? {
        guard sitting.exam.isTraining, sitting.grant.questions.allSatisfy(\.hasKey) else { return nil }
        let outcomes = zip(sitting.grant.questions, attempt.selections).map { QuestionOutcome(question: $0, selected: $1) }
        return Review(kind: .training, title: sitting.grant.examTitle, outcomes: outcomes, timeUsed: attempt.timeUsed,
                      themeOrder: context.themeOrder)
    }

    var buttons: [Button<Action>] {
        switch delivery {
        case .sending: return []
        case .delivered:
            return (review != nil ? [Button(label: Strings.showCorrection, action: .showCorrection)] : [])
                + [Button(label: Strings.finish, action: .leave)]
        case .failed:
            if rescuePath != nil {
                return [Button(label: Strings.finish, action: .leave), Button(label: Strings.retry, action: .retry)]
            }
            if failedSubmissions >= TerminalApp.triesBeforeSurveillant {
                return [Button(label: Strings.recoverResult, action: .recover), Button(label: Strings.retry, action: .retry)]
            }
            return [Button(label: Strings.retry, action: .retry)]
        }
    }

    func buttonLabels(context: AppContext) -> [String] { buttons.map(\.label) }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let shown = buttons
        if let moved = ButtonFocus.move(focus, key: key, count: shown.count, vertical: false) {
            focus = moved
            return .none
        }
        guard key == .enter, shown.indices.contains(focus) else { return .none }
        switch shown[focus].action {
        case .retry:
            delivery = .sending
            focus = 0
            return .effects([.submitResult(attemptId: sitting.grant.attemptId)])
        case .recover:
            return Step(openPanel: .rescue)
        case .leave:
            return .go(.home(HomeScreen()))
        case .showCorrection:
            guard let review else { return .none }
            return .go(.review(ReviewScreen(review: review, page: .correction(scroll: 0), back: screen)))
        }
    }

    mutating func handle(_ response: HostResponse, at now: MonotonicInstant, context: inout AppContext) -> Step {
        guard case let .submission(result) = response, delivery != .delivered else { return .none }
        switch result {
        case .success:
            delivery = .delivered
        case let .failure(failure):
            failedSubmissions += 1
            delivery = .failed(failure.message)
        }
        focus = 0
        return .none
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.examOver, in: column)
        var y = 4
        if let stopReason {
            y = frame.drawParagraph(Strings.stoppedBySurveillant(stopReason), x: column.left, y: y, width: column.width, role: .title) + 1
        }
        switch delivery {
        case .sending:
            frame.put(Strings.sendingResult, x: column.left, y: y, role: .muted)
            y += 1
        case .delivered:
            frame.put(Strings.resultSaved, x: column.left, y: y, role: .correct)
            if let review {
                // Training sessions: the statistics come right after, the correction one key away.
                y = StatisticsView(review: review).draw(into: &frame, x: column.left, y: y + 2, width: column.width,
                                                        bottom: frame.height - 4, context: context)
            } else {
                y = frame.drawParagraph(Strings.resultLater, x: column.left, y: y + 2, width: column.width, role: .muted)
            }
        case let .failed(detail):
            frame.put(Strings.submissionFailed, x: column.left, y: y, role: .incorrect)
            if !detail.isEmpty {
                y = frame.drawParagraph(detail, x: column.left, y: y + 1, width: column.width, role: .muted) - 1
            }
            let advice = failedSubmissions >= TerminalApp.triesBeforeSurveillant ? Strings.callSurveillant : Strings.pleaseRetry
            y = frame.drawParagraph(advice, x: column.left, y: y + 2, width: column.width)
        }
        if let rescuePath {
            frame.put(Strings.rescueWritten, x: column.left, y: y + 1, role: .correct)
            y = frame.drawParagraph(rescuePath, x: column.left, y: y + 2, width: column.width, role: .correct)
            y = frame.drawParagraph(Strings.rescueNext, x: column.left, y: y, width: column.width, role: .muted)
        }
        let labels = buttonLabels(context: context)
        if !labels.isEmpty {
            frame.drawButtons(labels, focus: focus, x: column.left, y: y + 1)
            frame.drawHelp(Strings.helpButtons, in: column)
        }
    }
}
