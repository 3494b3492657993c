import ExamKit
import Foundation

/// The system's wall clock, for the executables; tests pass clocks they move by hand.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
