import Foundation

extension ExamDocuments {
    /// The handbook's attestation (§8) for each candidate **Admis**, class by class, one landscape
    /// A4 each: title and wording of the attestation, the candidate, the establishment, date and
    /// place, boxes for the head's visa, the stamp and the candidate's signature. `candidate`
    /// limits it to one candidate (by id); `duplicata` marks it « DUPLICATA » (§10.3).
    public static func attestations(_ input: DocumentInput, candidate: String? = nil,
                                    duplicata: Bool = false) throws(DocumentError) -> Document {
        let session = input.session
        guard session.type != .entrainement else {
            throw .unavailable("Attestations : l'épreuve \(session.number) est un entraînement ; seul un examen donne une attestation.")
        }
        try input.requireEstablishment("Attestations", [.name, .academie, .commune])
        var chosen = input.candidates.filter { $0.result?.verdict == .admis }
        if let id = candidate {
            guard let one = input.candidates.first(where: { $0.id == id }) else {
                throw .unavailable("Attestations : aucun candidat « \(id) » dans l'épreuve \(session.number).")
            }
            guard one.result?.verdict == .admis else {
                let state = one.result?.verdict.label ?? "sans résultat"
                throw .unavailable("Attestations : \(one.displayName) n'est pas admis à l'épreuve \(session.number) (\(state)) ; pas d'attestation.")
            }
            chosen = [one]
        }
        guard !chosen.isEmpty else {
            throw .unavailable("Attestations : aucun candidat admis à l'épreuve \(session.number) ; aucune attestation à imprimer.")
        }
        let paper = Paper.a4Landscape
        let outer = paper.bounds.inset(by: Insets(all: mm(10)))
        let inner = outer.inset(by: Insets(all: 5))
        let area = inner.inset(by: Insets(vertical: mm(10), horizontal: mm(16)))
        let pages = French.byClass(chosen).map { candidate in
            Page(paper: paper, frames: [Frame(area, attestation(candidate, input, duplicata: duplicata), centredVertically: true)],
                 borders: [Border(outer, stroke: Stroke(width: 2.2, color: .accent)),
                           Border(inner, stroke: Stroke(width: 0.6, color: .accent))],
                 watermark: duplicata ? Watermark("DUPLICATA") : nil)
        }
        return Document(title: "Attestations — épreuve \(session.number)", author: input.establishment.name,
                        sections: [.pages(pages)])
    }

    private static func attestation(_ candidate: DocumentCandidate, _ input: DocumentInput, duplicata: Bool) -> [Block] {
        let wording = AttestationWording(input.session.profile)
        let establishment = input.establishment
        let zone = input.zone
        let field = TextStyle(family: .serif, size: 14, fit: .shrinkThenWrap(minSize: 12), lineSpacing: 1.1, spaceAfter: 9)
        // « Prénom : » never ends a line without its value.
        func label(_ text: String) -> TextRun { TextRun(text + French.nbsp + ":" + French.nbsp) }
        func value(_ text: String) -> TextRun { TextRun(text, bold: true) }
        let gap = TextRun(String(repeating: French.nbsp, count: 3) + " ")
        let date = French.dayMonthYear(candidate.result?.date ?? input.session.start, zone)
        var blocks: [Block] = []
        if duplicata {
            blocks += [
                .columns(Columns([.init(.share(3), []), .init(.share(1), [
                    .box(Box([.text("DUPLICATA", TextStyle(size: 12, bold: true, color: .failure, alignment: .center))],
                             border: Stroke(width: 1.2, color: .failure), padding: Insets(all: 4))),
                ])])),
                .spacer(10),
            ]
        }
        blocks.append(.text(French.typeset(wording.title), TextStyle(size: 22, bold: true, color: .accent, alignment: .center,
                                                                      fit: .shrinkThenWrap(minSize: 14))))
        if let mandatory = wording.mandatoryLine {
            blocks.append(.text(mandatory, TextStyle(size: 11.5, bold: true, color: .accent, alignment: .center)))
        }
        blocks += [
            .text(French.typeset("Session \(French.year(input.session.start, zone)) · épreuve du \(French.longDate(input.session.start, zone))"),
                  TextStyle(size: 9.5, color: .muted, alignment: .center)),
            .spacer(20),
            .text(French.typeset(wording.deliveredTo), TextStyle(family: .serif, size: 14, italic: true, spaceAfter: 14)),
            .text(runs: [label("Nom"), value(candidate.lastName.uppercased()), gap, label("Prénom"), value(candidate.firstName)], field),
            .text(runs: [label("Date de naissance"), value(candidate.birthDate?.french ?? "…………………")], field),
            .text(runs: [label("Académie"), value(establishment.academie), gap, label("Établissement"), value(establishment.name)], field),
            .text(runs: [TextRun("Fait à "), value(establishment.commune), TextRun(", le "), value(date)], field),
            .spacer(12),
            .columns(Columns(["Visa du responsable d'établissement", "Cachet de l'établissement", "Signature du candidat"].map {
                .init(.share(1), [.box(Box([.text(French.typeset($0), TextStyle(size: 9, color: .muted, alignment: .center))],
                                           border: Stroke(width: 0.7, color: .gray(0.4)), minHeight: 100, cornerRadius: 3))])
            }, gap: 18)),
            .spacer(16),
            .text(French.typeset("UN SEUL DUPLICATA PEUT ÊTRE PRODUIT PAR L'ÉTABLISSEMENT ORGANISATEUR DES ÉPREUVES"),
                  TextStyle(size: 8.5, bold: true, alignment: .center, spaceAfter: 4)),
            .text(French.typeset(wording.notice), TextStyle(size: 8.5, color: .muted, alignment: .center)),
        ]
        return blocks
    }
}
