import ArgumentParser
import CenterService
import Foundation

/// `epreuve-center demo remove | add`: the demo of DESIGN §9 out of real work, or back.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Démonstration : retirer ou remettre les épreuves et candidats de démonstration.",
        subcommands: [Remove.self, Add.self])

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Supprime les épreuves de démonstration (100001, 100002), leurs résultats et les candidats de la classe DEMO.")

        @OptionGroup var options: CenterOptions

        func run() async throws {
            let center = try await options.openCenter()
            let removed = try await userErrors { try await center.removeDemo() }
            print(removed ? "Démonstration supprimée." : "Aucune démonstration à supprimer.")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remet les épreuves et candidats de démonstration.")

        @OptionGroup var options: CenterOptions

        func run() async throws {
            let center = try await options.openCenter()
            let added = try await userErrors { try await center.installDemo() }
            print(added ? "Démonstration remise : épreuves \(Demo.examNumber) et \(Demo.trainingNumber)." : "La démonstration est déjà là.")
        }
    }
}
