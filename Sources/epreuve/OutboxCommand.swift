import ArgumentParser
import CommandLineKit
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Résultats en attente d'envoi sur ce terminal.",
        subcommands: [List.self, Export.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Une ligne par résultat : tentative, candidat, essais, dernière erreur, état.")

        @OptionGroup var options: TerminalOptions

        func run() throws {
            let store = try options.paths.terminalStore()
            let entries = try store.outbox()
            if entries.isEmpty {
                print(HostText.outboxEmpty)
                return
            }
            for entry in entries {
                print(HostText.outboxLine(attempt: entry.attemptId, exam: entry.examNumber, candidate: entry.candidateId,
                                          tries: entry.tries, error: entry.lastError, state: entry.state.label))
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Écrit dans DOSSIER un fichier de secours par résultat non remis.")

        @OptionGroup var options: TerminalOptions
        @Argument(help: "Dossier où écrire les fichiers (clé USB).") var directory: String

        func run() throws {
            let store = try options.paths.terminalStore()
            let envelopes = try store.undeliveredForRescue()
            if envelopes.isEmpty {
                print(HostText.noUndelivered)
                return
            }
            let paths: [String]
            do {
                paths = try RescueFiles.write(envelopes, to: directory)
            } catch {
                throw UserError(describing: error)
            }
            for path in paths { print(path) }
            print(HostText.rescueFilesWritten(paths.count))
        }
    }
}

extension OutboxState {
    /// What `epreuve outbox` prints.
    var label: String {
        switch self {
        case .pending: HostText.statePending
        case .delivered: HostText.stateDelivered
        case .superseded: HostText.stateSuperseded
        }
    }
}
