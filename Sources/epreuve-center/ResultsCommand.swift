import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "Résultats : export pour l'archivage, saisie des notes d'une épreuve sur papier.",
        subcommands: [Export.self, Enter.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exporte les résultats des examens en CSV (colonnes de l'archivage) ; --out garde trace de l'archive pour archives purge.")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("Numéro d'une épreuve (défaut : tous les examens).", valueName: "numéro")) var session: String?
        @Option(help: ArgumentHelp("Fichier de sortie (défaut : la sortie standard).", valueName: "fichier")) var out: String?
        @Flag(name: .customLong("avec-entrainements"), help: "Ajoute les entraînements aux examens.") var withTrainings = false

        func run() async throws {
            let center = try await options.openCenter()
            if let out {
                try await userErrors {
                    try await center.exportResults(session: session, withTrainings: withTrainings, to: URL(fileURLWithPath: out))
                }
                print("Résultats exportés dans \(out).")
            } else {
                let data = try await userErrors { try await center.exportResults(session: session, withTrainings: withTrainings) }
                FileHandle.standardOutput.write(data.dropFirst(3))
            }
        }
    }
}

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistiques des examens (principal et rattrapage) : par thème, par candidat, par attestation, par classe et par sexe.")

    @OptionGroup var options: CenterOptions
    @Option(help: ArgumentHelp("Numéro d'une épreuve (défaut : tous les examens).", valueName: "numéro")) var session: String?
    @Flag(name: .customLong("avec-entrainements"), help: "Ajoute les entraînements (notes, sans « Admis » ni « Échoué »).") var withTrainings = false
    @Flag(help: "CSV pour un tableur (chiffres agrégés et anonymes, sans la liste des candidats).") var csv = false
    @Option(help: ArgumentHelp("Fichier du CSV (défaut : la sortie standard).", valueName: "fichier")) var out: String?

    func run() async throws {
        if out != nil && !csv { throw UserError("--out va avec --csv") }
        let center = try await options.openCenter()
        let stats = try await userErrors { try await center.statistics(session: session, withTrainings: withTrainings) }
        if csv {
            let data = try await userErrors { try center.statisticsCSV(stats) }
            guard let out else { return FileHandle.standardOutput.write(data.dropFirst(3)) }
            do {
                try data.write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw UserError(FileProblem.sentence(error, path: out, doing: "écriture impossible"))
            }
            print("Statistiques écrites dans \(out).")
            return
        }
        print("Réussite par thème")
        var rows = [["Thème", "Questions", "Réponses", "Bonnes réponses", "Réussite"]]
        for theme in stats.themes {
            rows.append([center.catalog.themeLabel(theme.theme), "\(theme.distinctQuestions)", "\(theme.questions)", "\(theme.right)",
                         "\(theme.percent) %"])
        }
        // Marks typed in alone (`results enter --note`) carry no answers to count by theme.
        print(stats.themes.isEmpty ? "(aucune réponse connue : pas de chiffres par thème)" : table(rows))
        print("")
        print("Par candidat")
        rows = [["Nom", "Classe", "Épreuve", "Type", "Note", "Résultat", "À retravailler"]]
        let themeOrder = center.catalog.themes.map(\.id)
        for line in stats.results {
            let weakest = line.card.map { card in
                ThemeStat.weakest(card.themeStats(themeOrder: themeOrder), threshold: 50)
                    .map { "\(center.catalog.themeLabel($0.theme)) \($0.right)/\($0.questions)" }.joined(separator: ", ")
            } ?? ""
            rows.append([line.candidate.displayName, line.candidate.className, line.session.number, center.typeLabel(line.session),
                         "\(line.result.score)/\(line.result.questionCount)", line.verdict == .done ? "" : line.verdict.label, weakest])
        }
        print(table(rows))
        for (title, lines) in [("Par attestation", stats.byAttestation), ("Par classe", stats.byClass), ("Par sexe", stats.bySex)] {
            print("")
            print("\(title) (candidats, chacun compté une fois)")
            var header = [""]
            var groups = [""]
            for round in stats.rounds {
                let titles = CenterService.columnTitles(round)
                groups += [round.label] + Array(repeating: "", count: titles.count - 1)
                header += titles
            }
            rows = [groups, header]
            for line in lines {
                rows.append([line.label] + stats.rounds.flatMap { CenterService.cells(line.figures($0), round: $0) })
            }
            print(table(rows))
        }
    }
}
