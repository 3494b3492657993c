/// A printable document as data: sections of fixed pages or of flowed content. The renderer
/// (`DocumentRenderer`) is the only code that turns it into drawing; a new document is a new
/// function producing a `Document`.
public struct Document: Sendable, Hashable {
    /// PDF metadata.
    public var title: String
    public var author: String
    public var sections: [Section]

    public init(title: String, author: String = "", sections: [Section]) {
        self.title = title
        self.author = author
        self.sections = sections
    }
}

public enum Section: Sendable, Hashable {
    /// Pages laid out by hand: each block list fills a frame at a given place.
    case pages([Page])
    /// Blocks cut into as many pages as they need.
    case flow(Flow)
}

/// A page whose content sits in frames at fixed places (slips, convocations, attestations).
public struct Page: Sendable, Hashable {
    public var paper: Paper
    public var frames: [Frame]
    /// Lines drawn over the page: cut lines between slips, decorative borders.
    public var lines: [Line]
    /// Rectangles drawn before the frames (page borders of an attestation).
    public var borders: [Border]
    public var watermark: Watermark?

    public init(paper: Paper, frames: [Frame], lines: [Line] = [], borders: [Border] = [], watermark: Watermark? = nil) {
        self.paper = paper
        self.frames = frames
        self.lines = lines
        self.borders = borders
        self.watermark = watermark
    }
}

/// Blocks stacked from the top of `rect`. Content taller than the frame is cut and reported.
public struct Frame: Sendable, Hashable {
    public var rect: Rect
    public var content: [Block]
    /// Content shorter than the frame is centred vertically rather than set at the top.
    public var centredVertically: Bool

    public init(_ rect: Rect, _ content: [Block], centredVertically: Bool = false) {
        self.rect = rect
        self.content = content
        self.centredVertically = centredVertically
    }
}

public struct Line: Sendable, Hashable {
    public var from: Point
    public var to: Point
    public var stroke: Stroke
    /// A glyph drawn at the start of the line (« ✂ » on a cut line), or nil.
    public var marker: String?

    public init(from: Point, to: Point, stroke: Stroke = .cut, marker: String? = nil) {
        self.from = from
        self.to = to
        self.stroke = stroke
        self.marker = marker
    }
}

public struct Border: Sendable, Hashable {
    public var rect: Rect
    public var stroke: Stroke
    public var fill: Color?

    public init(_ rect: Rect, stroke: Stroke, fill: Color? = nil) {
        self.rect = rect
        self.stroke = stroke
        self.fill = fill
    }
}

/// Large light text across the page, under the content (« DUPLICATA »).
public struct Watermark: Sendable, Hashable {
    public var text: String
    public var color: Color
    /// Degrees, counter-clockwise.
    public var angle: Double

    public init(_ text: String, color: Color = .gray(0.85), angle: Double = 30) {
        self.text = text
        self.color = color
        self.angle = angle
    }
}

/// Blocks cut into pages of one paper size; header blocks repeat at the top of each page.
public struct Flow: Sendable, Hashable {
    public var paper: Paper
    public var margins: Insets
    /// Drawn at the top of every page of the flow, before the content.
    public var header: [Block]
    public var footer: Footer?
    public var content: [Block]
    public var watermark: Watermark?

    public init(paper: Paper = .a4, margins: Insets = Insets(vertical: mm(15), horizontal: mm(15)), header: [Block] = [],
                footer: Footer? = nil, content: [Block], watermark: Watermark? = nil) {
        self.paper = paper
        self.margins = margins
        self.header = header
        self.footer = footer
        self.content = content
        self.watermark = watermark
    }
}

/// One line at the bottom of each page of a flow: a text on the left, « Page 2/5 » on the right.
public struct Footer: Sendable, Hashable {
    public var text: String
    public var pageNumbers: Bool
    public var style: TextStyle

    public init(_ text: String, pageNumbers: Bool = true, style: TextStyle = TextStyle(size: 7.5, color: .muted)) {
        self.text = text
        self.pageNumbers = pageNumbers
        self.style = style
    }
}
