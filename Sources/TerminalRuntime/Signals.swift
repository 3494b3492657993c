import ExamKit
import Foundation
import Synchronization

/// SIGTERM, SIGHUP and SIGINT: the loop saves the attempt, restores the terminal and ends. The
/// handler only stores the signal and writes a byte to the loop's wake pipe (both async-signal-safe),
/// so a loop waiting on the keyboard, the network or a timer sees it at once.
public enum StopSignals {
    private static let signalNumber = Atomic<Int32>(0)
    private static let wakeDescriptor = Atomic<Int32>(-1)

    /// The signal received, or nil.
    public static var received: Int32? {
        let value = signalNumber.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    public static func install(waking descriptor: Int32) {
        wakeDescriptor.store(descriptor, ordering: .releasing)
        for stopSignal in [SIGTERM, SIGHUP, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                StopSignals.signalNumber.store(number, ordering: .releasing)
                var byte: UInt8 = 1
                _ = write(StopSignals.wakeDescriptor.load(ordering: .acquiring), &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            // A file read or an fsync under way (content loading, an answer's journal) goes on rather
            // than failing with EINTR. The loop's poll is never restarted (signal(7)) and the wake
            // byte ends it anyway.
            action.sa_flags = SA_RESTART
            sigaction(stopSignal, &action, nil)
        }
    }
}

/// CLOCK_MONOTONIC: deadlines do not move when the wall clock is set.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}

    public func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
