import ArgumentParser
import CenterDocuments
import CenterService
import CommandLineKit
import Documents
import Foundation

/// `epreuve-center print KIND NUMBER`: the exam day's documents as PDF (DESIGN §13).
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Imprime un document de l'épreuve en PDF : papillons, convocations, emargement, attestations, corrige, rapport, grille, corrections.",
        discussion: "Les papillons portent de nouveaux codes d'accès : ceux donnés avant ne marchent plus (sauf pour les candidats qui ont commencé).")

    @OptionGroup var options: CenterOptions
    @Argument(help: ArgumentHelp("papillons, convocations, emargement, attestations, corrige, rapport, grille ou corrections.", valueName: "document"))
    var kind: String
    @Argument(help: "Numéro de l'épreuve.") var number: String
    @Option(help: ArgumentHelp("Fichier PDF (défaut : DOCUMENT-NUMÉRO.pdf dans le dossier courant).", valueName: "fichier")) var out: String?
    @Option(name: .customLong("par-page"), help: ArgumentHelp("Papillons par page A4 : 1, 2 ou 8 ; convocations : 1 (A4) ou 2 (A5).", valueName: "n"))
    var perPage: Int?
    @Option(help: ArgumentHelp("Un seul candidat (INE, identifiant ou nom) : attestations, papillons, convocations.", valueName: "candidat"))
    var candidat: String?
    @Flag(help: "Attestations : marquées « DUPLICATA ».") var duplicata = false
    @Flag(help: "Grille : le livret et une seule grille de réponses vierge.") var vierge = false

    func run() async throws {
        let simplified = kind.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard let printKind = PrintKind(rawValue: simplified) else {
            throw UserError("document inconnu « \(kind) » (\(PrintKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var printOptions = PrintOptions(duplicata: duplicata, blankGrid: vierge)
        if let perPage {
            switch printKind {
            case .papillons:
                guard let slips = SlipsPerPage(rawValue: perPage) else { throw UserError("--par-page : 1, 2 ou 8 papillons par page, pas \(perPage)") }
                printOptions.slipsPerPage = slips
            case .convocations:
                guard let sheets = ConvocationsPerSheet(rawValue: perPage) else {
                    throw UserError("--par-page : 1 convocation A4 ou 2 A5 par feuille, pas \(perPage)")
                }
                printOptions.convocationsPerSheet = sheets
            default: throw UserError("--par-page ne vaut que pour les papillons et les convocations")
            }
        }
        if duplicata && printKind != .attestations { throw UserError("--duplicata ne vaut que pour les attestations") }
        if vierge && printKind != .grille { throw UserError("--vierge ne vaut que pour la grille") }
        if candidat != nil && ![.attestations, .papillons, .convocations].contains(printKind) {
            throw UserError("--candidat ne vaut que pour les attestations, les papillons et les convocations")
        }
        let path = out ?? printKind.defaultFileName(session: number)
        guard path.lowercased().hasSuffix(".pdf") else { throw UserError("--out « \(path) » : le fichier doit finir par .pdf") }
        let url = URL(fileURLWithPath: path)
        let center = try await options.openCenter()
        let printed = try await userErrors {
            try await SessionDocuments.print(SessionDocuments.Request(kind: printKind, session: number, options: printOptions, candidate: candidat),
                                             center: center, to: url)
        }
        for note in printed.notes { print(note) }
        print("\(path) écrit (\(printed.pageCount) page\(printed.pageCount > 1 ? "s" : "")).")
    }
}
