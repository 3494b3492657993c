import ExamKit
import Foundation
import Synchronization

/// A wall clock tests move by hand.
final class SettableWallClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

enum StoreFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
}
