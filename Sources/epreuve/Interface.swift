import ArgumentParser
import CommandLineKit
import CenterService
import CThreadPlacement
import Curses
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Speech
import TerminalRuntime
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

    var start: InterfaceStart { InterfaceStart(paths: options.paths, screen: screen.settings, center: center, ca: ca) }

    func run() async throws {
        try await start.run()
    }
}

/// What the interface was started with, as plain values: ArgumentParser fills them (`Interface`),
/// or, for plain arguments, `InterfaceStart(plain:)` without its reflection.
struct InterfaceStart: Equatable {
    var paths: TerminalPaths
    var screen: ScreenSettings
    var center: String?
    var ca: String?

    func run() async throws {
        try await begin().finish()
    }

    /// Everything up to the home screen, drawn before returning; nothing here awaits, so that
    /// `main.swift` can run it on the main thread before its first `await` (the async main's
    /// hand-over to a worker thread then comes after the first frame). Errors come before curses
    /// starts, or after it has given the terminal back.
    func begin() throws -> BegunInterface {
        // The terminal's store opens (and its interrupted attempt is read) on the other core while
        // the theme is read and curses starts. The locale is set before, as nothing may read it
        // while it changes.
        ScreenSettings.useUTF8Locale()
        let opening = StoreOpening(paths)
        let prepared: PreparedScreen
        let connect: () async throws -> (client: any CenterClient, catalog: Catalog?)
        do {
            prepared = try screen.prepare(home: paths.home)
            connect = try connection()
        } catch {
            // These errors come first, once the store has finished opening (not cut off mid-migration).
            _ = try? opening.store()
            throw error
        }
        let curses: CursesScreen
        do {
            curses = try InterfaceRunner.startCurses(prepared)
        } catch {
            _ = try? opening.store()
            throw error
        }
        // Drawn before waiting for the store, which GRDB's first statements keep busy on the other
        // processor for about a millisecond longer than the theme and curses take here.
        InterfaceRunner.drawHomeBeforeStore(on: curses, screen: prepared, offersPractice: center == nil)
        let opened: OpenedStore
        do {
            opened = try opening.store()
        } catch {
            curses.restore()
            throw error
        }
        return BegunInterface(interface: InterfaceRunner.open(opened, curses: curses, screen: prepared, offersPractice: center == nil),
                              connect: connect)
    }

    /// How the interface reaches its center once the home screen is drawn: the local center and
    /// the content load behind it; a networked terminal runs exams from the center's packages
    /// alone (no answer key on a lab terminal), so it offers no practice either.
    private func connection() throws -> () async throws -> (client: any CenterClient, catalog: Catalog?) {
        guard let center else {
            let paths = self.paths
            return {
                let (catalog, location) = try paths.catalog()
                let local = try await paths.localCenter(catalog: catalog, location: location)
                return (LocalCenterClient(center: local), catalog)
            }
        }
        guard let url = URL(string: center), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw UserError("--center « \(center) » : adresse attendue comme http://serveur:8080")
        }
        if let ca, !FileManager.default.isReadableFile(atPath: ca) {
            throw UserError("--ca « \(ca) » : fichier introuvable ou illisible")
        }
        let client: HTTPCenterClient
        do {
            client = try HTTPCenterClient(baseURL: url, certificateAuthority: ca)
        } catch {
            throw UserError(error.message)
        }
        return { (client, nil) }
    }
}

/// The interface with its home screen drawn; `finish` connects and runs it to the end.
struct BegunInterface {
    private var interface: OpenInterface
    private let connect: () async throws -> (client: any CenterClient, catalog: Catalog?)

    init(interface: OpenInterface, connect: @escaping () async throws -> (client: any CenterClient, catalog: Catalog?)) {
        self.interface = interface
        self.connect = connect
        self.interface.drawHome()
    }

    func finish() async throws {
        try await interface.run(connect: connect)
    }
}

/// The terminal's store, opened on a thread started at once, with the attempt interrupted here
/// read as well. A child task (`async let`) waited for a worker thread of the global executor, and
/// Foundation's `Thread` took a millisecond to start the first time, hence a POSIX thread. It is
/// started on another processor than this one: left to the scheduler, it mostly waited (0.3 to
/// 1.4 ms) on this thread's processor while the other one was idle.
private final class StoreOpening: @unchecked Sendable {
    private let paths: TerminalPaths
    private let opened = DispatchSemaphore(value: 0)
    /// Written once by the thread before it signals `opened`, read after waiting for it.
    private var result: Result<OpenedStore, any Error>?

