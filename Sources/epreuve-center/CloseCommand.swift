import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

extension SessionsCommand {
    /// `sessions close NUMBER [--force] [--out FILE]`: Absent for whoever has no result, the session
    /// locked, and the procès-verbal written.
    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clôt une épreuve : absents marqués, plus aucune connexion ni résultat, procès-verbal écrit.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve (6 chiffres).") var number: String
        @Flag(help: "Clôt même si des épreuves sont encore en cours (elles sont arrêtées).") var force = false
        @Option(help: ArgumentHelp("Fichier du procès-verbal (défaut : proces-verbal-NUMÉRO.txt dans le dossier courant).",
                                   valueName: "fichier")) var out: String?

        func run() async throws {
            let center = try await options.openCenter()
            let closing = try await userErrors { try await center.closeSession(number: number, force: force) }
            let path = out ?? "proces-verbal-\(number).txt"
            do {
                try Data(closing.procesVerbal.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw UserError(FileProblem.sentence(error, path: path, doing: "écriture du procès-verbal impossible (l'épreuve est close)"))
            }
            let absent = closing.standings.count { $0.verdict == .absent }
            print("Épreuve \(number) close : \(closing.standings.count) convoqué(s), \(closing.standings.count { $0.result != nil }) résultat(s), \(absent) absent(s).")
            if !closing.forced.isEmpty { print("\(closing.forced.count) épreuve(s) en cours arrêtée(s) (--force).") }
            print("Plus aucune connexion, aucun résultat ni fichier de secours n'est accepté pour cette épreuve.")
            print("Procès-verbal : \(path)")
        }
    }
}
