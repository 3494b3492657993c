import Foundation
import TerminalRuntime
import Testing

@Suite struct StopSignalsTests {
    /// A stop signal during a file read or an fsync (content loading, an answer's journal) must not
    /// turn it into an error: the handlers restart interrupted calls. The test process's own handlers
    /// are put back after.
    @Test func theStopHandlersRestartInterruptedCalls() {
        let signals = [SIGTERM, SIGHUP, SIGINT]
        var saved: [sigaction] = signals.map { _ in sigaction() }
        for (index, number) in signals.enumerated() { sigaction(number, nil, &saved[index]) }
        defer { for (index, number) in signals.enumerated() { sigaction(number, &saved[index], nil) } }

        StopSignals.install(waking: -1)
        for number in signals {
            var installed = sigaction()
            sigaction(number, nil, &installed)
            #expect(installed.sa_flags & SA_RESTART != 0, "signal \(number)")
        }
    }
}
