import CenterService
import CommandLineKit
import Curses
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI

extension CursesScreen: TerminalDevice {}

extension TerminalOptions {
    /// What the runtime talks to.
    static func environment(store: TerminalStore, client: any CenterClient, voice: Voice) -> RuntimeEnvironment {
        RuntimeEnvironment(store: store, client: client, clock: SystemMonotonicClock(), wallClock: SystemWallClock(),
                           terminalId: terminalId, voice: voice)
    }

    /// The interface on this terminal, until the candidate quits or a stop signal comes;
    /// `practice` opens practice straight away.
    static func runInterface(environment: RuntimeEnvironment, catalog: Catalog?, screen prepared: PreparedScreen,
                             practice: (profile: String?, bank: String?, themes: [String])? = nil) throws {
        let app = app(environment: environment, catalog: catalog, kiosk: prepared.kiosk, reading: prepared.reading)
        let runtime = TerminalRuntime(app: app, environment: environment)
        if let practice { runtime.openPractice(profileName: practice.profile, bank: practice.bank, themes: practice.themes) }
        let screen: CursesScreen
        do {
            screen = try CursesScreen(theme: prepared.theme)
        } catch {
            throw UserError(describing: error)
        }
        defer { screen.restore() }
        runtime.run(on: screen)
    }

    /// The interface with the attempt interrupted here, and with local content (practice, theme labels)
    /// unless the terminal works for a center over the network.
    private static func app(environment: RuntimeEnvironment, catalog: Catalog?, kiosk: Bool, reading: ReadingPreference) -> TerminalApp {
        var resumable: ResumableAttempt?
        if let interrupted = try? environment.store.interruptedAttempt() {
            resumable = ResumableAttempt(examNumber: interrupted.examNumber, candidateName: interrupted.candidateName)
        }
        var app = TerminalApp(configuration: AppConfiguration(
            kiosk: kiosk, defaultRescueDirectory: RescueFiles.defaultDirectory, resumableAttempt: resumable,
            themeLabels: Dictionary(uniqueKeysWithValues: (catalog?.themes ?? []).map { ($0.id, $0.label) }), reading: reading))
        if let catalog {
            app.enablePractice(PracticeLibrary(catalog: catalog, profileNames: (try? environment.store.practiceProfiles()) ?? []))
        }
        return app
    }
}
