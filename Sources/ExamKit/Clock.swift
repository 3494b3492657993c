import Foundation
import Synchronization

/// A point on a monotonic clock, in nanoseconds from an arbitrary origin. Deadlines are these,
/// never counted ticks, so a late wake-up never stretches an exam.
public struct MonotonicInstant: Comparable, Hashable, Sendable, Codable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Self, rhs: Duration) -> Self {
        Self(nanoseconds: lhs.nanoseconds + rhs.nanosecondsValue)
    }

    public static func - (lhs: Self, rhs: Self) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }
}

/// Where time comes from. The terminal passes a system monotonic clock; tests drive a `ManualClock`.
public protocol MonotonicClock: Sendable {
    func now() -> MonotonicInstant
}

/// A clock that moves only when told to.
public final class ManualClock: MonotonicClock {
    private let current: Mutex<MonotonicInstant>

    public init(start: MonotonicInstant = MonotonicInstant(nanoseconds: 1_000_000_000)) {
        current = Mutex(start)
    }

    public func now() -> MonotonicInstant {
        current.withLock { $0 }
    }

    public func advance(by duration: Duration) {
        current.withLock { $0 = $0 + duration }
    }
}

extension Duration {
    public var nanosecondsValue: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    public var millisecondsValue: Int {
        Int(nanosecondsValue / 1_000_000)
    }

    /// Whole seconds, rounded up: a countdown shows 0:01 until the very end.
    public var secondsRoundedUp: Int {
        let nanos = nanosecondsValue
        guard nanos > 0 else { return 0 }
        return Int((nanos + 999_999_999) / 1_000_000_000)
    }
}

/// Wall-clock time (session start dates, result timestamps), injected like the monotonic clock.
public protocol WallClock: Sendable {
    func now() -> Date
}
