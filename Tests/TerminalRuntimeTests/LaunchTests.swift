import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI
import Testing

/// A terminal played by a script: it logs what happens in order, hands out its keys, then Ctrl-C (and
/// Escape, should a screen not quit on Ctrl-C) until the interface quits.
private final class ScriptedTerminal: TerminalDevice {
    var log: [String] = []
    var frames: [String] = []
    var keys: [Key]
    var extraKeys = 0

    init(keys: [Key]) { self.keys = keys }

    var size: (width: Int, height: Int) { (80, 24) }

    func draw(_ frame: Frame) {
        log.append("draw")
        frames.append(frame.text)
    }

    func nextKey(timeoutMilliseconds: Int?, wakeDescriptor: Int32) -> Key? {
        log.append("key")
        guard keys.isEmpty else { return keys.removeFirst() }
        extraKeys += 1
        return extraKeys % 2 == 1 ? .controlC : .escape
    }
}

/// Start-up (issue 17): the home screen is on the terminal before the center and the content load.
@Suite struct LaunchTests {
    private func connection() throws -> Connection {
        let environment = RuntimeEnvironment(store: try RuntimeFixture.store(), client: FakeCenter(), clock: ManualClock(),
                                             wallClock: SystemWallClock(), terminalId: "poste-1")
        return Connection(environment: environment, practice: PracticeLibrary(banks: [], themes: [], profileNames: []))
    }

    private func app(offersPractice: Bool) -> TerminalApp {
        TerminalApp(configuration: AppConfiguration(defaultRescueDirectory: "/tmp/secours", offersPractice: offersPractice))
    }

    @Test func theHomeScreenIsDrawnBeforeConnectingAndKeysAreReadAfter() async throws {
        let terminal = ScriptedTerminal(keys: [.down])
        try await TerminalRuntime.launch(app(offersPractice: true), on: terminal, clock: ManualClock(), stopSignals: false) {
            terminal.log.append("connect")
            return try connection()
        }
        #expect(Array(terminal.log.prefix(3)) == ["draw", "connect", "draw"])
        // What was drawn first offered practice already: the screen does not change when the content comes.
        #expect(terminal.frames[0].contains("Passer une épreuve"))
        #expect(terminal.frames[0].contains("M'entraîner"))
        #expect(terminal.frames[1] == terminal.frames[0])
    }

    /// `epreuve` draws the home screen on the main thread before its first `await`, then launches.
    @Test func aHomeScreenDrawnBeforeLaunchingIsNotDrawnAgainBeforeConnecting() async throws {
        let terminal = ScriptedTerminal(keys: [.down])
        var app = app(offersPractice: true)
        TerminalRuntime.drawHome(&app, on: terminal, clock: ManualClock())
        try await TerminalRuntime.launch(app, on: terminal, clock: ManualClock(), stopSignals: false, homeDrawn: true) {
            terminal.log.append("connect")
            return try connection()
        }
        #expect(Array(terminal.log.prefix(3)) == ["draw", "connect", "draw"])
        #expect(terminal.frames[0].contains("Passer une épreuve"))
    }

    @Test func practiceOpensOnceConnectedWithNothingDrawnBefore() async throws {
        let terminal = ScriptedTerminal(keys: [.escape])
        try await TerminalRuntime.launch(app(offersPractice: true), on: terminal, clock: ManualClock(),
                                         practice: PracticeOpening(profile: nil, bank: nil, themes: []), stopSignals: false) {
            terminal.log.append("connect")
            return try connection()
        }
        #expect(terminal.log.first == "connect")
        #expect(!terminal.frames[0].contains("Passer une épreuve"))
    }

    @Test func aTerminalWithoutContentOffersNoPracticeOnItsFirstScreen() async throws {
        let terminal = ScriptedTerminal(keys: [])
        try await TerminalRuntime.launch(app(offersPractice: false), on: terminal, clock: ManualClock(), stopSignals: false) {
            var connected = try connection()
            connected.practice = nil
            return connected
        }
        #expect(!terminal.frames[0].contains("M'entraîner"))
        #expect(terminal.frames[0].contains("Passer une épreuve"))
    }
}
