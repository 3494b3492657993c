import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

extension SessionsCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Modifie une épreuve À venir : nom, date, lieu, texte, candidats ajoutés ou retirés.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve.") var number: String
        @Option(help: ArgumentHelp("Nouveau nom.", valueName: "nom")) var name: String?
        @Option(help: ArgumentHelp("Nouveau début : \"JJ/MM/AAAA HH:MM\".", valueName: "JJ/MM/AAAA HH:MM")) var at: String?
        @Option(help: ArgumentHelp("Nouveau lieu (\"\" : aucun).", valueName: "salle")) var lieu: String?
        @Option(help: ArgumentHelp("Nouveau texte des convocations (\"\" : aucun).", valueName: "texte")) var texte: String?
        @Option(help: ArgumentHelp("Candidats à ajouter : INE, identifiants ou noms séparés par des virgules.", valueName: "candidats")) var add: String?
        @Option(help: ArgumentHelp("Candidats à retirer : INE, identifiants ou noms séparés par des virgules.", valueName: "candidats")) var remove: String?
        @Flag(help: "Accepte une date passée depuis plus que la durée de l'épreuve.") var passe = false

        func run() async throws {
            var start: Date?
            if let at {
                guard let parsed = CenterDates.parseMinute(at) else {
                    throw UserError("--at « \(at) » : date attendue au format \"JJ/MM/AAAA HH:MM\" (par exemple \"15/12/2026 9:00\")")
                }
                start = parsed
            }
            func list(_ text: String?) -> [String] {
                (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let center = try await options.openCenter()
            let changes = CenterService.SessionChanges(name: name, startsAt: start, place: lieu, additionalText: texte,
                                                       adding: list(add), removing: list(remove), allowPast: passe)
            let edited = try await userErrors { try await center.editSession(number: number, changes) }
            let session = edited.session
            print("Épreuve \(session.number) modifiée : « \(session.name) » — \(CenterDates.minute.string(from: session.startsAt))"
                + (session.place.map { " — \($0)" } ?? ""))
            for candidate in edited.removed { print("Retiré : \(CenterService.listName(candidate)) (\(candidate.className))") }
            guard !edited.added.isEmpty else { return }
            var rows = [["Ajouté", "Classe", "Tps+", "Code d'accès"]]
            for (candidate, code) in edited.added {
                rows.append([CenterService.listName(candidate), candidate.className, candidate.extraTime ? "oui" : "",
                             session.medium == .paper ? "(papier)" : AccessCode.formatted(code)])
            }
            print(table(rows))
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Supprime une épreuve À venir qui n'a aucun résultat.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve.") var number: String

        func run() async throws {
            let center = try await options.openCenter()
            let session = try await userErrors { try await center.deleteUpcomingSession(number: number) }
            print("Épreuve \(session.number) « \(session.name) » supprimée.")
        }
    }
}
