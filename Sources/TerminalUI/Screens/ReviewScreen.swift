import ExamKit

/// Looking back at a finished practice, self-test or training session: the statistics, or the whole
/// correction scrolled with ↑ ↓ and Space.
struct ReviewScreen: ScreenModel {
    enum Page: Sendable, Hashable {
        case statistics
        case correction(scroll: Int)
    }

    var review: Review
    var page: Page
    /// Where « Retour aux statistiques » leads (the statistics or the end screen they came from).
    var back: Screen?
    var focus = 0

    var screen: Screen { .review(self) }

    func buttonLabels(context: AppContext) -> [String] {
        switch page {
        case .statistics: [Strings.showCorrection, Strings.finish]
        case .correction: [Strings.backToStatistics]
        }
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        switch page {
        case .statistics:
            if let moved = ButtonFocus.move(focus, key: key, count: 2, vertical: false) {
                focus = moved
                return .none
            }
            guard key == .enter else { return .none }
            if focus == 1 { return .go(.home(HomeScreen())) }
            return .go(.review(ReviewScreen(review: review, page: .correction(scroll: 0), back: screen)))
        case let .correction(scroll):
            switch key {
            case .up, .down:
                page = .correction(scroll: min(maxScroll(context), max(0, scroll + (key == .up ? -1 : 1))))
            case .character(" "):
                page = .correction(scroll: min(maxScroll(context), scroll + 10))
            case .escape, .enter:
                return back.map { .go($0) } ?? .none
            default:
                break
            }
            return .none
        }
    }

    /// The last scroll position worth keeping on this terminal.
    private func maxScroll(_ context: AppContext) -> Int {
        let width = Column(width: context.viewport.width).width
        return max(0, CorrectionText.all(review, width: width, context: context).count - Self.visibleRows(height: context.viewport.height))
    }

    static let correctionTop = 4

    /// Correction rows between the legend and the button.
    static func visibleRows(height: Int) -> Int {
        max(1, height - 2 - 1 - correctionTop)
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        switch page {
        case .statistics:
            frame.drawHeader("\(Strings.statistics) · \(review.title)", in: column)
            let buttonsRow = frame.height - 3
            StatisticsView(review: review).draw(into: &frame, x: column.left, y: 4, width: column.width, bottom: buttonsRow - 1,
                                                context: context)
            frame.drawButtons(buttonLabels(context: context), focus: focus, x: column.left, y: buttonsRow)
            frame.drawHelp(Strings.helpButtons, in: column)
        case let .correction(scroll):
            frame.drawHeader("\(Strings.correction) — \(review.title)", in: column)
            frame.put(Strings.correctionLegend, x: column.left, y: 3, role: .muted)
            let lines = CorrectionText.numbered(review, width: column.width, context: context)
            let visible = Self.visibleRows(height: frame.height)
            let first = min(scroll, max(0, lines.count - visible))
            let shown = lines.dropFirst(first).prefix(visible)
            for (offset, line) in shown.enumerated() {
                frame.put(line.text, x: column.left, y: Self.correctionTop + offset, role: line.role)
            }
            if let top = shown.first?.question, let bottom = shown.last?.question {
                let position = Strings.correctionPosition(first: top, last: bottom, of: review.outcomes.count)
                    + (first + visible < lines.count ? " ↓" : "")
                frame.put(position, x: column.left + column.width - TextWidth.of(position), y: frame.height - 2, role: .muted)
            }
            frame.drawButtons(buttonLabels(context: context), focus: focus, x: column.left, y: frame.height - 2)
            frame.drawHelp(Strings.helpCorrectionScroll, in: column)
        }
    }
}
