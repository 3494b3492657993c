import ArgumentParser
import CenterService
import Curses
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Synchronization
import TerminalUI

struct Interface: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interface", abstract: "Ouvre l'interface du candidat (commande par défaut).")

    @OptionGroup var options: TerminalOptions
    @OptionGroup var screen: ScreenOptions

    @Option(help: "Adresse du centre (http://serveur:8080). Sans elle : le centre local du dossier --home.")
    var center: String?

    func run() throws {
        let interfaceTheme = try screen.prepare()
        let (catalog, location) = try options.catalog()
        let store = try options.terminalStore()
        let localCenter: CenterService?
        let client: any CenterClient
        if let center {
            guard let url = URL(string: center), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw UserError("--center « \(center) » : adresse attendue comme http://serveur:8080")
            }
            localCenter = nil
            client = HTTPCenterClient(baseURL: url)
        } else {
            let local = try options.localCenter(catalog: catalog, location: location)
            localCenter = local
            client = LocalCenterClient(center: local)
        }
        let host = TerminalHost(store: store, client: client, center: localCenter, catalog: catalog, kiosk: screen.kiosk)
        try host.run(theme: interfaceTheme)
    }
}

/// Screen options shared by the interface and `practice`.
struct ScreenOptions: ParsableArguments {
    @Option(help: "Thème de couleurs : default, contraste-eleve ou monochrome.")
    var theme = "default"

    @Flag(help: "Poste de salle d'examen : l'accueil ne propose pas « Quitter ».")
    var kiosk = false

    /// Sets a UTF-8 locale and loads the colour theme, before ncurses starts.
    func prepare() throws -> InterfaceTheme {
        // Accents and box drawing need a UTF-8 locale; a bare "C" (cron, some SSH set-ups) falls back to C.UTF-8.
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setenv("LC_ALL", "C.UTF-8", 1) }
        return try loadTheme(named: theme)
    }

    /// Themes/<name>.yaml next to the content folder (or the executable); a bad file is a one-line error.
    func loadTheme(named name: String) throws -> InterfaceTheme {
        guard let url = themeURL(name) else {
            if name == "monochrome" { return .monochrome }
            throw UserError("thème inconnu « \(name) » (default, contraste-eleve, monochrome)")
        }
        do {
            return try InterfaceTheme.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
        } catch {
            throw UserError("\(error)")
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

/// CLOCK_MONOTONIC: deadlines do not move when the wall clock is set.
struct SystemMonotonicClock: MonotonicClock {
    func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// Set by SIGTERM, SIGHUP or SIGINT; the loop saves the attempt and restores the terminal.
let stopSignal = Atomic<Int32>(0)

func installStopHandlers() {
    for signalNumber in [SIGTERM, SIGHUP, SIGINT] {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { number in stopSignal.store(number, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { number in stopSignal.store(number, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: a blocking read returns at once and the loop sees the flag.
        action.sa_flags = 0
        sigaction(signalNumber, &action, nil)
    }
}

/// Runs an async call from the synchronous event loop (the loop has nothing else to do meanwhile).
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let semaphore = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task.detached {
        box.value = await body()
        semaphore.signal()
    }
    semaphore.wait()
    return box.value!
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Written once by the task before the semaphore is signalled, read after: no race.
    var value: T?
}
