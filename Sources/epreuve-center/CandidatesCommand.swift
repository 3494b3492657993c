import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

struct CandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "Candidats : import, ajout, modification, suppression, liste.",
        subcommands: [Import.self, Add.self, Edit.self, Remove.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe un fichier CSV (INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE).")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Fichier CSV (séparateur ; ou , — UTF-8 ou Windows-1252).") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UserError("\(file) : fichier introuvable ou illisible")
            }
            let center = try await options.openCenter()
            let rows: [CandidateImport.Row]
            do {
                rows = try CandidateImport.parse(data, attestations: Set(center.catalog.profiles.map(\.id)), today: Date())
            } catch {
                for problem in error.problems { FileHandle.standardError.write(Data("\(file) : \(problem)\n".utf8)) }
                throw UserError("\(file) refusé : \(error.problems.count) problème(s), aucun candidat importé")
            }
            let count = try await userErrors { try await center.importCandidates(rows) }
            print("\(file) : \(count.added) candidat(s) ajouté(s), \(count.updated) mis à jour.")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ajoute un candidat.")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("Nom de famille.", valueName: "nom")) var nom: String
        @Option(help: ArgumentHelp("Prénom.", valueName: "prénom")) var prenom: String
        @Option(help: ArgumentHelp("Date de naissance JJ/MM/AAAA.", valueName: "date")) var naissance: String
        @Option(help: ArgumentHelp("Classe (division), par exemple 5A.", valueName: "classe")) var classe: String
        @Option(help: ArgumentHelp("F ou M.", valueName: "F|M")) var sexe: String
        @Option(help: ArgumentHelp("ASSR1, ASSR2, ASR ou AER.", valueName: "attestation")) var attestation: String
        @Option(help: ArgumentHelp("Identifiant national élève (11 caractères).", valueName: "INE")) var ine: String?
        @Flag(name: .customLong("tiers-temps"), help: "Temps majoré : 60 s par question au lieu de 45 s.") var tiersTemps = false
        @Flag(help: "Ses épreuves sont lues à voix haute (questions, réponses, temps restant), quelle que soit l'attestation.")
        var lecture = false

        func run() async throws {
            let center = try await options.openCenter()
            let header = "INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE;Tiers-temps;Lecture"
            let fields = [ine ?? "", nom, prenom, naissance, classe, sexe, attestation, "non", tiersTemps ? "oui" : "non",
                          lecture ? "oui" : "non"]
            // Same checks as the import, on a one-row file.
            let csv = header + "\n" + fields.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ";") + "\n"
            let rows: [CandidateImport.Row]
            do {
                rows = try CandidateImport.parse(Data(csv.utf8), attestations: Set(center.catalog.profiles.map(\.id)), today: Date())
            } catch {
                throw UserError(error.problems.map { $0.replacingOccurrences(of: "ligne 2 : ", with: "") }.joined(separator: " ; "))
            }
            let count = try await userErrors { try await center.importCandidates(rows) }
            let row = rows[0]
            let who = "\(row.lastName) \(row.firstName) (\(row.className.isEmpty ? "sans classe" : row.className))"
            print(count.added == 1 ? "Candidat ajouté : \(who)." : "Candidat mis à jour : \(who).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les candidats, avec leur résultat aux examens.")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("Seulement cette classe (majuscules ou minuscules).", valueName: "classe")) var classe: String?
        @Option(help: ArgumentHelp("Seulement cette attestation : ASSR1, ASSR2, ASR ou AER.", valueName: "attestation")) var attestation: String?

        func run() async throws {
            let center = try await options.openCenter()
            let lines = try await userErrors { try await center.candidateLines(className: classe, attestation: attestation) }
            var rows = [["Classe", "Nom", "Prénom", "Naissance", "Sexe", "Attestation", "Tps+", "Lecture", "INE / identifiant", "Résultat"]]
            for line in lines {
                let c = line.candidate
                rows.append([c.className, c.lastName.uppercased(), c.firstName, CenterDates.frenchDate(isoDate: c.birthDate), c.sex,
                             c.attestation, c.extraTime ? "oui" : "", c.readsAloud ? "oui" : "", c.ine ?? c.id, line.result])
            }
            print(table(rows))
            print("\(lines.count) candidat(s).")
        }
    }
}
