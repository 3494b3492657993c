import ArgumentParser
import CommandLineKit
import ConsoleUI
import Curses
import Foundation
import TerminalRuntime
import TerminalUI

extension CursesScreen: TerminalDevice {}

extension SessionsCommand {
    /// `sessions watch NUMBER`: the surveillant's console, on the center's machine or over SSH.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Console du surveillant : l'état de chaque candidat, rafraîchi chaque seconde, et les actions (présence, reprise, arrêt, codes, incidents, alertes).")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve (6 chiffres).") var number: String

        func run() async throws {
            let center = try await options.openCenter()
            guard try await userErrors({ try await center.session(number: number) }) != nil else {
                throw UserError("aucune épreuve ne porte le numéro \(number)")
            }
            // Accents and box drawing need a UTF-8 locale (a bare "C" over SSH falls back to C.UTF-8).
            setlocale(LC_ALL, "")
            if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setenv("LC_ALL", "C.UTF-8", 1) }
            let theme = theme()
            let sessionNumber = number
            // The loop blocks on the terminal, so it gets a thread of its own; the store is read by tasks
            // of the cooperative pool, which it must not hold up.
            let outcome: Result<Void, UserError> = await withCheckedContinuation { done in
                Thread {
                    let screen: CursesScreen
                    do {
                        screen = try CursesScreen(theme: theme)
                    } catch {
                        done.resume(returning: .failure(UserError(describing: error)))
                        return
                    }
                    ConsoleRunner(app: ConsoleApp(sessionNumber: sessionNumber), source: center).run(on: screen)
                    screen.restore()
                    done.resume(returning: .success(()))
                }.start()
            }
            try outcome.get()
        }

        /// Themes/default.yaml beside the content folder; monochrome without it.
        private func theme() -> InterfaceTheme {
            guard let location = try? options.contentOptions.location() else { return .monochrome }
            let url = location.url.deletingLastPathComponent().appendingPathComponent("Themes/default.yaml")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return .monochrome }
            return (try? InterfaceTheme.parse(yaml: text, file: url.path)) ?? .monochrome
        }
    }
}
