import ExamKit
import Foundation

extension ExamDocuments {
    /// The paper exam (« Examen (sans accès internet) », handbook §5.4): the question booklet, then
    /// one answer grid per candidate (alphabetical order), or a single blank grid when `blank`.
    public static func grille(_ input: DocumentInput, blank: Bool = false) throws(DocumentError) -> Document {
        let session = input.session
        try requireOffline(input, "Grille")
        try input.requireEstablishment("Grille", [.name])
        try input.requireQuestions("Grille", withKey: false)
        if !blank { try input.requireCandidates("Grille") }
        let questions = input.questions
        let profile = session.profile
        let instructions: Block = .box(Box([
            .text("Consignes", Styles.subheading),
            .text(French.typeset("L'épreuve compte \(questions.count) questions. Lisez chaque question dans ce livret, puis cochez sur votre grille de réponses la ou les cases des réponses choisies. Une question est juste lorsque toutes les réponses attendues, et elles seules, sont cochées : admis à partir de \(profile.passMark)/\(questions.count)."),
                  Styles.body.with { $0.spaceAfter = 3 }),
            .text(French.typeset("Temps de réponse : \(profile.answerSeconds) secondes par question (\(profile.extraTimeAnswerSeconds) secondes en temps majoré). N'écrivez rien sur ce livret."),
                  Styles.body),
        ], border: nil, fill: .shade, padding: Insets(all: 8)))
        var booklet: [Block] = [instructions, .spacer(12)]
        for (index, question) in questions.enumerated() {
            booklet.append(QuestionBlocks.blocks(question, number: index + 1, of: questions.count, input: input, withKey: false))
        }
        let bookletFlow = Flow(header: input.header("Livret de questions"), footer: input.footer, content: booklet)
        let candidates: [DocumentCandidate?] = blank ? [nil] : French.alphabetical(input.candidates).map { $0 }
        let paper = Paper.a4
        let area = paper.bounds.inset(by: Insets(vertical: mm(14), horizontal: mm(15)))
        let grids = candidates.map { Page(paper: paper, frames: [Frame(area, answerGrid(for: $0, input))]) }
        return Document(title: "Grille de l'épreuve \(session.number)", author: input.establishment.name,
                        sections: [.flow(bookletFlow), .pages(grids)])
    }

    static func requireOffline(_ input: DocumentInput, _ document: String) throws(DocumentError) {
        guard input.session.type == .horsLigne else {
            throw .unavailable("\(document) : l'épreuve \(input.session.number) n'est pas une épreuve hors ligne (sessions create --type hors-ligne).")
        }
    }

    /// The candidate's answer sheet: identity, a row of A–F boxes per question (greyed where the
    /// question has fewer choices), a column for the marker, the mark.
    private static func answerGrid(for candidate: DocumentCandidate?, _ input: DocumentInput) -> [Block] {
        let questions = input.questions
        let letters = ChoiceLetter.all.count
        let dots = "……………………………"
        let identity: [Block] = [
            .columns(Columns([
                .init(.share(1.3), [.text(runs: [TextRun("Nom : "), TextRun(candidate?.lastName.uppercased() ?? dots, bold: true)],
                                          TextStyle(size: 11, fit: .shrinkThenWrap(minSize: 8)))]),
                .init(.share(1), [.text(runs: [TextRun("Prénom : "), TextRun(candidate?.firstName ?? dots, bold: true)],
                                        TextStyle(size: 11, fit: .shrinkThenWrap(minSize: 8)))]),
            ])),
            .spacer(4),
            .text(runs: [TextRun("Classe : "), TextRun(candidate?.className ?? "…………", bold: true),
                         TextRun(candidate?.extraTime == true ? "   ·   Temps majoré (Tps+)" : "")],
                  TextStyle(size: 10)),
        ]
        let header = Table.Row([.header("Question", alignment: .center), .header("Réponses", alignment: .center)]
            + ChoiceLetter.all.map { .header(String($0), alignment: .center) }
            + [.header("Correcteur", alignment: .center)])
        let rows = questions.enumerated().map { index, question in
            Table.Row([
                Table.Cell("\(index + 1)", TextStyle(size: 10, bold: true, alignment: .center)),
                Table.Cell(question.expectsSeveralAnswers ? "plusieurs" : "une seule",
                           TextStyle(size: 7.5, color: question.expectsSeveralAnswers ? .failure : .success, alignment: .center)),
            ] + (0..<letters).map { letter in
                Table.Cell([.checkbox(Checkbox(size: 12, state: letter < question.choices.count ? .empty : .unavailable,
                                               label: ChoiceLetter.letter(letter)))])
            } + [.empty], minHeight: 23)
        }
        return [
            .text(input.establishment.name, Styles.small.with { $0.fit = .ellipsize; $0.spaceAfter = 2 }),
            .text("Grille de réponses", Styles.title),
            .text(French.typeset(input.sessionLine + " · " + input.whenAndWhere), Styles.body.with { $0.spaceAfter = 6 }),
            .box(Box(identity, border: Stroke(width: 0.8, color: .accent), padding: Insets(all: 8))),
            .spacer(6),
            .text(French.typeset("Cochez nettement (✗) la ou les cases de vos réponses. Une case grisée n'est pas une réponse possible."),
                  Styles.small.with { $0.spaceAfter = 4 }),
            .table(Table(columns: [.points(52), .points(58)] + Array(repeating: .share(1), count: letters) + [.points(64)],
                         header: header, rows: rows, zebra: .gray(0.965))),
            .spacer(10),
            .columns(Columns([
                .init(.share(1), [.box(Box([.text("Note", Styles.small), .spacer(8),
                                            .text("……… / \(questions.count)", TextStyle(size: 14, bold: true, alignment: .center))],
                                           minHeight: 58))]),
                .init(.share(2), [.box(Box([.text("Nom et signature du correcteur", Styles.small)], minHeight: 58))]),
            ])),
        ]
    }
}
