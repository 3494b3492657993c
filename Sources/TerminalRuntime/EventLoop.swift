import ExamKit
import Foundation
import Synchronization
import TerminalUI

/// The terminal the loop draws on and reads keys from (ncurses in the program, a script in tests).
public protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    func draw(_ frame: Frame)
    /// The next key, waiting at most `timeoutMilliseconds` (nil: no limit) and returning nil as soon as
    /// `wakeDescriptor` becomes readable or a signal arrives.
    func nextKey(timeoutMilliseconds: Int?, wakeDescriptor: Int32) -> Key?
}

extension TerminalRuntime {
    /// Draws, waits for a key, an answer, a deadline or a signal, and goes round until the interface
    /// quits or a stop signal comes; then saves the attempt. Never blocks on anything but that wait.
    /// `stopSignals: false` leaves the process's signal handling alone (tests).
    public func run(on device: any TerminalDevice, stopSignals: Bool = true) {
        if stopSignals { StopSignals.install(waking: signalDescriptor) }
        start()
        defer { shutdown() }
        while isRunning, StopSignals.received == nil {
            receive()
            tick()
            let size = device.size
            device.draw(frame(width: size.width, height: size.height))
            let key = device.nextKey(timeoutMilliseconds: waitTimeout(), wakeDescriptor: wakeDescriptor)
            if StopSignals.received != nil { break }
            if let key { handle(key) }
            saveIfDue()
        }
    }
}

/// What the terminal needs that may take a while to get: the center to talk to (the local one opens
/// its database) and the local content for practice, if any.
public struct Connection: Sendable {
    public var environment: RuntimeEnvironment
    public var practice: PracticeLibrary?

    public init(environment: RuntimeEnvironment, practice: PracticeLibrary?) {
        self.environment = environment
        self.practice = practice
    }
}

/// `epreuve practice`: straight into practice, as far as the arguments go.
public struct PracticeOpening: Sendable {
    public var profile: String?
    public var bank: String?
    public var themes: [String]

    public init(profile: String?, bank: String?, themes: [String]) {
        self.profile = profile
        self.bank = bank
        self.themes = themes
    }
}

extension TerminalRuntime {
    /// The first frame: the home screen, before the center opens and the content loads.
    public static func drawHome(_ app: inout TerminalApp, on device: any TerminalDevice, clock: any MonotonicClock) {
        let size = device.size
        device.draw(app.frame(width: size.width, height: size.height, at: clock.now()))
    }

    /// Start-up as the candidate sees it: the home screen is drawn first, then `connect` opens the
    /// center and loads the content (tens of milliseconds; seconds when changed content is validated
    /// again). Keys typed meanwhile wait in the terminal and are read by the loop afterwards, so the
    /// home screen must not change when the content arrives (`AppConfiguration.offersPractice`).
    /// With `practice`, practice opens once connected and nothing is drawn before it.
    /// A stop signal during `connect` ends it all before the loop starts (`stopSignals: false`: tests).
    /// `homeDrawn`: the caller drew it already (`drawHome`), before its first `await`.
    public static func launch(_ app: TerminalApp, on device: any TerminalDevice, clock: any MonotonicClock,
                              practice: PracticeOpening? = nil, stopSignals: Bool = true, homeDrawn: Bool = false,
                              connect: () async throws -> Connection) async rethrows {
        var app = app
        if practice == nil && !homeDrawn { drawHome(&app, on: device, clock: clock) }
        if stopSignals { StopSignals.install(waking: -1) }
        let connection = try await connect()
        guard StopSignals.received == nil else { return }
        if let library = connection.practice { app.enablePractice(library) }
        let runtime = TerminalRuntime(app: app, environment: connection.environment)
        if let practice { runtime.openPractice(profileName: practice.profile, bank: practice.bank, themes: practice.themes) }
        runtime.run(on: device, stopSignals: stopSignals)
    }
}

/// Counts background tasks so tests can wait until every answer is in.
final class TaskCounter: Sendable {
    private struct State {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func enter() {
        state.withLock { $0.running += 1 }
    }

    func leave() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.running == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}
