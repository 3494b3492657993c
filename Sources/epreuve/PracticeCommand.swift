import ArgumentParser
import CommandLineKit
import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalRuntime
import TerminalUI

/// `epreuve practice [--bank B] [--themes a,b] [--prenom P]`, or `--stats` for the history.
struct PracticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice", abstract: "S'entraîner par thème, ou afficher l'historique avec --stats.")

    @OptionGroup var options: TerminalOptions
    @OptionGroup var screen: ScreenOptions

    @Option(help: ArgumentHelp("Banque de questions : assr1 ou assr2 (ou le nom de l'attestation, ASSR1…).", valueName: "banque"))
    var bank: String?

    @Option(help: ArgumentHelp("Thèmes séparés par des virgules, par exemple circulation,vitesse.", valueName: "thèmes"))
    var themes: String?

    @Option(help: ArgumentHelp("Prénom du profil local (créé s'il n'existe pas).", valueName: "prénom"))
    var prenom: String?

    @Flag(help: "Affiche l'historique des séances et les statistiques par thème, puis s'arrête.")
    var stats = false

    func run() async throws {
        let (catalog, location) = try options.paths.catalog()
        let store = try options.paths.terminalStore()
        if stats {
            try printHistory(store: store, catalog: catalog)
            return
        }
        if let confused = screen.themeAlias, catalog.theme(confused) != nil {
            throw UserError("« \(confused) » est un thème de questions : utilisez --themes \(confused) (--couleurs choisit les couleurs)")
        }
        let library = PracticeLibrary(catalog: catalog, profileNames: [])
        let themeIds = (themes ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var bankName = bank
        if let bank, library.bank(named: bank) == nil {
            throw UserError("banque inconnue « \(bank) » (\(library.banks.map(\.label).joined(separator: ", ")))")
        }
        if bankName == nil, !themeIds.isEmpty { bankName = library.banks.first?.id }
        if let chosen = bankName.flatMap(library.bank(named:)) {
            let known = Set(chosen.questions.map(\.theme))
            if let unknown = themeIds.first(where: { !known.contains($0) }) {
                throw UserError("thème inconnu « \(unknown) » dans \(chosen.label) (\(known.sorted().joined(separator: ", ")))")
            }
        }
        var profileName: String?
        if let prenom {
            do { profileName = try store.addPracticeProfile(prenom) } catch { throw UserError(describing: error) }
        }

        ScreenSettings.useUTF8Locale()
        let prepared = try screen.settings.prepare(home: options.paths.home)
        let center = try await options.paths.localCenter(catalog: catalog, location: location)
        try await InterfaceRunner.run(store: store, screen: prepared, offersPractice: true,
                                     practice: PracticeOpening(profile: profileName, bank: bankName, themes: themeIds)) {
            (LocalCenterClient(center: center), catalog)
        }
    }

    private func printHistory(store: TerminalStore, catalog: Catalog) throws {
        let entries: [PracticeResult]
        do { entries = try store.practiceHistory(profile: prenom) } catch { throw UserError(describing: error) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        let lines = PracticeHistoryText.lines(
            entries, themeOrder: catalog.themes.map(\.id),
            themeLabels: Dictionary(uniqueKeysWithValues: catalog.themes.map { ($0.id, $0.label) }),
            date: { $0.finishedAt.map(formatter.string(from:)) ?? "" })
        for line in lines { print(line) }
    }
}
