import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Épreuves : création, liste, feuille d'une épreuve, nouveau code, surveillance, clôture.",
        subcommands: [Create.self, List.self, Show.self, Reissue.self, Watch.self, Close.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée une épreuve et affiche son numéro, le code surveillant et les codes d'accès.")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("examen ou entrainement.", valueName: "type")) var type: String
        @Option(help: ArgumentHelp("Profil : ASSR1, ASSR2, ASR ou AER.", valueName: "attestation")) var attestation: String
        @Option(help: ArgumentHelp("Nom de l'épreuve.", valueName: "nom")) var name: String
        @Option(help: ArgumentHelp("Début : \"JJ/MM/AAAA HH:MM\" (heure locale).", valueName: "JJ/MM/AAAA HH:MM")) var at: String
        @Option(help: ArgumentHelp("Lieu (salle).", valueName: "salle")) var lieu: String?
        @Flag(help: "Entraînement sans chronomètre : une touche passe à la question suivante.") var untimed = false
        @Option(help: ArgumentHelp("all, class:5A ou une liste d'INE / identifiants séparés par des virgules.", valueName: "candidats")) var candidates = "all"
        @Flag(help: "Chaque candidat attend que le surveillant confirme sa présence (sessions watch, touche P) avant de commencer.") var presence = false

        func run() async throws {
            guard let kind = SessionKind(rawValue: type.lowercased().replacingOccurrences(of: "î", with: "i")) else {
                throw UserError("--type doit valoir examen ou entrainement, pas « \(type) »")
            }
            guard let start = CenterDates.parseMinute(at) else {
                throw UserError("--at « \(at) » : date attendue au format \"JJ/MM/AAAA HH:MM\"")
            }
            let selection: CenterService.CandidateSelection
            if candidates == "all" {
                selection = .all
            } else if candidates.hasPrefix("class:") {
                selection = .className(String(candidates.dropFirst(6)))
            } else {
                selection = .ids(candidates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            }
            let center = try await options.openCenter()
            var request = CenterService.SessionRequest(kind: kind, profileId: attestation.uppercased(), name: name, startsAt: start,
                                                       place: lieu, timed: !untimed, selection: selection)
            request.requiresPresence = presence
            let created = try await userErrors { try await center.createSession(request) }
            let session = created.session
            print("\(kind.label) \(session.profileId) « \(session.name) » — \(CenterDates.minute.string(from: session.startsAt))\(session.place.map { " — \($0)" } ?? "")")
            print("Numéro de l'épreuve : \(session.number)")
            print("Code surveillant : \(created.surveillantCode)")
            print("")
            var rows = [["Nom", "Classe", "Tps+", "Code d'accès"]]
            for (candidate, code) in created.codes {
                rows.append([candidate.displayName, candidate.className, candidate.extraTime ? "oui" : "", AccessCode.formatted(code)])
            }
            print(table(rows))
            print("")
            print("Les codes ne sont conservés que sous forme chiffrée : imprimez cette feuille maintenant.")
            print("Code perdu : epreuve-center sessions reissue \(session.number) IDENTIFIANT")
            if presence { print("Présence à confirmer : epreuve-center sessions watch \(session.number), touche P.") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les épreuves et leur état.")

        @OptionGroup var options: CenterOptions

        func run() async throws {
            let center = try await options.openCenter()
            let sessions = try await userErrors { try await center.sessions() }
            var rows = [["Numéro", "Type", "Attestation", "Nom", "Début", "État", "Candidats", "Résultats"]]
            for session in sessions {
                let standings = try await userErrors { try await center.standings(session: session) }
                rows.append([
                    session.number, session.kind.label, session.profileId, session.name,
                    CenterDates.minute.string(from: session.startsAt), center.state(of: session).label,
                    "\(standings.count)", "\(standings.count { $0.result != nil })",
                ])
            }
            print(table(rows))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Feuille d'une épreuve : candidats, codes, notes, résultats.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve (6 chiffres).") var number: String

        func run() async throws {
            let center = try await options.openCenter()
            guard let session = try await userErrors({ try await center.session(number: number) }) else {
                throw UserError("aucune épreuve ne porte le numéro \(number)")
            }
            let state = center.state(of: session)
            print("\(session.kind.label) \(session.profileId) « \(session.name) »")
            print("Numéro de l'épreuve : \(session.number)")
            print("Début : \(CenterDates.minute.string(from: session.startsAt))\(session.alwaysActive ? " (démonstration, toujours active)" : "")")
            print("État : \(state.label)")
            if let place = session.place { print("Lieu : \(place)") }
            print("Chronométrée : \(session.timed ? "oui" : "non")")
            if session.requiresPresence { print("Présence confirmée par le surveillant : oui") }
            if let closedAt = session.closedAt { print("Close le : \(CenterDates.minute.string(from: closedAt))") }
            if let code = Demo.surveillantCode(for: session.number), session.alwaysActive {
                print("Code surveillant : \(code)")
            }
            print("")
            let standings = try await userErrors { try await center.standings(session: session) }
            var rows = [["Nom", "Classe", "Tps+", "Code d'accès", "Note", "Résultat"]]
            for standing in standings {
                rows.append([
                    standing.candidate.displayName, standing.candidate.className, standing.extraTime ? "oui" : "",
                    standing.demoCode.map(AccessCode.formatted) ?? "(chiffré)", standing.note, standing.verdictText,
                ])
            }
            print(table(rows))
            let present = standings.filter { $0.result != nil }
            print("")
            print("\(standings.count) convoqué(s), \(present.count) résultat(s), \(present.count { $0.result?.passed == true }) admis.")
        }
    }

    struct Reissue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Donne un nouveau code d'accès à un candidat, ou un nouveau code surveillant (--surveillant) ; l'ancien ne marche plus.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve.") var number: String
        @Argument(help: "INE ou identifiant du candidat (voir candidates list).") var candidate: String?
        @Flag(help: "Nouveau code surveillant de l'épreuve (terminaux compris).") var surveillant = false

        func run() async throws {
            let center = try await options.openCenter()
            if surveillant {
                guard candidate == nil else { throw UserError("--surveillant remplace le code surveillant : ne donnez pas de candidat") }
                let code = try await userErrors { try await center.reissueSurveillantCode(session: number) }
                print("Nouveau code surveillant : \(code)")
                print("L'ancien code ne marche plus, sur le centre comme sur les postes en réseau.")
                return
            }
            guard let candidate else { throw UserError("indiquez le candidat (INE ou identifiant), ou --surveillant") }
            let found = try await userErrors { try await center.candidate(identifiedBy: candidate) }
            guard let id = found?.id else { throw UserError("candidat inconnu « \(candidate) »") }
            let code = try await userErrors { try await center.reissueCode(session: number, candidate: id) }
            print("Nouveau code d'accès : \(AccessCode.formatted(code))")
        }
    }
}

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "Résultats : export pour l'archivage.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exporte les résultats en CSV (colonnes de l'archivage).")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("Numéro d'une épreuve (défaut : toutes).", valueName: "numéro")) var session: String?
        @Option(help: ArgumentHelp("Fichier de sortie (défaut : la sortie standard).", valueName: "fichier")) var out: String?

        func run() async throws {
            let center = try await options.openCenter()
            let data = try await userErrors { try await center.exportResults(session: session) }
            if let out {
                do {
                    try data.write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw UserError(FileProblem.sentence(error, path: out, doing: "écriture impossible"))
                }
                print("Résultats exportés dans \(out).")
            } else {
                FileHandle.standardOutput.write(data.dropFirst(3))
            }
        }
    }
}

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Statistiques par thème, par candidat, par classe et par sexe.")

    @OptionGroup var options: CenterOptions
    @Option(help: ArgumentHelp("Numéro d'une épreuve (défaut : toutes).", valueName: "numéro")) var session: String?

    func run() async throws {
        let center = try await options.openCenter()
        let stats = try await userErrors { try await center.statistics(session: session) }
        print("Réussite par thème")
        var rows = [["Thème", "Questions", "Réponses", "Bonnes réponses", "Réussite"]]
        for theme in stats.themes {
            rows.append([center.catalog.themeLabel(theme.theme), "\(theme.distinctQuestions)", "\(theme.questions)", "\(theme.right)",
                         "\(theme.percent) %"])
        }
        print(table(rows))
        print("")
        print("Par candidat")
        rows = [["Nom", "Classe", "Note", "Résultat", "À retravailler"]]
        let themeOrder = center.catalog.themes.map(\.id)
        for (candidate, card) in stats.candidates {
            let weakest = ThemeStat.weakest(card.themeStats(themeOrder: themeOrder), threshold: 50)
                .map { "\(center.catalog.themeLabel($0.theme)) \($0.right)/\($0.questions)" }.joined(separator: ", ")
            rows.append([candidate.displayName, candidate.className, "\(card.right)/\(card.total)", card.passed ? "Admis" : "Échoué", weakest])
        }
        print(table(rows))
        for (title, lines) in [("Par classe", stats.byClass), ("Par sexe", stats.bySex)] {
            print("")
            print(title)
            rows = [["", "Inscrits", "Présents", "Admis", "Taux de réussite"]]
            for line in lines {
                rows.append([line.label, "\(line.registered)", "\(line.present)", "\(line.admitted)", "\(line.successRate) %"])
            }
            print(table(rows))
        }
    }
}
