import CPangoCairo
import Foundation

/// What rendering produced.
public struct RenderSummary: Sendable, Hashable {
    public let pageCount: Int
    /// Content that did not fit where it was placed (cut at the frame or page edge), one French
    /// line each; empty for a well-made layout.
    public let overflows: [String]
}

/// The one place where a `Document` becomes drawing: cairo's PDF surface, text by pango.
public enum DocumentRenderer {
    /// Writes the document as a PDF file at `url`. The file appears whole or not at all: the PDF is
    /// written next to it under a temporary name, then moved into place.
    @discardableResult
    public static func render(_ document: Document, to url: URL) throws(DocumentError) -> RenderSummary {
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .folderMissing(file: url.path)
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw .notWritable(file: url.path, reason: "dossier en lecture seule")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let summary: RenderSummary
        do {
            summary = try draw(document, path: temporary.path, reportedAs: url.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        // rename(2) replaces an older file of the same name in one step.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .notWritable(file: url.path, reason: reason)
        }
        return summary
    }

    private static func draw(_ document: Document, path: String, reportedAs file: String) throws(DocumentError) -> RenderSummary {
        let first = document.sections.first.map(paper(of:)) ?? .a4
        // cairo hands back an error surface rather than NULL: its status says what went wrong.
        let surface = cairo_pdf_surface_create(path, first.size.width, first.size.height)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw .notWritable(file: file, reason: String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Épreuve")
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }
        let pages = PageWriter(surface: surface, painter: BlockPainter(cairo: cairo))
        for section in document.sections {
            switch section {
            case .pages(let list):
                for page in list { pages.write(page) }
            case .flow(let flow):
                pages.write(flow)
            }
        }
        if pages.count == 0 {
            // A PDF needs a page; an empty document is one blank page rather than a broken file.
            pages.write(Page(paper: first, frames: []))
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .notWritable(file: file, reason: String(cString: cairo_status_to_string(status)))
        }
        return RenderSummary(pageCount: pages.count, overflows: pages.overflows)
    }

    private static func paper(of section: Section) -> Paper {
        switch section {
        case .pages(let pages): pages.first?.paper ?? .a4
        case .flow(let flow): flow.paper
        }
    }
}

/// Emits pages on the surface, one at a time, and keeps count.
private final class PageWriter {
    let surface: OpaquePointer
    let painter: BlockPainter
    var count = 0
    var overflows: [String] = []

    init(surface: OpaquePointer, painter: BlockPainter) {
        self.surface = surface
        self.painter = painter
    }

    private var cairo: OpaquePointer { painter.cairo }

    private func begin(_ paper: Paper, watermark: Watermark?) {
        cairo_pdf_surface_set_size(surface, paper.size.width, paper.size.height)
        count += 1
        if let watermark { draw(watermark, on: paper) }
    }

    private func end() {
        cairo_show_page(cairo)
    }

    func write(_ page: Page) {
        begin(page.paper, watermark: page.watermark)
        for border in page.borders {
            painter.rectangle(border.rect, stroke: border.stroke, fill: border.fill)
        }
        for (index, frame) in page.frames.enumerated() {
            let height = painter.stackHeight(frame.content, width: frame.rect.width)
            if height > frame.rect.height + 0.5 {
                overflows.append("page \(count), cadre \(index + 1) : le contenu dépasse de \(Int((height - frame.rect.height).rounded(.up))) pt")
            }
            cairo_save(cairo)
            // Clipped a little outside the frame: borders drawn on its edge keep their full width.
            let clip = frame.rect.inset(by: Insets(all: -3))
            cairo_rectangle(cairo, clip.x, clip.y, clip.width, clip.height)
            cairo_clip(cairo)
            let offset = frame.centredVertically ? max(0, (frame.rect.height - height) / 2) : 0
            painter.drawStack(frame.content, x: frame.rect.x, y: frame.rect.y + offset, width: frame.rect.width)
            cairo_restore(cairo)
        }
        for line in page.lines {
            painter.line(from: line.from, to: line.to, line.stroke)
            if let marker = line.marker { draw(marker, at: line) }
        }
        end()
    }

    func write(_ flow: Flow) {
        let paginator = FlowPaginator(painter: painter, flow: flow)
        let (pages, flowOverflows) = paginator.paginate()
        overflows += flowOverflows
        let left = flow.margins.left
        for (index, placed) in pages.enumerated() {
            begin(flow.paper, watermark: flow.watermark)
            painter.drawStack(flow.header, x: left, y: flow.margins.top, width: paginator.width)
            for item in placed {
                painter.draw(item.block, x: left, y: item.y, width: paginator.width)
            }
            if let footer = flow.footer {
                let y = flow.paper.size.height - flow.margins.bottom - FlowPaginator.footerRoom + 6
                painter.draw(.text(Paragraph(footer.text, footer.style.with { $0.fit = .ellipsize })),
                             x: left, y: y, width: paginator.width * 0.75)
                if footer.pageNumbers {
                    painter.draw(.text(Paragraph("Page \(index + 1)/\(pages.count)", footer.style.with { $0.alignment = .right })),
                                 x: left, y: y, width: paginator.width)
                }
            }
            end()
        }
    }

    /// The marker glyph at the start of a line, on a white patch so the dashes do not cross it.
    private func draw(_ marker: String, at line: Line) {
        let shaped = painter.text.layout(Paragraph(marker, TextStyle(size: 11, color: .gray(0.35))), width: 20)
        cairo_save(cairo)
        cairo_translate(cairo, line.from.x, line.from.y)
        cairo_rotate(cairo, atan2(line.to.y - line.from.y, line.to.x - line.from.x))
        let glyphWidth = max(shaped.width, 1)
        // Inside the printable area: printers leave about 5 mm at the edges.
        let inset = 16.0
        painter.rectangle(Rect(x: inset - 2, y: -shaped.height / 2, width: glyphWidth + 4, height: shaped.height),
                          stroke: nil, fill: .white)
        painter.text.show(shaped, cairo: cairo, x: inset, y: -shaped.height / 2)
        cairo_restore(cairo)
    }

    /// Big light text across the middle of the page, shaped in the rotated space and drawn as
    /// outlines: it is a mark on the paper, not words that copying or reading aloud would pick up.
    private func draw(_ watermark: Watermark, on paper: Paper) {
        cairo_save(cairo)
        cairo_translate(cairo, paper.size.width / 2, paper.size.height / 2)
        cairo_rotate(cairo, -watermark.angle * .pi / 180)
        let layout = pango_cairo_create_layout(cairo)!
        let font = pango_font_description_from_string("DejaVu Sans Bold")
        pango_font_description_set_absolute_size(font, min(paper.size.width, paper.size.height) * 0.16 * pangoScale)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_text(layout, watermark.text, -1)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        cairo_set_source_rgb(cairo, watermark.color.red, watermark.color.green, watermark.color.blue)
        cairo_move_to(cairo, -Double(width) / pangoScale / 2, -Double(height) / pangoScale / 2)
        pango_cairo_layout_path(cairo, layout)
        cairo_fill(cairo)
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_restore(cairo)
    }
}
