import ArgumentParser
import CommandLineKit
import CenterService
import Foundation

extension CandidatesCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Modifie un candidat ; un changement de tiers-temps vaut pour ses épreuves pas encore commencées.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "INE, identifiant (voir candidates list) ou nom du candidat (« DUPONT Léa »).") var candidate: String
        @Option(help: ArgumentHelp("Nom de famille.", valueName: "nom")) var nom: String?
        @Option(help: ArgumentHelp("Prénom.", valueName: "prénom")) var prenom: String?
        @Option(help: ArgumentHelp("Date de naissance JJ/MM/AAAA.", valueName: "date")) var naissance: String?
        @Option(help: ArgumentHelp("Classe (division) ; \"\" : sans classe.", valueName: "classe")) var classe: String?
        @Option(help: ArgumentHelp("F ou M.", valueName: "F|M")) var sexe: String?
        @Option(help: ArgumentHelp("ASSR1, ASSR2, ASR ou AER.", valueName: "attestation")) var attestation: String?
        @Option(help: ArgumentHelp("Identifiant national élève (11 caractères).", valueName: "INE")) var ine: String?
        @Option(name: .customLong("tiers-temps"), help: ArgumentHelp("oui ou non.", valueName: "oui|non")) var tiersTemps: String?
        @Option(help: ArgumentHelp("oui : ses épreuves sont lues à voix haute, quelle que soit l'attestation.", valueName: "oui|non"))
        var lecture: String?

        func run() async throws {
            let extraTime = try Self.yesNo(tiersTemps, option: "--tiers-temps")
            let readsAloud = try Self.yesNo(lecture, option: "--lecture")
            let center = try await options.openCenter()
            let changes = CenterService.CandidateChanges(lastName: nom, firstName: prenom, birthDate: naissance, className: classe,
                                                         sex: sexe, attestation: attestation, ine: ine, extraTime: extraTime,
                                                         readsAloud: readsAloud)
            let edited = try await userErrors { try await center.editCandidate(id: candidate, changes) }
            let c = edited.candidate
            print("Candidat modifié : \(CenterService.listName(c)) (\(c.className.isEmpty ? "sans classe" : c.className)), \(c.attestation)"
                + (c.extraTime ? ", tiers-temps" : "") + (c.readsAloud ? ", lecture à voix haute." : "."))
            if edited.sessionsUpdated > 0 {
                print("Tiers-temps \(c.extraTime ? "ajouté" : "retiré") dans \(edited.sessionsUpdated) épreuve(s) pas encore commencée(s).")
            }
        }

        static func yesNo(_ text: String?, option: String) throws -> Bool? {
            guard let text else { return nil }
            switch text.lowercased() {
            case "oui", "o": return true
            case "non", "n": return false
            default: throw UserError("\(option) doit valoir oui ou non, pas « \(text) »")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Supprime un candidat et ses convocations ; refusé s'il a des résultats, sauf avec --force.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "INE, identifiant (voir candidates list) ou nom du candidat (« DUPONT Léa »).") var candidate: String
        @Flag(help: "Supprime aussi ses résultats (l'export d'archive déjà écrit les garde).") var force = false

        func run() async throws {
            let center = try await options.openCenter()
            let removed = try await userErrors { try await center.removeCandidate(id: candidate, force: force) }
            let c = removed.candidate
            print("Candidat supprimé : \(CenterService.listName(c)) (\(c.className.isEmpty ? "sans classe" : c.className))"
                + (removed.results > 0 ? ", avec \(removed.results) résultat(s)." : "."))
            if removed.results > 0 && !removed.archived {
                FileHandle.standardError.write(Data("Attention : aucun export d'archive ne contenait ces résultats ; ils sont perdus.\n".utf8))
            }
        }
    }
}
