import ArgumentParser
import CommandLineKit
import CenterService
import Foundation

/// `epreuve-center archives purge --avant AAAA`: the handbook's yearly deletion (§10), after export.
struct ArchivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archives", abstract: "Archives : suppression des données des années passées.", subcommands: [Purge.self])

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Supprime les épreuves, résultats et candidats des années avant AAAA, une fois leurs résultats exportés (results export --out).")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("Année : tout ce qui précède le 1er janvier de cette année est supprimé.", valueName: "AAAA")) var avant: Int
        @Flag(name: .customLong("sans-export"), help: "Supprime même sans export vérifié (les résultats sont alors perdus).") var withoutExport = false

        func run() async throws {
            let center = try await options.openCenter()
            if withoutExport {
                FileHandle.standardError.write(Data("Attention : purge sans export vérifié ; les résultats supprimés ne seront plus nulle part sur ce centre.\n".utf8))
            }
            let report = try await userErrors { try await center.purge(before: avant, withoutExport: withoutExport) }
            guard !report.sessions.isEmpty else {
                print("Rien à supprimer : aucune épreuve avant le 1er janvier \(avant).")
                return
            }
            for session in report.sessions.sorted(by: { $0.startsAt < $1.startsAt }) {
                print("Supprimée : épreuve \(session.number) « \(session.name) » (\(center.typeLabel(session)), \(CenterDates.day.string(from: session.startsAt)))")
            }
            for export in report.exports {
                print("Archive vérifiée : \(export.path) (écrite le \(CenterDates.minute.string(from: export.writtenAt)))")
            }
            let count = report.count
            print("Supprimé : \(count.sessions) épreuve(s), \(count.results) résultat(s), \(count.candidates) candidat(s) avant le 1er janvier \(avant).")
        }
    }
}
