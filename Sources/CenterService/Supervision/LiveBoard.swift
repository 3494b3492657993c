import ExamKit
import Foundation

/// Where a candidate stands in a session, as the surveillant's console shows it (DESIGN §12). The
/// words are the view's: « Absent », « Présent », « En cours », « Terminé », « Résultat reçu »,
/// « Arrêtée par le surveillant ».
public enum LiveState: Sendable, Hashable, CaseIterable {
    /// Not logged in, presence not confirmed (or logged in and waiting for the confirmation).
    case absent
    /// Presence confirmed, or logged in on a terminal, not started.
    case present
    /// Answering questions.
    case running
    /// Finished on the terminal; the result has not reached the center yet.
    case finished
    case resultReceived
    case stoppedBySurveillant
}

/// One candidate's line on the console.
public struct LiveLine: Sendable, Hashable {
    public var candidate: Candidate
    public var extraTime: Bool
    public var state: LiveState
    /// Logged in on a terminal of a `--presence` session, waiting for the surveillant's P.
    public var awaitingPresence: Bool
    /// The candidate's current (or last) attempt.
    public var attemptId: String?
    /// 1-based question on screen while running.
    public var question: Int?
    public var questionCount: Int
    /// Seconds left on the current question (estimated from the last report), while running.
    public var secondsLeft: Int?
    public var terminalId: String?
    /// Seconds since the terminal was last heard from, for an attempt without result.
    public var lastHeard: Int?
    /// Alerts of this candidate still waiting for a decision.
    public var pendingAlerts: Int
    public var result: ResultSummary?

    /// A terminal silent for longer than this is shown in the urgent colour.
    public static let staleAfter = 15

    public var isStale: Bool { (lastHeard ?? 0) > Self.staleAfter && (state == .running || state == .finished) }
}

/// The console's whole picture of a session at one instant: derived from `SupervisionData`, pure.
public struct LiveBoard: Sendable, Hashable {
    public var session: CenterSession
    public var state: SessionState
    public var lines: [LiveLine]
    /// Every alert, oldest first; pending ones are the surveillant's to decide.
    public var alerts: [CandidateAlert]
    public var now: Date

    public init(_ data: SupervisionData, at now: Date) {
        session = data.session
        state = data.session.state(at: now)
        alerts = data.alerts
        self.now = now
        let questionCount = data.session.questionIds.count
        let resultByCandidate = Dictionary(data.results.map { ($0.candidateId, $0) }, uniquingKeysWith: { _, latest in latest })
        let attemptByCandidate = Dictionary(data.attempts.map { ($0.candidateId, $0) }, uniquingKeysWith: { _, latest in latest })
        let pending = Dictionary(grouping: data.alerts.filter { $0.status == .pending }, by: \.candidateId).mapValues(\.count)
        lines = data.candidates.map { enrolled in
            let id = enrolled.candidate.id
            var line = LiveLine(candidate: enrolled.candidate, extraTime: enrolled.enrolment.extraTime, state: .absent,
                                awaitingPresence: false, questionCount: questionCount, pendingAlerts: pending[id] ?? 0,
                                result: resultByCandidate[id])
            let attempt = attemptByCandidate[id]
            line.attemptId = line.result?.attemptId ?? attempt?.id
            line.terminalId = attempt?.terminalId
            if let result = line.result {
                line.state = result.stopReason == nil ? .resultReceived : .stoppedBySurveillant
                return line
            }
            let confirmed = enrolled.enrolment.presenceConfirmedAt != nil
            guard let attempt else {
                line.state = confirmed ? .present : .absent
                return line
            }
            line.lastHeard = max(0, Int(now.timeIntervalSince(attempt.progressAt ?? attempt.openedAt)))
            if attempt.stopReason != nil {
                line.state = .stoppedBySurveillant
                return line
            }
            switch attempt.progress?.phase {
            case nil, .notStarted?:
                let waiting = data.session.requiresPresence && !confirmed
                line.state = waiting ? .absent : .present
                line.awaitingPresence = waiting
            case .reading?, .situation?, .answering?:
                line.state = .running
                line.question = (attempt.progress?.index ?? 0) + 1
                if let progress = attempt.progress, let remaining = progress.remainingMs {
                    let elapsed = now.timeIntervalSince(attempt.progressAt ?? now)
                    line.secondsLeft = max(0, Int((Double(remaining) / 1000 - elapsed).rounded(.up)))
                }
            case .finished?:
                line.state = .finished
            }
            return line
        }
    }

    /// How many lines are in each state.
    public var counts: [LiveState: Int] {
        Dictionary(grouping: lines, by: \.state).mapValues(\.count)
    }

    public var pendingAlerts: [CandidateAlert] { alerts.filter { $0.status == .pending } }

    /// Seconds until the session ends (nil for the always-active demo, or once over).
    public var secondsUntilEnd: Int? {
        guard !session.alwaysActive, session.closedAt == nil, state != .finished else { return nil }
        return max(0, Int(session.window.end.timeIntervalSince(now).rounded(.up)))
    }
}