    init(_ paths: TerminalPaths) {
        self.paths = paths
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = epreuve_start_thread_elsewhere({ context in
            Unmanaged<StoreOpening>.fromOpaque(context!).takeRetainedValue().open()
        }, context)
        if started != 0 {
            // No thread to be had: open it here.
            Unmanaged<StoreOpening>.fromOpaque(context).release()
            open()
        }
    }

    private func open() {
        result = Result {
            let store = try paths.terminalStore()
            return OpenedStore(store: store, resumable: InterfaceRunner.resumableAttempt(in: store))
        }
        opened.signal()
    }

    func store() throws -> OpenedStore {
        opened.wait()
        return try result!.get()
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

    @Flag(help: "Poste de salle d'examen : l'accueil ne propose pas « Quitter ».")
    var kiosk = false

    @Flag(help: "Lit à voix haute chaque question, puis le temps restant à 30 s et 10 s (L relit, M lit la réponse en surbrillance).")
    var lecture = false

    @Option(help: ArgumentHelp("Débit de la lecture, en mots par minute (80 à 450 ; défaut : 160).", valueName: "mots/min"))
    var debit: Int?

    @Flag(name: .customLong("lecteur-ecran"),
          help: "Pour un lecteur d'écran ou une plage braille : texte simple, sans cadres ni barres, curseur sur la réponse en surbrillance.")
    var lecteurEcran = false

    var settings: ScreenSettings {
        ScreenSettings(couleurs: couleurs, themeAlias: themeAlias, kiosk: kiosk, lecture: lecture, debit: debit,
                       lecteurEcran: lecteurEcran)
    }
}

/// The screen options' values, and the screen they prepare.
struct ScreenSettings: Equatable {
    var couleurs: String?
    var themeAlias: String?
    var kiosk: Bool
    var lecture: Bool
    var debit: Int?
    var lecteurEcran: Bool

    var colours: String { couleurs ?? themeAlias ?? "default" }

    /// Accents and box drawing need a UTF-8 locale; a bare "C" (cron, some SSH set-ups) falls back
    /// to C.UTF-8. Called once, before `prepare` and before any other thread starts work.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setenv("LC_ALL", "C.UTF-8", 1) }
    }

    /// Loads the colour theme and makes the voice, before ncurses starts (after `useUTF8Locale`).
    /// `home`: the folder whose `cache/` keeps the theme compiled (`ThemeLoading.swift`).
    func prepare(home: String?) throws -> PreparedScreen {
        if let debit, !(SpeechRate.minimum...SpeechRate.maximum).contains(debit) {
            throw UserError("--debit \(debit) : entre \(SpeechRate.minimum) et \(SpeechRate.maximum) mots par minute")
        }
        let theme = try loadTheme(named: colours, cacheFolder: HomeFolder.join(HomeFolder.path(explicit: home), ContentCache.folderName))
        let voice = Voice(make: Self.synthesizerMaker())
        var state = VoiceState.notPrepared
        if lecture {
            // Made now so that a missing espeak-ng is said on the home screen, not in the middle of a question.
            state = voice.prepare().map(VoiceState.unavailable) ?? .ready
        }
        let reading = ReadingPreference(always: lecture, wordsPerMinute: debit, screenReader: lecteurEcran, voice: state)
        return PreparedScreen(theme: theme, kiosk: kiosk, reading: reading, voice: voice)
    }

    /// espeak-ng; or, with EPREUVE_SPEECH_LOG=FILE (tests, diagnosis without a sound card), a voice
    /// that writes what it is asked to say into FILE, one JSON line per request.
    static func synthesizerMaker() -> Voice.Maker {
        // getenv, not `ProcessInfo`, whose first use copies the whole environment before the first frame.
        if let log = getenv("EPREUVE_SPEECH_LOG").map({ String(cString: $0) }), !log.isEmpty {
            return { () throws(SpeechUnavailable) -> any SpeechSynthesizer in
                do {
                    return try RecordingSynthesizer(logFile: URL(fileURLWithPath: log))
                } catch {
                    throw SpeechUnavailable(.outputFolder(log))
                }
            }
        }
        return { () throws(SpeechUnavailable) -> any SpeechSynthesizer in try EspeakSynthesizer() }
    }
}

/// What `ScreenSettings.prepare` sets up for the interface.
struct PreparedScreen {
    var theme: InterfaceTheme
    var kiosk: Bool
    var reading: ReadingPreference
    var voice: Voice
}
