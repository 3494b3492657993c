import CenterService
import Curses
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI

extension CursesScreen: TerminalDevice {}

extension TerminalOptions {
    /// What the runtime talks to; the local center also answers for surveillant codes of its sessions.
    static func environment(store: TerminalStore, client: any CenterClient, localCenter: CenterService?) -> RuntimeEnvironment {
        let localCheck: (@Sendable (String) async -> Bool)? = localCenter.map { center in
            { @Sendable code in (try? await center.isSurveillantCodeOfAnActiveSession(code)) ?? false }
        }
        return RuntimeEnvironment(store: store, client: client, clock: SystemMonotonicClock(), wallClock: SystemWallClock(),
                                  terminalId: terminalId, localSurveillantCheck: localCheck)
    }

    /// The interface on this terminal, until the candidate quits or a stop signal comes;
    /// `practice` opens practice straight away.
    static func runInterface(environment: RuntimeEnvironment, catalog: Catalog, kiosk: Bool, theme: InterfaceTheme,
                             practice: (profile: String?, bank: String?, themes: [String])? = nil) throws {
        let runtime = TerminalRuntime(app: app(environment: environment, catalog: catalog, kiosk: kiosk), environment: environment)
        if let practice { runtime.openPractice(profileName: practice.profile, bank: practice.bank, themes: practice.themes) }
        let screen: CursesScreen
        do {
            screen = try CursesScreen(theme: theme)
        } catch {
            throw UserError("\(error)")
        }
        defer { screen.restore() }
        runtime.run(on: screen)
    }

    /// The interface with the practice content, the local profiles and the attempt interrupted here.
    private static func app(environment: RuntimeEnvironment, catalog: Catalog, kiosk: Bool) -> TerminalApp {
        var resumable: ResumableAttempt?
        if let interrupted = try? environment.store.interruptedAttempt() {
            resumable = ResumableAttempt(examNumber: interrupted.examNumber, candidateName: interrupted.candidateName)
        }
        var app = TerminalApp(configuration: AppConfiguration(
            kiosk: kiosk, defaultRescueDirectory: RescueFiles.defaultDirectory, resumableAttempt: resumable,
            themeLabels: Dictionary(uniqueKeysWithValues: catalog.themes.map { ($0.id, $0.label) })))
        app.enablePractice(PracticeLibrary(catalog: catalog, profileNames: (try? environment.store.practiceProfiles()) ?? []))
        return app
    }
}
