import ArgumentParser
import CommandLineKit
import CenterService
import ExamKit
import Foundation

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Épreuves : création, modification, suppression, liste, feuille d'une épreuve, nouveau code, surveillance, clôture.",
        subcommands: [Create.self, Edit.self, Delete.self, List.self, Show.self, Reissue.self, Watch.self, Close.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée une épreuve et affiche son numéro, le code surveillant et les codes d'accès.")

        @OptionGroup var options: CenterOptions
        @Option(help: ArgumentHelp("examen, entrainement, ou hors-ligne (examen sur papier).", valueName: "type")) var type: String
        @Option(help: ArgumentHelp("Profil : ASSR1, ASSR2, ASR ou AER (pour un rattrapage : celui de l'épreuve principale).", valueName: "attestation")) var attestation: String?
        @Option(help: ArgumentHelp("Nom de l'épreuve.", valueName: "nom")) var name: String
        @Option(help: ArgumentHelp("Début : \"JJ/MM/AAAA HH:MM\" (heure locale ; 9:00 et 9h00 conviennent).", valueName: "JJ/MM/AAAA HH:MM")) var at: String
        @Option(help: ArgumentHelp("Lieu (salle).", valueName: "salle")) var lieu: String?
        @Option(help: ArgumentHelp("Texte imprimé sur les convocations (300 caractères au plus).", valueName: "texte")) var texte: String?
        @Flag(help: "Entraînement sans chronomètre : une touche passe à la question suivante.") var untimed = false
        @Option(help: ArgumentHelp("all, class:5A ou une liste d'INE / identifiants séparés par des virgules.", valueName: "candidats")) var candidates = "all"
        @Option(help: ArgumentHelp("Entraînement sur ces thèmes seulement, séparés par des virgules (circulation,vitesse).", valueName: "thèmes")) var themes: String?
        @Option(name: .customLong("rattrapage-de"), help: ArgumentHelp("Rattrapage de cette épreuve principale : ses candidats échoués ou absents.", valueName: "numéro")) var rattrapageDe: String?
        @Flag(help: "Accepte une date passée depuis plus que la durée de l'épreuve (saisie après coup).") var passe = false
        @Flag(help: "Chaque candidat attend que le surveillant confirme sa présence (sessions watch, touche P) avant de commencer.") var presence = false

        func run() async throws {
            let medium: SessionMedium
            let kind: SessionKind
            switch type.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter(\.isLetter) {
            case "examen": (kind, medium) = (.examen, .terminal)
            case "entrainement": (kind, medium) = (.entrainement, .terminal)
            case "horsligne", "horsconnexion", "papier": (kind, medium) = (.examen, .paper)
            default: throw UserError("--type doit valoir examen, entrainement ou hors-ligne, pas « \(type) »")
            }
            guard let start = CenterDates.parseMinute(at) else {
                throw UserError("--at « \(at) » : date attendue au format \"JJ/MM/AAAA HH:MM\" (par exemple \"15/12/2026 9:00\")")
            }
            let selection: CenterService.CandidateSelection
            if candidates == "all" {
                selection = .all
            } else if candidates.hasPrefix("class:") {
                selection = .className(String(candidates.dropFirst(6)))
            } else {
                selection = .ids(candidates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            let center = try await options.openCenter()
            var profile = attestation?.uppercased()
            if let rattrapageDe, profile == nil {
                profile = try await userErrors { try await center.session(number: rattrapageDe)?.profileId }
            }
            guard let profile else { throw UserError("--attestation manque (ASSR1, ASSR2, ASR ou AER)") }
            var request = CenterService.SessionRequest(
                kind: kind, profileId: profile, name: name, startsAt: start, place: lieu,
                timed: !untimed, selection: selection, medium: medium,
                themes: themes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                additionalText: texte, rattrapageOf: rattrapageDe, allowPast: passe)
            request.requiresPresence = presence
            let created = try await userErrors { try await center.createSession(request) }
            let session = created.session
            print("\(center.typeLabel(session)) \(session.profileId) « \(session.name) » — \(CenterDates.minute.string(from: session.startsAt))\(session.place.map { " — \($0)" } ?? "")")
            print("Numéro de l'épreuve : \(session.number)")
            if let principal = session.rattrapageOf { print("Épreuve de rattrapage de l'épreuve \(principal)") }
            if let themeIds = session.themeIds {
                print("Thèmes : \(themeIds.map(center.catalog.themeLabel).joined(separator: ", ")) (\(session.questionIds.count) questions)")
            }
            for (candidate, reason) in created.leftOut {
                print("Non convoqué : \(CenterService.listName(candidate)) (\(reason))")
            }
            if session.medium == .paper {
                print("")
                var rows = [["Nom", "Classe", "Tps+"]]
                for (candidate, _) in created.codes { rows.append([candidate.displayName, candidate.className, candidate.extraTime ? "oui" : ""]) }
                print(table(rows))
                print("")
                print("Épreuve sur papier : imprimez le livret et les grilles (print grille \(session.number)), la grille de correction "
                    + "(print corrections \(session.number)), puis saisissez les réponses (results enter \(session.number) CANDIDAT --reponses …).")
                return
            }
            print("Code surveillant : \(created.surveillantCode)")
            print("")
            var rows = [["Nom", "Classe", "Tps+", "Code d'accès"]]
            for (candidate, code) in created.codes {
                rows.append([candidate.displayName, candidate.className, candidate.extraTime ? "oui" : "", AccessCode.formatted(code)])
            }
            print(table(rows))
            print("")
            print("Les codes ne sont conservés que sous forme chiffrée : imprimez cette feuille maintenant,")
            print("ou imprimez les papillons (print papillons \(session.number)), qui donnent de nouveaux codes.")
            print("Code perdu : epreuve-center sessions reissue \(session.number) CANDIDAT")
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
                    session.number, center.typeLabel(session), session.profileId, session.name,
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
            print("\(center.typeLabel(session)) \(session.profileId) « \(session.name) »")
            print("Numéro de l'épreuve : \(session.number)")
            if let principal = session.rattrapageOf { print("Épreuve de rattrapage de l'épreuve \(principal)") }
            print("Début : \(CenterDates.minute.string(from: session.startsAt))\(session.alwaysActive ? " (démonstration, toujours active)" : "")")
            print("État : \(state.label)")
            if let place = session.place { print("Lieu : \(place)") }
            if let text = session.additionalText { print("Texte de la convocation : \(text)") }
            if let themeIds = session.themeIds { print("Thèmes : \(themeIds.map(center.catalog.themeLabel).joined(separator: ", "))") }
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
                let code = session.medium == .paper ? "(papier)" : standing.demoCode.map(AccessCode.formatted) ?? "(chiffré)"
                rows.append([
                    standing.candidate.displayName, standing.candidate.className, standing.extraTime ? "oui" : "",
                    code, standing.note, standing.verdictText,
                ])
            }
            print(table(rows))
            let present = standings.filter { $0.result != nil }
            print("")
            let admitted = session.kind == .examen ? ", \(standings.count { $0.verdict == .admitted }) admis" : ""
            print("\(standings.count) convoqué(s), \(present.count) résultat(s)\(admitted).")
        }
    }

    struct Reissue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Donne un nouveau code d'accès à un candidat, ou un nouveau code surveillant (--surveillant) ; l'ancien ne marche plus.")

        @OptionGroup var options: CenterOptions
        @Argument(help: "Numéro de l'épreuve.") var number: String
        @Argument(help: "INE, identifiant ou nom du candidat (« DUPONT Léa »).") var candidate: String?
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
            guard let candidate else { throw UserError("indiquez le candidat (INE, identifiant ou nom), ou --surveillant") }
            let reissued = try await userErrors { try await center.reissueCode(session: number, candidate: candidate) }
            let c = reissued.candidate
            print("Nouveau code d'accès de \(CenterService.listName(c)) (\(c.className.isEmpty ? "sans classe" : c.className)), "
                + "épreuve \(reissued.session.number) « \(reissued.session.name) » : \(AccessCode.formatted(reissued.code))")
            print("L'ancien code ne marche plus.")
        }
    }
}
