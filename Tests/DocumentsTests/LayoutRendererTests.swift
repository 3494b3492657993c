@testable import Documents
import Foundation
import Testing

/// The layout model and its one renderer: pagination, fitting, overflow reports, files.
@Suite(.serialized) struct LayoutRendererTests {
    static func flow(_ content: [Block], header: [Block] = []) -> Document {
        Document(title: "Essai", sections: [.flow(Flow(header: header, footer: Footer("Pied"), content: content))])
    }

    @Test func aLongTableIsSplitBetweenRowsWithItsHeaderOnEveryPage() throws {
        let table = Table(columns: [.points(60), .share(1)],
                          header: Table.Row([Table.Cell("Numéro", TextStyle(bold: true)), Table.Cell("Libellé", TextStyle(bold: true))]),
                          rows: (1...120).map { Table.Row([Table.Cell("\($0)", TextStyle()), Table.Cell("Ligne \($0)", TextStyle())]) })
        let pdf = try RenderedPDF.make(Self.flow([.table(table)], header: [.text("En-tête du document", TextStyle())]), name: "table")
        #expect(pdf.pageCount >= 3)
        #expect(pdf.pages.allSatisfy { $0.contains("Numéro") && $0.contains("En-tête du document") })
        #expect(pdf.pages.enumerated().allSatisfy { $1.contains("Page \($0 + 1)/\(pdf.pageCount)") })
        let order = (1...120).map { row in pdf.text.range(of: "Ligne \(row)\n")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(pdf.summary.overflows.isEmpty)
    }

    @Test func keepTogetherMovesAGroupThatDoesNotFitToTheNextPage() throws {
        let group: [Block] = [.box(Box([.text("Bloc A", TextStyle())], minHeight: 40)),
                              .box(Box([.text("Bloc B", TextStyle())], minHeight: 40))]
        // 741 pt of room on the page (A4, 15 mm margins, footer): 670 used, then 2 × 40.
        let start: [Block] = [.box(Box([], border: nil, minHeight: 10)), .spacer(660)]
        let kept = try RenderedPDF.make(Self.flow(start + [.keepTogether(group)]), name: "kept")
        try #require(kept.pageCount == 2)
        #expect(kept.pages[1].contains("Bloc A") && kept.pages[1].contains("Bloc B"))
        let loose = try RenderedPDF.make(Self.flow(start + group), name: "loose")
        try #require(loose.pageCount == 2)
        #expect(loose.pages[0].contains("Bloc A") && loose.pages[1].contains("Bloc B"))
    }

    @Test func contentTallerThanItsFrameIsReported() throws {
        let text = Array(repeating: "Une ligne de texte", count: 12).joined(separator: "\n")
        let page = Page(paper: .a5, frames: [Frame(Rect(x: 20, y: 20, width: 200, height: 40), [.text(text, TextStyle())])])
        let pdf = try RenderedPDF.make(Document(title: "Essai", sections: [.pages([page])]), name: "overflow")
        #expect(pdf.summary.overflows.count == 1)
        #expect(pdf.summary.overflows.first?.hasPrefix("page 1, cadre 1 : le contenu dépasse de ") == true)
    }

    @Test func shrinkKeepsTheWholeLineAndEllipsizeCutsIt() throws {
        let name = "Marie-Françoise-Éléonore de La Rochefoucauld-Montmorency"
        let frame = Rect(x: 20, y: 20, width: 120, height: 200)
        let pages = [TextFit.shrink(minSize: 3), .ellipsize, .wrap, .shrinkThenWrap(minSize: 9)].map { fit in
            Page(paper: .a5, frames: [Frame(frame, [.text(name, TextStyle(size: 14, fit: fit))])])
        }
        let pdf = try RenderedPDF.make(Document(title: "Essai", sections: [.pages(pages)]), name: "fit")
        // Every way stays inside the frame's width (120 pt from x = 20).
        #expect(pdf.words.allSatisfy { $0.allSatisfy { $0.xMin >= 19.5 && $0.xMax <= 140.5 } })
        // pdftotext gives text cut with « … » as one word holding the whole text, spaces included.
        #expect(pdf.words[0].allSatisfy { !$0.text.contains(" ") } && pdf.pages[0].contains(name))
        #expect(pdf.words[1].count == 1 && pdf.words[1][0].text == name)
        #expect(pdf.words[2].allSatisfy { !$0.text.contains(" ") } && pdf.words[2].count > 5)
        // Shrunk to 9 pt, then wrapped: taller than one line, nothing cut.
        #expect(pdf.words[3].allSatisfy { !$0.text.contains(" ") } && Set(pdf.words[3].map(\.yMin)).count > 1)
    }

    @Test func controlCharactersAreDroppedNotTheParagraph() throws {
        let pdf = try RenderedPDF.make(Self.flow([.text("Avant\u{1B}[31m\u{0}Après « ok » & <b>", TextStyle())]), name: "control")
        #expect(pdf.pages[0].contains("Avant[31mAprès « ok » & <b>"))
    }

    @Test func pagesTakeTheirOwnPaperSize() throws {
        let document = Document(title: "Essai", sections: [
            .pages([Page(paper: .a4Landscape, frames: [Frame(Rect(x: 40, y: 40, width: 300, height: 40), [.text("Paysage", TextStyle())])])]),
            .flow(Flow(paper: .a5, content: [.text("Portrait A5", TextStyle())])),
        ])
        let pdf = try RenderedPDF.make(document, name: "sizes")
        #expect(pdf.pageSizes == [Size(width: 841.89, height: 595.276), Size(width: 419.528, height: 595.276)])
    }

    @Test func theFileAppearsWholeAndReplacesAnOlderOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("epreuve-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("papillons-832648.pdf")
        try Data("ancien".utf8).write(to: url)
        let summary = try ExamDocuments.render(Self.flow([.text("Nouveau", TextStyle())]), to: url)
        #expect(summary.pageCount == 1)
        #expect(try Data(contentsOf: url).prefix(5) == Data("%PDF-".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["papillons-832648.pdf"])
    }

    @Test func aMissingFolderIsNamedInTheError() {
        let path = "/nonexistent-\(UUID().uuidString)/papillons-832648.pdf"
        #expect(throws: DocumentError.folderMissing(file: path)) {
            try ExamDocuments.render(Self.flow([]), to: URL(fileURLWithPath: path))
        }
        #expect(DocumentError.folderMissing(file: "/x/papillons-832648.pdf").description
            == "Impossible d'écrire /x/papillons-832648.pdf : le dossier n'existe pas.")
    }

    @Test func aFolderThatRefusesTheFileIsNamedInTheError() throws {
        // /proc accepts no new file, not even from root.
        let url = URL(fileURLWithPath: "/proc/papillons-832648.pdf")
        do {
            try ExamDocuments.render(Self.flow([]), to: url)
            Issue.record("no error for \(url.path)")
        } catch {
            guard case .notWritable(let file, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == url.path)
            #expect(error.description.hasPrefix("Impossible d'écrire /proc/papillons-832648.pdf : "))
        }
    }

    @Test func frenchDatesAndTypography() {
        let paris = SessionFixture.paris
        #expect(French.dateAndTime(SessionFixture.start, paris) == "lundi 14\u{00A0}décembre 2026 à 9\u{00A0}h\u{00A0}00")
        let first = SessionFixture.start.addingTimeInterval(-13 * 86_400 + 5 * 3_600 + 30 * 60)
        #expect(French.dateAndTime(first, paris) == "mardi 1er\u{00A0}décembre 2026 à 14\u{00A0}h\u{00A0}30")
        #expect(French.typeset("Réponse attendue : « B » ; bien ?") == "Réponse attendue\u{00A0}: «\u{00A0}B\u{00A0}»\u{202F}; bien\u{202F}?")
        #expect(French.typeset("l'épreuve") == "l’épreuve")
    }

    @Test func aDocumentNeedsTheEstablishmentsName() {
        var input = SessionFixture.input()
        input.establishment.name = ""
        for kind in PrintKind.allCases where kind != .grille && kind != .corrections {
            #expect(throws: DocumentError.self) { try ExamDocuments.layout(kind, input) }
        }
        #expect(throws: DocumentError.establishmentIncomplete(document: "Papillons", missing: ["le nom"])) {
            try ExamDocuments.papillons(input)
        }
        #expect(PrintKind.papillons.defaultFileName(session: "832648") == "papillons-832648.pdf")
    }
}
