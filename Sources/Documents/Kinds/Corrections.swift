import ExamKit
import Foundation

extension ExamDocuments {
    /// The marker's grid for a paper exam: expected letters per question, the A–F boxes to tick
    /// filled black (lay it over an answer grid), then a sheet to note each candidate's mark.
    public static func corrections(_ input: DocumentInput) throws(DocumentError) -> Document {
        let session = input.session
        try requireOffline(input, "Corrections")
        try input.requireEstablishment("Corrections", [.name])
        try input.requireQuestions("Corrections", withKey: true)
        let questions = input.questions
        let header = Table.Row([.header("Question", alignment: .center), .header("Thème"), .header("Attendu", alignment: .center)]
            + ChoiceLetter.all.map { .header(String($0), alignment: .center) })
        let rows = questions.enumerated().map { index, question in
            let expected = Set(question.answer)
            return Table.Row([
                Table.Cell("\(index + 1)", TextStyle(size: 10, bold: true, alignment: .center)),
                Table.Cell(input.themeLabel(question.theme), Styles.cell),
                Table.Cell(ChoiceLetter.letters(question.answer).joined(separator: " "),
                           TextStyle(family: .mono, size: 12, bold: true, color: .success, alignment: .center)),
            ] + ChoiceLetter.all.indices.map { letter in
                let state: Checkbox.State = letter >= question.choices.count ? .unavailable : expected.contains(letter) ? .filled : .empty
                return Table.Cell([.checkbox(Checkbox(size: 12, state: state, label: ChoiceLetter.letter(letter)))])
            }, minHeight: 22)
        }
        let rules: Block = .box(Box([
            .text(French.typeset("Une question est juste lorsque les cases cochées sont exactement les réponses attendues (toutes, et elles seules). La note est le nombre de questions justes sur \(questions.count) ; admis à partir de \(session.profile.passMark)/\(questions.count)."),
                  Styles.body.with { $0.spaceAfter = 3 }),
            .text(French.typeset("Saisie : epreuve-center results enter \(session.number) CANDIDAT --reponses \"AC,B,,D,…\" (les \(questions.count) réponses dans l'ordre du livret), ou --note N."),
                  Styles.body.with { $0.family = .mono; $0.size = 8 }),
        ], border: nil, fill: .shade, padding: Insets(all: 8)))
        let key = Table(columns: [.points(54), .share(1), .points(62)] + Array(repeating: .points(30), count: ChoiceLetter.all.count),
                        header: header, rows: rows, zebra: .gray(0.965))
        let candidates = French.alphabetical(input.candidates)
        let marks = Table(
            columns: [.points(22), .share(1.4), .share(1), .points(40), .points(34), .share(1.6), .points(50)],
            header: Table.Row([.header("N°", alignment: .right), .header("Nom"), .header("Prénom"), .header("Classe"),
                               .header("Tps+", alignment: .center), .header("Réponses relevées"), .header("Note", alignment: .center)]),
            rows: candidates.enumerated().map { index, candidate in
                Table.Row([
                    .text("\(index + 1)", Styles.cell.with { $0.alignment = .right; $0.color = .muted }),
                    Table.Cell(candidate.lastName.uppercased(), Styles.nameCell),
                    Table.Cell(candidate.firstName, Styles.cell),
                    Table.Cell(candidate.className, Styles.cell),
                    Table.Cell(candidate.extraTime ? "✓" : "", Styles.cellBold.with { $0.alignment = .center }),
                    .empty,
                    Table.Cell("/ \(questions.count)", Styles.cell.with { $0.alignment = .right; $0.color = .muted }),
                ], minHeight: 20)
            }, zebra: .gray(0.965))
        var content: [Block] = [rules, .spacer(10), .table(key)]
        if !candidates.isEmpty {
            content += [.pageBreak, .text("Relevé des notes", Styles.heading), .table(marks)]
        }
        let flow = Flow(header: input.header("Grille de correction"), footer: input.footer, content: content)
        return Document(title: "Grille de correction — épreuve \(session.number)", author: input.establishment.name,
                        sections: [.flow(flow)])
    }
}
