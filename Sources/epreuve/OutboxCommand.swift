import ArgumentParser
import ExamDelivery
import ExamKit
import ExamStore
import Foundation

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Résultats en attente d'envoi sur ce terminal.",
        subcommands: [List.self, Export.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Une ligne par résultat : tentative, candidat, essais, dernière erreur, état.")

        @OptionGroup var options: TerminalOptions

        func run() throws {
            let store = try options.terminalStore()
            let entries = try store.outbox()
            if entries.isEmpty {
                print("Aucun résultat dans la file d'envoi.")
                return
            }
            for entry in entries {
                let error = entry.lastError ?? "—"
                print("\(entry.attemptId)  épreuve \(entry.examNumber)  candidat \(entry.candidateId)  essais \(entry.tries)  erreur : \(error)  état : \(entry.state)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Écrit dans DOSSIER un fichier de secours par résultat non remis.")

        @OptionGroup var options: TerminalOptions
        @Argument(help: "Dossier où écrire les fichiers (clé USB).") var directory: String

        func run() throws {
            let store = try options.terminalStore()
            let envelopes = try store.undelivered().map { try $0.decodedEnvelope() }
            if envelopes.isEmpty {
                print("Aucun résultat non remis : rien à exporter.")
                return
            }
            let paths: [String]
            do {
                paths = try RescueFiles.write(envelopes, to: directory)
            } catch {
                throw UserError("\(error)")
            }
            for path in paths { print(path) }
            print("\(paths.count) fichier(s) de secours écrit(s).")
        }
    }
}
