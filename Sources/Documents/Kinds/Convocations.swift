import ExamKit
import Foundation

/// One convocation per A4 sheet, or two A5 convocations side by side on a landscape A4 sheet.
public enum ConvocationsPerSheet: Int, Sendable, Hashable, CaseIterable {
    case one = 1
    case two = 2
}

extension ExamDocuments {
    /// One convocation per candidate, class by class (the handbook's model, §5.1): the
    /// establishment, the candidate, the date, time and room, what the attestation is for, the
    /// session's own text, « Épreuve de rattrapage » when it is one, and the head's signature.
    public static func convocations(_ input: DocumentInput, perSheet: ConvocationsPerSheet = .one) throws(DocumentError) -> Document {
        try input.requireEstablishment("Convocations", [.name, .address, .commune])
        try input.requireCandidates("Convocations")
        if let text = input.session.additionalText, text.count > DocumentSession.additionalTextLimit {
            throw .unavailable("Convocations : le texte de l'épreuve \(input.session.number) fait \(text.count) caractères, \(DocumentSession.additionalTextLimit) au plus.")
        }
        let candidates = French.byClass(input.candidates)
        var pages: [Page] = []
        switch perSheet {
        case .one:
            let paper = Paper.a4
            let area = paper.bounds.inset(by: Insets(vertical: mm(18), horizontal: mm(20)))
            pages = candidates.map { Page(paper: paper, frames: [Frame(area, convocation($0, input, compact: false))]) }
        case .two:
            let paper = Paper.a4Landscape
            let half = paper.size.width / 2
            for start in stride(from: 0, to: candidates.count, by: 2) {
                let pair = candidates[start..<min(start + 2, candidates.count)]
                let frames = pair.enumerated().map { index, candidate in
                    Frame(Rect(x: Double(index) * half, y: 0, width: half, height: paper.size.height)
                        .inset(by: Insets(vertical: mm(10), horizontal: mm(12))), convocation(candidate, input, compact: true))
                }
                let cut = Line(from: Point(x: half, y: 0), to: Point(x: half, y: paper.size.height), marker: "✂")
                pages.append(Page(paper: paper, frames: frames, lines: [cut]))
            }
        }
        return Document(title: "Convocations — épreuve \(input.session.number)", author: input.establishment.name,
                        sections: [.pages(pages)])
    }

    private static func convocation(_ candidate: DocumentCandidate, _ input: DocumentInput, compact: Bool) -> [Block] {
        let session = input.session
        let k = compact ? 0.82 : 1.0
        let wording = AttestationWording(session.profile)
        let establishment = input.establishment
        let letter = Styles.serifBody.with { $0.size = 11 * k; $0.spaceAfter = 8 * k }
        var left: [Block] = [
            .text(establishment.name, TextStyle(size: 10 * k, bold: true)),
            .text(establishment.address, TextStyle(size: 9 * k)),
        ]
        // The handbook's « Code postal + COMMUNE », unless the address already ends with it.
        if !establishment.address.lowercased().contains(establishment.commune.lowercased()) {
            left.append(.text(establishment.commune.uppercased(), TextStyle(size: 9 * k)))
        }
        let right: [Block] = [
            .text(establishment.academie.isEmpty ? "" : "Académie de \(establishment.academie)",
                  TextStyle(size: 8.5 * k, color: .muted, alignment: .right)),
            .text(establishment.uai.isEmpty ? "" : "UAI \(establishment.uai)", TextStyle(size: 8.5 * k, color: .muted, alignment: .right)),
        ]
        var blocks: [Block] = [
            .columns(Columns([.init(.share(3), left), .init(.share(2), right)])),
            .spacer(22 * k),
            .text("CONVOCATION", TextStyle(size: 20 * k, bold: true, color: .accent, alignment: .center, letterSpacing: 2)),
            .text(French.typeset("à l'épreuve \(wording.ofTheAttestation) (\(session.profile.id)) — session \(French.year(session.start, input.zone))"),
                  TextStyle(size: 10.5 * k, bold: true, color: .accent, alignment: .center, spaceAfter: 4)),
        ]
        if session.rattrapage {
            blocks.append(.box(Box([.text("Épreuve de rattrapage", TextStyle(size: 11 * k, bold: true, color: .white, alignment: .center))],
                                   border: nil, fill: .failure, padding: Insets(vertical: 3, horizontal: 6))))
        }
        var identity: [Block] = [
            .text(candidate.addressName, TextStyle(size: 13 * k, bold: true, fit: .wrap)),
            .text("Classe \(candidate.className)", TextStyle(size: 9.5 * k)),
        ]
        if let birth = candidate.birthDate {
            identity.append(.text("Né(e) le \(birth.french)", TextStyle(size: 9.5 * k, color: .muted)))
        }
        var summons = [
            TextRun(French.typeset("Vous êtes prié(e) de vous présenter à l'épreuve de l'\(session.profile.id), muni(e) de cette convocation et d'une pièce d'identité, le ")),
            TextRun.bold(French.dateAndTime(session.start, input.zone)),
        ]
        if let room = session.room, !room.isEmpty {
            summons += [TextRun(", "), .bold("salle \(room)")]
        }
        summons.append(TextRun("."))
        blocks += [
            .spacer(16 * k),
            .columns(Columns([.init(.share(1), []),
                              .init(.share(compact ? 3 : 1.4), [.box(Box(identity, border: .thin, padding: Insets(all: 8 * k)))])])),
            .spacer(18 * k),
            .text(runs: summons, letter),
            .text(French.typeset(wording.purpose), letter),
            .text(French.typeset("L'épreuve compte \(session.profile.questionCount) questions ; vous disposez de \(candidate.extraTime ? session.profile.extraTimeAnswerSeconds : session.profile.answerSeconds) secondes pour répondre à chacune\(candidate.extraTime ? " (temps majoré)" : "")."),
                  letter),
        ]
        if let text = session.additionalText?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            blocks.append(.box(Box([.text(French.typeset(text), letter.with { $0.spaceAfter = 0; $0.alignment = .left })],
                                   border: nil, fill: .shade, padding: Insets(all: 8 * k))))
            blocks.append(.spacer(8 * k))
        }
        let rules = [
            "Présentez cette convocation et une pièce d'identité à l'entrée de la salle.",
            "Les sacs sont regroupés à l'avant de la salle ; aucun matériel n'est autorisé.",
            "Le silence absolu est de rigueur et aucun candidat ne sort pendant l'épreuve.",
        ]
        blocks.append(.box(Box([.text(French.typeset("Le jour de l'épreuve"), TextStyle(size: 9 * k, bold: true, spaceAfter: 3))]
            + rules.map { .text("•  " + French.typeset($0), TextStyle(size: 9 * k, spaceAfter: 2)) },
            border: Stroke(width: 0.6, color: .line), padding: Insets(all: 8 * k))))
        blocks += [
            .spacer(14 * k),
            .columns(Columns([.init(.share(1), []), .init(.share(1), [
                .text(French.typeset("À \(establishment.commune),"), TextStyle(family: .serif, size: 10.5 * k)),
                .text(French.typeset("le responsable d'établissement"), TextStyle(family: .serif, size: 10.5 * k)),
            ])])),
        ]
        return blocks
    }
}
