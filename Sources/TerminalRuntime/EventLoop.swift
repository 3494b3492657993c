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
    public func run(on device: any TerminalDevice) {
        StopSignals.install(waking: signalDescriptor)
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
