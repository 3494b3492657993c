import ExamKit
import Foundation

/// The type styles every document shares.
enum Styles {
    static let title = TextStyle(size: 16, bold: true, color: .accent, spaceAfter: 2)
    static let heading = TextStyle(size: 12, bold: true, color: .accent, spaceAfter: 4)
    static let subheading = TextStyle(size: 10, bold: true, spaceAfter: 2)
    static let body = TextStyle(size: 9.5, lineSpacing: 1.1)
    static let serifBody = TextStyle(family: .serif, size: 11, alignment: .justify, lineSpacing: 1.15, spaceAfter: 8)
    static let small = TextStyle(size: 8, color: .muted)
    static let cell = TextStyle(size: 8.5)
    static let cellBold = TextStyle(size: 8.5, bold: true)
    static let headerCell = TextStyle(size: 8, bold: true, fit: .wrapWords(minSize: 5.5))
    /// Names in a table cell: wrapped, never past the cell.
    static let nameCell = TextStyle(size: 8.5, bold: true)
    static let code = TextStyle(family: .mono, size: 22, bold: true, alignment: .center, fit: .shrink(minSize: 12),
                                letterSpacing: 1.5)
}

extension DocumentSessionType {
    /// The type as the handbook names it.
    var label: String {
        switch self {
        case .examen: "Examen"
        case .entrainement: "Entraînement"
        case .horsLigne: "Examen (sans accès internet)"
        }
    }
}

extension DocumentInput {
    var zone: TimeZone { session.timeZone }

    /// « ASSR1 · Examen « Nom » · n° 832648 ».
    var sessionLine: String {
        French.typeset("\(session.profile.id) · \(session.type.label) « \(session.name) » · épreuve n° ")
            + French.keep(session.number)
    }

    /// « lundi 14 décembre 2026 à 9 h 00 · salle B12 ».
    var whenAndWhere: String {
        var parts = [French.dateAndTime(session.start, zone)]
        if let room = session.room, !room.isEmpty { parts.append("salle" + French.nbsp + room) }
        return parts.joined(separator: " · ")
    }

    /// Capitalised first letter, for a line that starts with the date.
    var whenAndWhereCapitalised: String {
        whenAndWhere.prefix(1).uppercased() + whenAndWhere.dropFirst()
    }

    /// The header of a flowed document: establishment, document title, session facts.
    func header(_ title: String, extra: [String] = []) -> [Block] {
        let establishmentLine = [establishment.name, establishment.uai.isEmpty ? nil : "UAI \(establishment.uai)",
                                 establishment.academie.isEmpty ? nil : "Académie de \(establishment.academie)"]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        var facts: [TextRun] = []
        if session.rattrapage { facts.append(TextRun("Épreuve de rattrapage\n", bold: true, color: .failure)) }
        facts.append(TextRun(([sessionLine, whenAndWhereCapitalised] + extra).map(French.typeset).joined(separator: "\n")))
        return [
            .text(establishmentLine, Styles.small.with { $0.fit = .ellipsize; $0.spaceAfter = 3 }),
            .text(French.typeset(title), Styles.title),
            .text(runs: facts, Styles.body.with { $0.spaceAfter = 4 }),
            .rule(Stroke(width: 0.8, color: .accent)),
        ]
    }

    /// Footer line of flowed documents.
    var footer: Footer {
        Footer(French.typeset("\(establishment.name) · \(session.profile.id) « \(session.name) » · n° \(session.number)"))
    }

    /// Refuses a document whose establishment lacks a field it prints.
    func requireEstablishment(_ document: String, _ fields: [EstablishmentField]) throws(DocumentError) {
        let missing = fields.filter { $0.value(in: establishment).trimmingCharacters(in: .whitespaces).isEmpty }
        guard missing.isEmpty else {
            throw .establishmentIncomplete(document: document, missing: missing.map(\.label))
        }
    }

    func requireCandidates(_ document: String) throws(DocumentError) {
        guard !candidates.isEmpty else {
            throw .unavailable("\(document) : l'épreuve \(session.number) n'a aucun candidat.")
        }
    }

    func requireQuestions(_ document: String, withKey: Bool) throws(DocumentError) {
        guard !questions.isEmpty else {
            throw .unavailable("\(document) : les questions de l'épreuve \(session.number) ne sont pas fournies.")
        }
        if withKey, let bare = questions.first(where: { !$0.hasKey }) {
            throw .unavailable("\(document) : la question \(bare.id) n'a pas de réponse attendue.")
        }
    }
}

enum EstablishmentField {
    case name, uai, academie, commune, address

    var label: String {
        switch self {
        case .name: "le nom"
        case .uai: "l'UAI"
        case .academie: "l'académie"
        case .commune: "la commune"
        case .address: "l'adresse"
        }
    }

    func value(in establishment: Establishment) -> String {
        switch self {
        case .name: establishment.name
        case .uai: establishment.uai
        case .academie: establishment.academie
        case .commune: establishment.commune
        case .address: establishment.address
        }
    }
}

extension Table.Cell {
    /// A cell of typeset French text.
    static func text(_ text: String, _ style: TextStyle = Styles.cell, fill: Color? = nil) -> Table.Cell {
        Table.Cell(French.typeset(text), style, fill: fill)
    }

    static func header(_ text: String, alignment: TextAlignment = .left) -> Table.Cell {
        Table.Cell(French.typeset(text), Styles.headerCell.with { $0.alignment = alignment })
    }
}
