import ExamDelivery
import ExamKit
import Foundation

/// Everything the runtime talks to, behind protocols so tests can hang, fail or succeed each one.
public struct RuntimeEnvironment: Sendable {
    public var store: any TerminalStorage
    public var client: any CenterClient
    public var clock: any MonotonicClock
    public var wallClock: any WallClock
    /// Names this terminal for the center (lockout, attempts).
    public var terminalId: String
    /// Asks the local center (embedded default) whether a surveillant code opens the panel; nil on a
    /// networked terminal.
    public var localSurveillantCheck: (@Sendable (String) async -> Bool)?

    public init(store: any TerminalStorage, client: any CenterClient, clock: any MonotonicClock, wallClock: any WallClock,
                terminalId: String, localSurveillantCheck: (@Sendable (String) async -> Bool)? = nil) {
        self.store = store
        self.client = client
        self.clock = clock
        self.wallClock = wallClock
        self.terminalId = terminalId
        self.localSurveillantCheck = localSurveillantCheck
    }
}
