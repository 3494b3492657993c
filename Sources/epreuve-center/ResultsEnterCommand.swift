import ArgumentParser
import CommandLineKit
import CenterService
import Foundation

extension ResultsCommand {
    struct Enter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Saisit le résultat d'un candidat à une épreuve sur papier : ses réponses (notées par le centre) ou sa note.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve (hors ligne).") var number: String
        @Argument(help: "INE, identifiant ou nom du candidat (« DUPONT Léa »).") var candidate: String
        @Option(help: ArgumentHelp("Réponses dans l'ordre du livret, une par question, séparées par des virgules : \"AC,B,,D,…\".",
                                   valueName: "réponses")) var reponses: String?
        @Option(help: ArgumentHelp("Note sur 20, quand seule la note est connue.", valueName: "note")) var note: Int?

        func run() async throws {
            let mark: CenterService.TypedMark
            switch (reponses, note) {
            case let (answers?, nil): mark = .answers(answers)
            case let (nil, value?): mark = .note(value)
            default: throw UserError("indiquez soit --reponses \"AC,B,,D,…\", soit --note N")
            }
            let center = try await options.openCenter()
            let entered = try await userErrors { try await center.enterResult(session: number, candidate: candidate, mark) }
            let result = entered.result
            let verdict = result.passed ? "Admis" : "Échoué"
            print("\(CenterService.listName(entered.candidate)) (\(entered.candidate.className)), épreuve \(entered.session.number) : "
                + "\(result.score)/\(result.questionCount), \(verdict).")
            if let previous = entered.previous {
                print("Remplace la saisie précédente (\(previous.score)/\(previous.questionCount)).")
            }
        }
    }
}
