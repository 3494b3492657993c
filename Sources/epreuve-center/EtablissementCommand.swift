import ArgumentParser
import CommandLineKit
import CenterService
import Foundation

/// `epreuve-center etablissement`: the establishment printed on every document.
struct EtablissementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etablissement",
        abstract: "Affiche l'établissement, ou le modifie avec les options : il figure sur chaque document imprimé.")

    @OptionGroup var options: CenterOptions
    @Option(help: ArgumentHelp("Nom de l'établissement.", valueName: "nom")) var nom: String?
    @Option(help: ArgumentHelp("UAI (7 chiffres et une lettre).", valueName: "UAI")) var uai: String?
    @Option(help: ArgumentHelp("Académie.", valueName: "académie")) var academie: String?
    @Option(help: ArgumentHelp("Commune.", valueName: "commune")) var commune: String?
    @Option(help: ArgumentHelp("Adresse (rue, code postal).", valueName: "adresse")) var adresse: String?

    func run() async throws {
        let center = try await options.openCenter()
        let changing = [nom, uai, academie, commune, adresse].contains { $0 != nil }
        let establishment = try await userErrors {
            changing ? try await center.updateEstablishment(name: nom, uai: uai, academie: academie, commune: commune, address: adresse)
                     : try await center.establishment()
        }
        if changing { print("Établissement enregistré.") }
        let fields = [("Nom", establishment.name), ("UAI", establishment.uai), ("Académie", establishment.academie),
                      ("Commune", establishment.commune), ("Adresse", establishment.address)]
        print(table(fields.map { [$0.0, $0.1.isEmpty ? "(à renseigner)" : $0.1] }))
        let missing = fields.filter { $0.1.isEmpty }.map(\.0)
        if !missing.isEmpty {
            print("")
            print("À compléter avant d'imprimer : epreuve-center etablissement --nom … --uai … --academie … --commune … --adresse …")
        }
    }
}
