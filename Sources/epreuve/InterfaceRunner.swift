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
        let app = app(store: store, kiosk: prepared.kiosk, reading: prepared.reading, offersPractice: offersPractice)
        let screen: CursesScreen
        do {
            screen = try CursesScreen(theme: prepared.theme)
        } catch {
            throw UserError(describing: error)
        }
        defer { screen.restore() }
        try await TerminalRuntime.launch(app, on: screen, clock: SystemMonotonicClock(), practice: practice) {
            let (client, catalog) = try await connect()
            return Connection(environment: environment(store: store, client: client, voice: prepared.voice),
                              practice: catalog.map { PracticeLibrary(catalog: $0, profileNames: (try? store.practiceProfiles()) ?? []) })
        }
    }

    /// Identifies this terminal for the login lockout: set by the lab, else host and tty.
    static var terminalId: String {
        if let id = ProcessInfo.processInfo.environment["EPREUVE_TERMINAL_ID"], !id.isEmpty { return id }
        let tty = ttyname(0).map { String(cString: $0) } ?? "console"
        return "\(ProcessInfo.processInfo.hostName):\(tty)"
    }

    /// The interface with the attempt interrupted here, if any.
    private static func app(store: TerminalStore, kiosk: Bool, reading: ReadingPreference, offersPractice: Bool) -> TerminalApp {
        var resumable: ResumableAttempt?
        if let interrupted = try? store.interruptedAttempt() {
            resumable = ResumableAttempt(examNumber: interrupted.examNumber, candidateName: interrupted.candidateName)
        }
        return TerminalApp(configuration: AppConfiguration(
            kiosk: kiosk, defaultRescueDirectory: RescueFiles.defaultDirectory, resumableAttempt: resumable,
            offersPractice: offersPractice, reading: reading))
    }
}
