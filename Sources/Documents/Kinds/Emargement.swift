import Foundation

extension ExamDocuments {
    /// The attendance sheet: the session's facts, then one line per candidate in alphabetical
    /// order with a signature box and « ✓ » under Tps+ for extra time; the header repeats on every
    /// page; the surveillant's counts and signature at the end.
    public static func emargement(_ input: DocumentInput) throws(DocumentError) -> Document {
        try input.requireEstablishment("Feuille d'émargement", [.name, .uai])
        try input.requireCandidates("Feuille d'émargement")
        let candidates = French.alphabetical(input.candidates)
        let extraTime = candidates.count(where: \.extraTime)
        let surveillant = input.session.surveillant.flatMap { $0.isEmpty ? nil : $0 }
        let header = input.header("Feuille d'émargement", extra: [
            "Surveillant : " + (surveillant ?? String(repeating: ".", count: 40)),
            "\(French.count(candidates.count, "candidat inscrit", "candidats inscrits")), dont \(extraTime) en temps majoré (Tps+)",
        ])
        let table = Table(
            columns: [.points(22), .share(1.5), .share(1.1), .points(42), .points(34), .points(140)],
            header: Table.Row([.header("N°", alignment: .right), .header("Nom"), .header("Prénom"), .header("Classe"),
                               .header("Tps+", alignment: .center), .header("Signature")]),
            rows: candidates.enumerated().map { index, candidate in
                Table.Row([
                    .text("\(index + 1)", Styles.cell.with { $0.alignment = .right; $0.color = .muted }),
                    Table.Cell(candidate.lastName.uppercased(), Styles.nameCell),
                    Table.Cell(candidate.firstName, Styles.cell),
                    Table.Cell(candidate.className, Styles.cell),
                    Table.Cell(candidate.extraTime ? "✓" : "", Styles.cellBold.with { $0.alignment = .center; $0.size = 10 }),
                    .empty,
                ], minHeight: 26)
            },
            zebra: .gray(0.965))
        let closing: Block = .keepTogether([
            .spacer(14),
            .columns(Columns([
                .init(.share(1), [.box(Box([
                    .text("Présents : ............", Styles.body),
                    .spacer(6),
                    .text("Absents : ............", Styles.body),
                ], minHeight: 70))]),
                .init(.share(1), [.box(Box([.text("Observations, incidents", Styles.small)], minHeight: 70))]),
                .init(.share(1), [.box(Box([.text("Signature du surveillant", Styles.small)], minHeight: 70))]),
            ])),
        ])
        let flow = Flow(header: header, footer: input.footer, content: [.table(table), closing])
        return Document(title: "Feuille d'émargement — épreuve \(input.session.number)", author: input.establishment.name,
                        sections: [.flow(flow)])
    }
}
