import CenterService
import ExamKit
import Foundation

/// Every word the console shows (French), and the display of states: the model keeps enums.
enum ConsoleText {
    static func title(_ number: String) -> String { "Surveillance de l'épreuve \(number)" }
    static let tooSmall = "Fenêtre trop petite"
    static let tooSmallDetail = "Agrandissez la fenêtre : 60 × 20 au moins."
    static let loading = "Lecture de l'épreuve…"
    static func unknownSession(_ number: String) -> String { "Aucune épreuve ne porte le numéro \(number)." }

    static func state(_ state: LiveState) -> String {
        switch state {
        case .absent: "Absent"
        case .present: "Présent"
        case .running: "En cours"
        case .finished: "Terminé"
        case .resultReceived: "Résultat reçu"
        case .stoppedBySurveillant: "Arrêtée par le surveillant"
        }
    }

    /// Plural words for the header's counts.
    static func count(_ state: LiveState, _ count: Int) -> String {
        switch state {
        case .absent: "\(count) absent\(count > 1 ? "s" : "")"
        case .present: "\(count) présent\(count > 1 ? "s" : "")"
        case .running: "\(count) en cours"
        case .finished: "\(count) terminé\(count > 1 ? "s" : "")"
        case .resultReceived: "\(count) résultat\(count > 1 ? "s" : "") reçu\(count > 1 ? "s" : "")"
        case .stoppedBySurveillant: "\(count) arrêtée\(count > 1 ? "s" : "")"
        }
    }

    static func sessionState(_ state: SessionState, closed: Bool) -> String {
        if closed { return "Close" }
        switch state {
        case .upcoming: return "À venir"
        case .active: return "Actif"
        case .finished: return "Terminé"
        }
    }

    static func kind(_ kind: SessionKind) -> String { kind == .examen ? "Examen" : "Entraînement" }

    static func endsIn(_ seconds: Int?) -> String {
        guard let seconds else { return "" }
        let hours = seconds / 3600, minutes = (seconds % 3600 + 59) / 60
        if hours > 0 { return "fin dans \(hours) h \(minutes < 10 ? "0" : "")\(minutes)" }
        return "fin dans \(minutes) min"
    }

    static let columns = (candidate: "Candidat", className: "Classe", extraTime: "Tps+", state: "État", question: "Question",
                          time: "Temps", terminal: "Poste", seen: "Vu")
    static let awaitingPresence = "attend P"
    static let yes = "oui"

    static func seen(_ seconds: Int?) -> String {
        guard let seconds else { return "" }
        return seconds < 600 ? "\(seconds) s" : "\(seconds / 60) min"
    }

    static func clock(_ seconds: Int?) -> String {
        guard let seconds else { return "" }
        return "\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
    }

    static func alertKind(_ kind: AlertKind) -> String {
        switch kind {
        case .unreadable: "question illisible"
        case .display: "problème d'affichage"
        case .other: "autre problème"
        }
    }

    static func alertBanner(_ pending: [CandidateAlert], names: [String: String], questionCount: Int) -> String {
        guard let first = pending.first else { return "" }
        let more = pending.count > 1 ? " (+\(pending.count - 1))" : ""
        return "⚠ Alerte : \(names[first.candidateId] ?? first.candidateId), question \(first.position)/\(questionCount), "
            + "\(alertKind(first.kind))\(more) — A : répondre"
    }

    static func alertQuestion(_ alert: CandidateAlert, name: String, questionCount: Int) -> String {
        "Alerte de \(name), question \(alert.position)/\(questionCount) (\(alertKind(alert.kind))). "
            + "o : accepter, la question est neutralisée (note sur \(questionCount - 1)) · n : rejeter · Échap : plus tard"
    }

