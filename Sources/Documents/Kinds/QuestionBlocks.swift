import ExamKit
import Foundation

/// A question as printed in the corrigé (with its key and explanation) or in the paper booklet
/// (without): theme, situation, prompt, how many answers are expected, the lettered choices.
enum QuestionBlocks {
    static func blocks(_ question: Question, number: Int, of total: Int, input: DocumentInput, withKey: Bool) -> Block {
        var blocks: [Block] = [
            .text(runs: [
                TextRun("Question \(number)/\(total)", bold: true, color: .accent),
                TextRun(French.typeset(" · \(input.themeLabel(question.theme))"
                    + (question.competence.isEmpty ? "" : " — \(question.competence)")), color: .muted),
            ], TextStyle(size: 9, fit: .wrap, spaceAfter: 3)),
        ]
        if let situation = question.situation?.trimmingCharacters(in: .whitespacesAndNewlines), !situation.isEmpty {
            blocks.append(.box(Box(prose(situation, TextStyle(family: .serif, size: 9.5, italic: true, lineSpacing: 1.1)),
                                   border: nil, fill: .gray(0.95), padding: Insets(vertical: 5, horizontal: 8))))
            blocks.append(.spacer(4))
        }
        let several = question.expectsSeveralAnswers
        blocks += [
            .text(French.typeset(unwrapped(question.prompt)), TextStyle(size: 10.5, bold: true, lineSpacing: 1.05, spaceAfter: 2)),
            .text(several ? "Plusieurs réponses sont attendues" : "Une seule réponse est attendue",
                  TextStyle(size: 7.5, bold: true, color: several ? .failure : .success, spaceAfter: 3)),
        ]
        let expected = Set(question.answer)
        blocks.append(.table(Table(
            columns: [.points(22), .share(1)],
            rows: question.choices.enumerated().map { index, choice in
                let right = withKey && expected.contains(index)
                return Table.Row([
                    Table.Cell([.checkbox(Checkbox(size: 11, state: right ? .filled : .empty, label: ChoiceLetter.letter(index)))]),
                    Table.Cell(Paragraph(runs: [
                        TextRun(ChoiceLetter.letter(index) + ". ", bold: true),
                        TextRun(French.typeset(choice), bold: right ? true : nil, color: right ? .success : nil),
                    ], TextStyle(size: 9.5))),
                ])
            }, grid: nil, padding: Insets(vertical: 2, horizontal: 3), headerFill: nil)))
        if withKey {
            blocks += [
                .spacer(3),
                .text(runs: [
                    TextRun(French.typeset("Réponse attendue : "), bold: true),
                    TextRun(ChoiceLetter.letters(question.answer).joined(separator: ", "), bold: true, color: .success),
                ], TextStyle(size: 9.5, spaceAfter: 2)),
            ] + prose(question.explanation, TextStyle(size: 9, lineSpacing: 1.1, spaceAfter: 2))
            if let reference = question.reference, !reference.isEmpty {
                blocks.append(.text(French.typeset("Référence : \(reference)"), Styles.small))
            }
        }
        blocks += [.spacer(6), .rule(Stroke(width: 0.4, color: .gray(0.75))), .spacer(8)]
        return .keepTogether(blocks)
    }

    /// Content text is wrapped by hand in YAML: paragraphs (blank-line separated) are joined into
    /// lines pango wraps itself, except a drawing (several spaces in a row, ASCII art), kept as
    /// typed in monospace.
    static func prose(_ text: String, _ style: TextStyle) -> [Block] {
        text.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n").map { paragraph in
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false)
            let drawn = lines.contains { $0.trimmingCharacters(in: .whitespaces).contains("  ") }
            return drawn ? .text(paragraph, TextStyle(family: .mono, size: style.size * 0.85, spaceAfter: style.spaceAfter))
                : .text(French.typeset(unwrapped(paragraph)), style)
        }
    }

    static func unwrapped(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
