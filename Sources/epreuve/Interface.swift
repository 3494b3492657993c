import ArgumentParser
import CommandLineKit
import CenterService
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

struct Interface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interface", abstract: "Ouvre l'interface du candidat (commande par défaut).")

    @OptionGroup var options: TerminalOptions
    @OptionGroup var screen: ScreenOptions

    @Option(help: ArgumentHelp("Adresse du centre (http://serveur:8080 ou https://…). Sans elle : le centre local du dossier --home.", valueName: "adresse"))
    var center: String?

    @Option(help: ArgumentHelp("Certificat (PEM) de l'autorité qui a signé celui du centre, pour un centre en https.", valueName: "fichier"))
    var ca: String?

    func run() async throws {
        let interfaceTheme = try screen.prepare()
        let store = try options.terminalStore()
        if let center {
            guard let url = URL(string: center), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw UserError("--center « \(center) » : adresse attendue comme http://serveur:8080")
            }
            if let ca, !FileManager.default.isReadableFile(atPath: ca) {
                throw UserError("--ca « \(ca) » : fichier introuvable ou illisible")
            }
            // A networked terminal runs exams from the center's packages alone: it reads no local
            // content (no answer key on a lab terminal), so it offers no practice either.
            let client: HTTPCenterClient
            do {
                client = try HTTPCenterClient(baseURL: url, certificateAuthority: ca)
            } catch {
                throw UserError(error.message)
            }
            let environment = TerminalOptions.environment(store: store, client: client)
            try TerminalOptions.runInterface(environment: environment, catalog: nil, kiosk: screen.kiosk, theme: interfaceTheme)
        } else {
            let (catalog, location) = try options.catalog()
            let local = try await options.localCenter(catalog: catalog, location: location)
            let environment = TerminalOptions.environment(store: store, client: LocalCenterClient(center: local))
            try TerminalOptions.runInterface(environment: environment, catalog: catalog, kiosk: screen.kiosk, theme: interfaceTheme)
        }
    }
}

/// Screen options shared by the interface and `practice`.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Couleurs de l'interface : default, contraste-eleve ou monochrome.", valueName: "couleurs"))
    var couleurs: String?

    /// The first name of `--couleurs`, kept for scripts written before it (and easily confused with
    /// `practice --themes`, hence hidden).
    @Option(name: .customLong("theme"), help: .hidden)
    var themeAlias: String?

    var colours: String { couleurs ?? themeAlias ?? "default" }

    @Flag(help: "Poste de salle d'examen : l'accueil ne propose pas « Quitter ».")
    var kiosk = false

    /// Sets a UTF-8 locale and loads the colour theme, before ncurses starts.
    func prepare() throws -> InterfaceTheme {
        // Accents and box drawing need a UTF-8 locale; a bare "C" (cron, some SSH set-ups) falls back to C.UTF-8.
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setenv("LC_ALL", "C.UTF-8", 1) }
        return try loadTheme(named: colours)
    }

    /// Themes/<name>.yaml next to the content folder (or the executable); a bad file is a one-line error.
    func loadTheme(named name: String) throws -> InterfaceTheme {
        guard let url = themeURL(name) else {
            if name == "monochrome" { return .monochrome }
            throw UserError("couleurs inconnues « \(name) » pour --couleurs (default, contraste-eleve, monochrome)")
        }
        do {
            return try InterfaceTheme.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
        } catch {
            throw UserError(describing: error)
        }
    }

    private func themeURL(_ name: String) -> URL? {
        var roots: [URL] = []
        if let location = ContentLocation.resolve(explicit: nil) { roots.append(location.url.deletingLastPathComponent()) }
        roots.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return roots.map { $0.appendingPathComponent("Themes/\(name).yaml") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
