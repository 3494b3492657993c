import ExamDelivery
import ExamKit
import Foundation

/// Everything the runtime talks to, behind protocols so tests can hang, fail or succeed each one.
public struct RuntimeEnvironment: Sendable {
    public var store: any TerminalStorage
    public var client: any CenterClient
    public var clock: any MonotonicClock
    public var wallClock: any WallClock
    /// Names this terminal for the center (attempts, lockout).
    public var terminalId: String
    /// Reading aloud (`--lecture`, AER sessions).
    public var voice: Voice

    public init(store: any TerminalStorage, client: any CenterClient, clock: any MonotonicClock, wallClock: any WallClock,
                terminalId: String, voice: Voice = Voice(make: nil)) {
        self.store = store
        self.client = client
        self.clock = clock
        self.wallClock = wallClock
        self.terminalId = terminalId
        self.voice = voice
    }
}
