import CenterService
import CommandLineKit
import Curses
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI

extension CursesScreen: TerminalDevice {}

/// The interface on this terminal, for `epreuve` and `epreuve practice`.
enum InterfaceRunner {
    /// What the runtime talks to.
    static func environment(store: TerminalStore, client: any CenterClient, voice: Voice) -> RuntimeEnvironment {
        RuntimeEnvironment(store: store, client: client, clock: SystemMonotonicClock(), wallClock: SystemWallClock(),
                           terminalId: terminalId, voice: voice)
    }

    /// The interface on this terminal, until the candidate quits or a stop signal comes. The home
    /// screen is drawn before `connect` runs (`TerminalRuntime.launch`); `offersPractice` says whether
    /// it offers practice.
    static func run(store: TerminalStore, screen prepared: PreparedScreen, offersPractice: Bool,
                    practice: PracticeOpening? = nil,
                    connect: () async throws -> (client: any CenterClient, catalog: Catalog?)) async throws {
        try await open(store: store, screen: prepared, offersPractice: offersPractice).run(practice: practice, connect: connect)
    }

    /// The interface on curses, with the attempt interrupted here if any, nothing drawn yet.
    static func open(store: TerminalStore, screen prepared: PreparedScreen, offersPractice: Bool) throws -> OpenInterface {
        open(OpenedStore(store: store, resumable: resumableAttempt(in: store)), curses: try startCurses(prepared),
             screen: prepared, offersPractice: offersPractice)
    }

    /// The interface on curses already started, nothing drawn yet.
    static func open(_ opened: OpenedStore, curses: CursesScreen, screen prepared: PreparedScreen, offersPractice: Bool) -> OpenInterface {
        OpenInterface(app: app(resumable: opened.resumable, screen: prepared, offersPractice: offersPractice),
                      screen: curses, store: opened.store, voice: prepared.voice)
    }

    /// The home screen as it is without the terminal's store, drawn while the store is still opening:
    /// only an interrupted attempt adds to it (« Reprendre l'épreuve »), drawn with the interface once
    /// the store is open. No key is read in between: keys wait in the terminal until the interface runs.
    static func drawHomeBeforeStore(on curses: CursesScreen, screen prepared: PreparedScreen, offersPractice: Bool) {
        var home = app(resumable: nil, screen: prepared, offersPractice: offersPractice)
        TerminalRuntime.drawHome(&home, on: curses, clock: SystemMonotonicClock())
    }

    private static func app(resumable: ResumableAttempt?, screen prepared: PreparedScreen, offersPractice: Bool) -> TerminalApp {
        TerminalApp(configuration: AppConfiguration(
            kiosk: prepared.kiosk, defaultRescueDirectory: RescueFiles.defaultDirectory, resumableAttempt: resumable,
            offersPractice: offersPractice, reading: prepared.reading))
    }

    /// Curses on this terminal in the prepared theme; nothing is drawn yet.
    static func startCurses(_ prepared: PreparedScreen) throws -> CursesScreen {
        do {
            return try CursesScreen(theme: prepared.theme)
        } catch {
            throw UserError(describing: error)
        }
    }

    /// The attempt left running here, as the home screen offers it; nil when there is none or it
    /// cannot be read (it is then not offered).
    static func resumableAttempt(in store: TerminalStore) -> ResumableAttempt? {
        guard let interrupted = try? store.interruptedAttempt() else { return nil }
        return ResumableAttempt(examNumber: interrupted.examNumber, candidateName: interrupted.candidateName)
    }

    /// Identifies this terminal for the login lockout: set by the lab, else host and tty.
    static var terminalId: String {
        if let id = ProcessInfo.processInfo.environment["EPREUVE_TERMINAL_ID"], !id.isEmpty { return id }
        let tty = ttyname(0).map { String(cString: $0) } ?? "console"
        return "\(ProcessInfo.processInfo.hostName):\(tty)"
    }
}

/// The terminal's store and what its home screen needs from it.
struct OpenedStore {
    let store: TerminalStore
    let resumable: ResumableAttempt?
}

/// The interface on an initialised screen: its home screen may be drawn at once (`drawHome`), on the
/// thread that opened it, and the rest runs later (`run`), which gives the terminal back at the end.
struct OpenInterface {
    private(set) var app: TerminalApp
    let screen: CursesScreen
    let store: TerminalStore
    let voice: Voice
    private(set) var homeDrawn = false

    init(app: TerminalApp, screen: CursesScreen, store: TerminalStore, voice: Voice) {
        self.app = app
        self.screen = screen
        self.store = store
        self.voice = voice
    }

    mutating func drawHome() {
        TerminalRuntime.drawHome(&app, on: screen, clock: SystemMonotonicClock())
        homeDrawn = true
    }

    func run(practice: PracticeOpening? = nil,
             connect: () async throws -> (client: any CenterClient, catalog: Catalog?)) async throws {
        defer { screen.restore() }
        try await TerminalRuntime.launch(app, on: screen, clock: SystemMonotonicClock(), practice: practice, homeDrawn: homeDrawn) {
            let (client, catalog) = try await connect()
            return Connection(environment: InterfaceRunner.environment(store: store, client: client, voice: voice),
                              practice: catalog.map { PracticeLibrary(catalog: $0, profileNames: (try? store.practiceProfiles()) ?? []) })
        }
    }
}
