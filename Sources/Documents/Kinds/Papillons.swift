import ExamKit
import Foundation

/// How many slips an A4 sheet holds (`print papillons --par-page 1|2|8`).
public enum SlipsPerPage: Int, Sendable, Hashable, CaseIterable {
    case one = 1
    case two = 2
    case eight = 8

    /// Columns × rows of slips on the sheet, and how much larger than the smallest slip the type is.
    var grid: (columns: Int, rows: Int, scale: Double) {
        switch self {
        case .one: (1, 1, 1.8)
        case .two: (1, 2, 1.45)
        case .eight: (2, 4, 1)
        }
    }
}

extension ExamDocuments {
    /// One login slip per candidate, in alphabetical order: establishment, exam, date, time, room,
    /// name and class, the access code in large type, and how to use it; cut lines between slips.
    public static func papillons(_ input: DocumentInput, perPage: SlipsPerPage = .two) throws(DocumentError) -> Document {
        try input.requireEstablishment("Papillons", [.name])
        try input.requireCandidates("Papillons")
        let candidates = French.alphabetical(input.candidates)
        if let missing = candidates.first(where: { ($0.accessCode ?? "").isEmpty }) {
            throw .unavailable("Papillons : le code d'accès de \(missing.displayName) (\(missing.id)) n'est pas fourni ; réémettez les codes de l'épreuve \(input.session.number) avant d'imprimer.")
        }
        let paper = Paper.a4
        let (columns, rows, scale) = perPage.grid
        let cellWidth = paper.size.width / Double(columns)
        let cellHeight = paper.size.height / Double(rows)
        let padding = 18.0
        var pages: [Page] = []
        for start in stride(from: 0, to: candidates.count, by: perPage.rawValue) {
            let onPage = candidates[start..<min(start + perPage.rawValue, candidates.count)]
            let frames = onPage.enumerated().map { index, candidate in
                let cell = Rect(x: Double(index % columns) * cellWidth, y: Double(index / columns) * cellHeight,
                                width: cellWidth, height: cellHeight)
                return Frame(cell.inset(by: Insets(all: padding)), slip(candidate, input, scale: scale),
                             centredVertically: true)
            }
            var lines: [Line] = []
            for row in 1..<rows {
                let y = Double(row) * cellHeight
                lines.append(Line(from: Point(x: 0, y: y), to: Point(x: paper.size.width, y: y), marker: "✂"))
            }
            for column in 1..<columns {
                let x = Double(column) * cellWidth
                lines.append(Line(from: Point(x: x, y: 0), to: Point(x: x, y: paper.size.height), marker: "✂"))
            }
            pages.append(Page(paper: paper, frames: frames, lines: lines))
        }
        return Document(title: "Papillons — épreuve \(input.session.number)", author: input.establishment.name,
                        sections: [.pages(pages)])
    }

    private static func slip(_ candidate: DocumentCandidate, _ input: DocumentInput, scale s: Double) -> [Block] {
        let session = input.session
        var blocks: [Block] = [
            .text(input.establishment.name, Styles.small.with { $0.size = 7.5 * s; $0.fit = .ellipsize }),
            .spacer(2 * s),
            .text(French.typeset("\(session.profile.id) · \(session.type.label) « \(session.name) »"),
                  TextStyle(size: 9 * s, bold: true, color: .accent, fit: .ellipsize)),
            .text(runs: [
                TextRun("Épreuve n°\(French.nbsp)"), .bold(session.number),
                TextRun(" · " + French.typeset(input.whenAndWhere)),
            ], TextStyle(size: 8 * s, lineSpacing: 1.05)),
        ]
        if session.rattrapage {
            blocks.append(.text("Épreuve de rattrapage", TextStyle(size: 8 * s, bold: true, color: .failure)))
        }
        blocks += [
            .spacer(4 * s),
            .rule(Stroke(width: 0.5, color: .line)),
            .spacer(4 * s),
            .text(candidate.displayName, TextStyle(size: 13 * s, bold: true, fit: .shrinkThenWrap(minSize: 8.5 * s))),
            .text(French.typeset(candidate.extraTime ? "Classe \(candidate.className) · Temps majoré (tiers-temps)"
                                                     : "Classe \(candidate.className)"),
                  TextStyle(size: 8.5 * s, color: .muted, fit: .ellipsize)),
            .spacer(5 * s),
            .box(Box([
                .text(French.typeset("Code d'accès"), Styles.small.with { $0.size = 7 * s; $0.alignment = .center }),
                .text(AccessCode.formatted(candidate.accessCode ?? ""), Styles.code.with { $0.size = 22 * s; $0.letterSpacing = 1.5 * s }),
            ], border: Stroke(width: 0.8, color: .accent), fill: .shade,
                     padding: Insets(vertical: 3 * s, horizontal: 6 * s), cornerRadius: 4 * s)),
            .spacer(4 * s),
            .text(French.typeset("Sur le poste : « Passer une épreuve », numéro \(session.number), puis ce code. Ne le montrez à personne."),
                  TextStyle(size: 7 * s, italic: true, color: .muted)),
        ]
        return blocks
    }
}
