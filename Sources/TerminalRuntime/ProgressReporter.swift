import ExamDelivery
import ExamKit
import Foundation

/// Tells the center where the running attempt stands: after every journaled move and at least every
/// 5 s. One report in flight at a time; a newer state waiting replaces an older one, so a slow or hung
/// center never piles reports up, and the loop never waits for it.
final class ProgressReporter {
    static let interval: Duration = .seconds(5)

    private var inFlight = false
    private var waiting: ProgressReport?
    private var lastSent: MonotonicInstant?

    /// Queues the state of an attempt; `send` starts a report when none is in flight.
    func report(_ report: ProgressReport, at now: MonotonicInstant, send: (ProgressReport) -> Void) {
        guard !inFlight else {
            waiting = report
            return
        }
        inFlight = true
        lastSent = now
        send(report)
    }

    /// Whether the time has come for a report without a move.
    func isDue(at now: MonotonicInstant) -> Bool {
        guard let lastSent else { return true }
        return now - lastSent >= Self.interval
    }

    /// The report in flight came back: the one waiting, if any, goes next.
    func finished(at now: MonotonicInstant, send: (ProgressReport) -> Void) {
        inFlight = false
        if let next = waiting {
            waiting = nil
            report(next, at: now, send: send)
        }
    }

    /// A new attempt (or none): nothing of the old one is sent any more.
    func reset() {
        waiting = nil
        lastSent = nil
    }
}
