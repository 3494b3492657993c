import ExamKit
import Foundation

extension ExamDocuments {
    /// The session's questions with their situation, choices, expected answers and explanation,
    /// after a table of the expected letters. For a training at any time, for an exam once it is
    /// over.
    public static func corrige(_ input: DocumentInput) throws(DocumentError) -> Document {
        let session = input.session
        try input.requireEstablishment("Corrigé", [.name])
        guard session.type == .entrainement || session.isOver else {
            throw .unavailable("Corrigé : l'examen \(session.number) n'est pas terminé ; son corrigé s'imprime une fois l'épreuve finie.")
        }
        try input.requireQuestions("Corrigé", withKey: true)
        let questions = input.questions
        let header = input.header("Corrigé", extra: [
            "\(questions.count) questions · admis à partir de \(session.profile.passMark)/\(questions.count)",
        ])
        var content: [Block] = [
            .text("Réponses attendues", Styles.heading),
            answerKeyTable(questions),
            .spacer(14),
        ]
        for (index, question) in questions.enumerated() {
            content.append(QuestionBlocks.blocks(question, number: index + 1, of: questions.count, input: input, withKey: true))
        }
        return Document(title: "Corrigé — épreuve \(session.number)", author: input.establishment.name,
                        sections: [.flow(Flow(header: header, footer: input.footer, content: content))])
    }

    /// Question numbers over their expected letters, ten per line pair.
    static func answerKeyTable(_ questions: [Question]) -> Block {
        let perLine = 10
        var rows: [Table.Row] = []
        for start in stride(from: 0, to: questions.count, by: perLine) {
            let slice = Array(questions[start..<min(start + perLine, questions.count)].enumerated())
            let padding = Array(repeating: Table.Cell.empty, count: perLine - slice.count)
            rows.append(Table.Row(slice.map { offset, _ in
                .header("\(start + offset + 1)", alignment: .center)
            } + padding, fill: .shade))
            rows.append(Table.Row(slice.map { _, question in
                Table.Cell(ChoiceLetter.letters(question.answer).joined(separator: " "),
                           TextStyle(size: 11, bold: true, color: .success, alignment: .center))
            } + padding, minHeight: 20))
        }
        return .table(Table(columns: Array(repeating: .share(1), count: perLine), rows: rows, headerFill: nil))
    }
}
