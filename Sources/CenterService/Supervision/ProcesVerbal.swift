import ExamKit
import Foundation

/// The procès-verbal of a closed session, as plain text (`proces-verbal-NUMBER.txt`): the session, the
/// counts, each candidate's outcome, the surveillant's actions, incidents, and alerts with their outcome.
enum ProcesVerbal {
    static func text(_ closing: CenterService.Closing) -> String {
        let board = closing.board
        let session = board.session
        let names = Dictionary(board.lines.map { ($0.candidate.id, $0.candidate.displayName) }, uniquingKeysWith: { first, _ in first })
        func who(_ id: String?) -> String { id.map { names[$0] ?? $0 } ?? "" }
        func time(_ date: Date) -> String { Self.time.string(from: date) }
        var out: [String] = []
        out.append("PROCÈS-VERBAL DE L'ÉPREUVE \(session.number)")
        out.append("")
        out.append("\(session.kind == .examen ? "Examen" : "Entraînement") \(session.profileId) « \(session.name) » — \(closing.catalogTitle)")
        if let place = session.place { out.append("Lieu : \(place)") }
        out.append("Début prévu : \(CenterDates.minute.string(from: session.startsAt)) · fin de validité : \(CenterDates.minute.string(from: session.window.end))")
        if let closedAt = session.closedAt { out.append("Close le : \(CenterDates.minute.string(from: closedAt))") }
        out.append("Confirmation de présence par le surveillant : \(session.requiresPresence ? "oui" : "non")")
        out.append("")

        let standings = closing.standings
        let received = standings.filter { $0.result != nil }
        out.append("EFFECTIFS")
        out.append("Convoqués : \(standings.count) · résultats reçus : \(received.count) · admis : \(standings.count { $0.verdict == .admitted })"
            + " · échoués : \(standings.count { $0.verdict == .failed }) · arrêtées par le surveillant : \(standings.count { $0.verdict == .stoppedBySurveillant })"
            + " · absents : \(standings.count { $0.verdict == .absent })")
        out.append("")

        out.append("CANDIDATS")
        let lines = Dictionary(board.lines.map { ($0.candidate.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows = [["Candidat", "Classe", "Tps+", "Poste", "Note", "Résultat"]]
        for standing in standings {
            let line = lines[standing.candidate.id]
            rows.append([standing.candidate.displayName, standing.candidate.className, standing.extraTime ? "oui" : "",
                         line?.terminalId ?? "", standing.note, standing.verdictText])
        }
        out.append(contentsOf: Self.table(rows))
        out.append("")

        out.append("ACTIONS DU SURVEILLANT")
        let actions = closing.log.filter { $0.kind != .incident }
        if actions.isEmpty { out.append("(aucune)") }
        for entry in actions {
            let about = entry.candidateId.map { " — \(who($0))" } ?? ""
            out.append("\(time(entry.at))  \(Self.label(entry.kind))\(about)\(entry.detail.isEmpty ? "" : " : \(entry.detail)")")
        }
        out.append("")

        out.append("INCIDENTS")
        let incidents = closing.log.filter { $0.kind == .incident }
        if incidents.isEmpty { out.append("(aucun)") }
        for entry in incidents {
            out.append("\(time(entry.at))  \(entry.candidateId.map { "\(who($0)) : " } ?? "")\(entry.detail)")
        }
        out.append("")

        out.append("SIGNALEMENTS DES CANDIDATS")
        if board.alerts.isEmpty { out.append("(aucun)") }
        for alert in board.alerts {
            let outcome: String
            switch alert.status {
            case .pending: outcome = "sans réponse"
            case .accepted: outcome = "accepté\(alert.decidedAt.map { " à \(time($0))" } ?? "") : question neutralisée, note sur \(session.questionIds.count - 1)"
            case .rejected: outcome = "rejeté\(alert.decidedAt.map { " à \(time($0))" } ?? "")"
            }
            out.append("\(time(alert.raisedAt))  \(who(alert.candidateId)), question \(alert.position) (\(alert.questionId)) : "
                + "\(Self.label(alert.kind)) — \(outcome)")
        }
        if !closing.forced.isEmpty {
            out.append("")
            out.append("ÉPREUVES EN COURS À LA CLÔTURE (--force)")
            for line in closing.forced {
                out.append("\(line.candidate.displayName) : \(line.question.map { "question \($0)/\(line.questionCount)" } ?? "résultat non reçu")"
                    + ", arrêtée (\(CenterService.forcedCloseReason))")
            }
        }
        out.append("")
        out.append("Règle de la note : une question neutralisée (signalement accepté) ne compte pas ; la note est alors sur 19 et le")
        out.append("seuil garde sa proportion (10/20 devient 10 bonnes réponses sur 19, 9 sur 18).")
        out.append("")
        out.append("Le surveillant : ______________________    Le responsable d'établissement : ______________________")
        return out.joined(separator: "\n") + "\n"
    }

    static func label(_ kind: SessionLogKind) -> String {
        switch kind {
        case .presenceConfirmed: "Présence confirmée"
        case .transferAuthorized: "Reprise autorisée sur un autre poste"
        case .attemptStopped: "Épreuve arrêtée"
        case .accessCodeReissued: "Nouveau code d'accès"
        case .surveillantCodeReissued: "Nouveau code surveillant"
        case .incident: "Incident"
        case .alertAccepted: "Signalement accepté"
        case .alertRejected: "Signalement rejeté"
        case .sessionClosed: "Épreuve close"
        }
    }

    static func label(_ kind: AlertKind) -> String {
        switch kind {
        case .unreadable: "question illisible"
        case .display: "problème d'affichage"
        case .other: "autre problème"
        }
    }

    static let time: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }()

    static func table(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { column in rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
