import ArgumentParser
import CenterPostgres
import CenterService
import CommandLineKit
import ExamContent
import ExamKit
import ExamStore
import Foundation

/// `--home`, `--database` and `--content`, shared by every command that opens the center.
struct CenterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dossier des données (défaut : $EPREUVE_HOME, sinon ~/.local/share/epreuve).", valueName: "dossier"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp(
        "Base PostgreSQL du centre, au lieu du fichier SQLite de --home.",
        discussion: "postgres://utilisateur:motdepasse@hôte:port/base ; sans mot de passe dans l'adresse, $PGPASSWORD.",
        valueName: "adresse"))
    var database: String?

    @OptionGroup var contentOptions: ContentOptions

    var homeURL: URL { HomeFolder.url(explicit: home) }

    func catalog() throws -> (Catalog, ContentLocation) {
        let location = try contentOptions.location()
        let report = ContentLoader.load(from: location.url)
        guard let first = report.issues.first else { return (report.catalog, location) }
        let more = report.issues.count > 1 ? " (et \(report.issues.count - 1) autre(s) : epreuve-center content check)" : ""
        throw UserError("contenu invalide : \(location.url.path)/\(first)\(more)")
    }

    /// The center in the PostgreSQL database of `--database`, else in the SQLite file of `--home`.
    func openCenter() async throws -> CenterService {
        let (catalog, location) = try catalog()
        return try await userErrors {
            guard let database else {
                return try await CenterHome.open(home: homeURL, catalog: catalog, bundledContent: location.isBundled)
            }
            let (service, repository) = try await PostgresCenterHome.open(
                url: database, catalog: catalog, bundledContent: location.isBundled, clock: SystemWallClock())
            await OpenStores.shared.add { await repository.close() }
            return service
        }
    }
}

/// Stores the command opened, closed before the program ends so PostgreSQL sees its connections
/// end cleanly rather than drop.
actor OpenStores {
    static let shared = OpenStores()
    private var closers: [@Sendable () async -> Void] = []

    func add(_ close: @escaping @Sendable () async -> Void) { closers.append(close) }

    func closeAll() async {
        let all = closers
        closers = []
        for close in all { await close() }
    }
}

/// Runs a body and turns center errors into one-line user errors.
func userErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CenterError {
        throw UserError(error.message)
    }
}

/// Left-aligned columns for terminal tables.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let widths = first.indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
        }.joined()
    }.joined(separator: "\n")
}

extension SessionState {
    var label: String {
        switch self {
        case .upcoming: "À venir"
        case .active: "Actif"
        case .finished: "Terminé"
        }
    }
}

extension SessionKind {
    var label: String {
        switch self {
        case .examen: "Examen"
        case .entrainement: "Entraînement"
        }
    }
}
