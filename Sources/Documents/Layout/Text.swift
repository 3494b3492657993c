/// The three DejaVu families (Debian `fonts-dejavu-core`): every glyph French needs, « », œ, ✓ and ✂.
public enum FontFamily: String, Sendable, Hashable {
    case sans = "DejaVu Sans"
    /// Narrower letters for narrow table headers.
    case sansCondensed = "DejaVu Sans Condensed"
    case serif = "DejaVu Serif"
    case mono = "DejaVu Sans Mono"
}

public enum TextAlignment: Sendable, Hashable {
    case left, center, right, justify
}

/// What a paragraph does when it is wider than its box.
public enum TextFit: Sendable, Hashable {
    /// Wraps at words (inside a word only when one word is wider than the box).
    case wrap
    /// Wraps at words, the type made smaller (down to `minSize`) until the widest word fits:
    /// narrow table headers (« Comportement citoyen ») never break inside a word.
    case wrapWords(minSize: Double)
    /// One line, cut with « … ».
    case ellipsize
    /// One line, the type made smaller down to `minSize`, then cut with « … » if still too wide
    /// (access codes).
    case shrink(minSize: Double)
    /// One line if smaller type (down to `minSize`) fits, else wrapped at `minSize`: a long name is
    /// never cut.
    case shrinkThenWrap(minSize: Double)
}

public struct TextStyle: Sendable, Hashable {
    public var family: FontFamily
    /// Points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color
    public var alignment: TextAlignment
    public var fit: TextFit
    /// Extra space between letters, in points (access codes).
    public var letterSpacing: Double
    /// Line height as a multiple of the font's (1 = the font's own).
    public var lineSpacing: Double
    /// Space kept below the paragraph inside a flow, in points.
    public var spaceAfter: Double

    public init(family: FontFamily = .sans, size: Double = 10, bold: Bool = false, italic: Bool = false,
                color: Color = .black, alignment: TextAlignment = .left, fit: TextFit = .wrap,
                letterSpacing: Double = 0, lineSpacing: Double = 1, spaceAfter: Double = 0) {
        self.family = family
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
        self.alignment = alignment
        self.fit = fit
        self.letterSpacing = letterSpacing
        self.lineSpacing = lineSpacing
        self.spaceAfter = spaceAfter
    }

    /// A copy with some properties changed, for styles derived from a base.
    public func with(_ change: (inout TextStyle) -> Void) -> TextStyle {
        var copy = self
        change(&copy)
        return copy
    }
}

/// A piece of a paragraph with its own emphasis; unset properties inherit the paragraph's style.
public struct TextRun: Sendable, Hashable {
    public var text: String
    public var bold: Bool?
    public var italic: Bool?
    public var color: Color?
    public var family: FontFamily?
    /// Relative to the paragraph's size (1.2 = 20 % larger).
    public var scale: Double?

    public init(_ text: String, bold: Bool? = nil, italic: Bool? = nil, color: Color? = nil,
                family: FontFamily? = nil, scale: Double? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.color = color
        self.family = family
        self.scale = scale
    }

    public static func bold(_ text: String) -> TextRun { TextRun(text, bold: true) }
    public static func italic(_ text: String) -> TextRun { TextRun(text, italic: true) }
}

/// Text in one style, possibly with emphasised runs. New lines in the text start new lines.
public struct Paragraph: Sendable, Hashable {
    public var runs: [TextRun]
    public var style: TextStyle

    public init(_ text: String, _ style: TextStyle = TextStyle()) {
        self.runs = [TextRun(text)]
        self.style = style
    }

    public init(runs: [TextRun], _ style: TextStyle = TextStyle()) {
        self.runs = runs
        self.style = style
    }

    /// The text without emphasis, as a reader (or pdftotext) sees it.
    public var plainText: String { runs.map(\.text).joined() }
}