    static let help = "P présence · R reprise · T terminer · C code d'accès · S code surveillant · I incident · A alerte · / chercher · Q quitter"
    /// Fits 80 columns; A is left to the alert banner, which says « A : répondre » when it matters.
    static let shortHelp = "P présence R reprise T terminer C code S surv. I incident / chercher Q quitter"
    static let searchHelp = "Entrée : garder le filtre · Échap : tout afficher"
    static let inputHelp = "Entrée : valider · Échap : annuler"
    static let codeHelp = "Une touche pour masquer le code."

    static func candidateLabel(_ line: LiveLine) -> String { "\(line.candidate.displayName) (\(line.candidate.className))" }
    static func confirmPresence(_ line: LiveLine) -> String { "Confirmer la présence de \(candidateLabel(line)) ? o : oui · n : non" }
    static func confirmResume(_ line: LiveLine) -> String {
        "Autoriser \(candidateLabel(line)) à reprendre son épreuve sur un autre poste ? o : oui · n : non"
    }
    static func confirmAccessCode(_ line: LiveLine) -> String {
        "Réémettre le code d'accès de \(candidateLabel(line)) (l'ancien ne marchera plus) ? o : oui · n : non"
    }
    static let confirmSurveillantCode = "Nouveau code surveillant (l'ancien ne marchera plus, ici comme sur les postes) ? o : oui · n : non"
    static let surveillantCodeTitle = "Code surveillant"
    static func stopPrompt(_ name: String) -> String { "Motif de l'arrêt de \(name) : " }
    static func incidentPrompt(_ name: String?) -> String { "Incident (\(name ?? "toute la salle"), Tab : changer) : " }
    static let working = "Enregistrement…"
    static let cancelled = "Annulé."
    static let noCandidateSelected = "Aucun candidat choisi : ↑ ↓ pour en choisir un."
    static let noPendingAlert = "Aucune alerte en attente."
    static func failed(_ message: String) -> String { "Refusé : \(message)" }
    static func searchPrompt(_ text: String) -> String { "Chercher : \(text)" }
    static func scrollPosition(arrows: String, first: Int, last: Int, count: Int) -> String { "\(arrows) \(first)–\(last) sur \(count)" }
    static func filterShown(_ text: String, _ count: Int) -> String { "Filtre « \(text) » : \(count) candidat(s) · Échap : tout afficher" }

    static func emptyText(_ purpose: InputPurpose) -> String {
        switch purpose {
        case .stopReason: "Indiquez le motif de l'arrêt."
        case .incident: "Décrivez l'incident."
        }
    }

    static func inputLimit(_ purpose: InputPurpose) -> Int {
        switch purpose {
        case .stopReason: 300
        case .incident: 1000
        }
    }

    static func name(_ id: String?, board: LiveBoard?) -> String {
        guard let id else { return "toute la salle" }
        return board?.lines.first { $0.candidate.id == id }?.candidate.displayName ?? id
    }

    static func done(_ action: ConsoleAction, board: LiveBoard?) -> String {
        switch action {
        case let .confirmPresence(id): "Présence de \(name(id, board: board)) confirmée."
        case let .authorizeResume(id): "Reprise autorisée : \(name(id, board: board)) peut se connecter sur un autre poste."
        case let .stopAttempt(id, _): "Épreuve de \(name(id, board: board)) arrêtée : le poste s'arrête à son prochain signe de vie."
        case let .reissueAccessCode(id): "Nouveau code d'accès de \(name(id, board: board)) émis."
        case .reissueSurveillantCode: "Nouveau code surveillant émis."
        case let .incident(id, _): "Incident noté (\(name(id, board: board)))."
        case let .decideAlert(_, accept): accept ? "Alerte acceptée : question neutralisée." : "Alerte rejetée."
        }
    }

    static func codeTitle(_ action: ConsoleAction, board: LiveBoard?) -> String {
        if case let .reissueAccessCode(id) = action { return "Nouveau code d'accès de \(name(id, board: board))" }
        return "Nouveau code surveillant"
    }

    /// Lower case without accents, for `/`.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
