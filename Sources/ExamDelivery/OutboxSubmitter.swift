import ExamKit
import ExamStore
import Foundation
import Synchronization

/// Sends due outbox entries in the background, with exponential backoff and jitter (1 s doubling to
/// 60 s), until the center acknowledges them. The outbox is in SQLite, so a restart resumes sending.
public final class OutboxSubmitter: Sendable {
    let delivery: Delivery
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    public init(delivery: Delivery) {
        self.delivery = delivery
    }

    /// Delivers every entry whose next try is due; returns how many are still pending. `delivered`
    /// hears of each attempt acknowledged (the end screen on display may be waiting for it).
    @discardableResult
    public func deliverDue(delivered: @Sendable (String) -> Void = { _ in }) async -> Int {
        guard let pending = try? delivery.store.undelivered() else { return 0 }
        let now = delivery.clock.now()
        var left = 0
        for entry in pending {
            if entry.nextTryAt <= now {
                if await delivery.deliver(entry) == .delivered {
                    delivered(entry.attemptId)
                } else {
                    left += 1
                }
            } else {
                left += 1
            }
        }
        return left
    }

    /// Seconds until the earliest pending entry is due (nil when nothing waits).
    func nextDue() -> TimeInterval? {
        guard let pending = try? delivery.store.undelivered(), let earliest = pending.map(\.nextTryAt).min() else { return nil }
        return max(0, earliest.timeIntervalSince(delivery.clock.now()))
    }

    /// Starts the background loop (idempotent).
    public func start(delivered: @escaping @Sendable (String) -> Void = { _ in }) {
        task.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [self] in
                while !Task.isCancelled {
                    await deliverDue(delivered: delivered)
                    let wait = min(nextDue() ?? 5, 5)
                    try? await Task.sleep(for: .milliseconds(Int(max(0.2, wait) * 1000)))
                }
            }
        }
    }

    public func stop() {
        task.withLock { $0?.cancel(); $0 = nil }
    }
}
