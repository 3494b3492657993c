/// What a page is made of: blocks stacked from top to bottom, each as wide as its container.
/// A flow cuts a list of blocks into pages; a fixed page places them in frames.
public indirect enum Block: Sendable, Hashable {
    case text(Paragraph)
    /// Vertical space, in points.
    case spacer(Double)
    /// A horizontal line across the container.
    case rule(Stroke)
    case table(Table)
    case barChart(BarChart)
    /// Blocks inside a border or a tinted background (signature boxes, framed notices).
    case box(Box)
    /// Blocks side by side.
    case columns(Columns)
    /// Blocks kept on one page when they fit on one (a question and its choices).
    case keepTogether([Block])
    /// A tick box (answer grids), centred in its container.
    case checkbox(Checkbox)
    /// In a flow, the next block starts a new page.
    case pageBreak
}

extension Block {
    /// A paragraph of plain text.
    public static func text(_ text: String, _ style: TextStyle) -> Block {
        .text(Paragraph(text, style))
    }

    /// A paragraph with emphasised runs.
    public static func text(runs: [TextRun], _ style: TextStyle) -> Block {
        .text(Paragraph(runs: runs, style))
    }
}

public struct Box: Sendable, Hashable {
    public var content: [Block]
    public var border: Stroke?
    public var fill: Color?
    public var padding: Insets
    /// The box is at least this tall (a signature box is mostly empty space).
    public var minHeight: Double
    public var cornerRadius: Double

    public init(_ content: [Block], border: Stroke? = .thin, fill: Color? = nil, padding: Insets = Insets(all: 6),
                minHeight: Double = 0, cornerRadius: Double = 0) {
        self.content = content
        self.border = border
        self.fill = fill
        self.padding = padding
        self.minHeight = minHeight
        self.cornerRadius = cornerRadius
    }
}

/// A column's width: fixed in points, or a share of what fixed columns leave.
public enum ColumnWidth: Sendable, Hashable {
    case points(Double)
    case share(Double)
}

public struct Columns: Sendable, Hashable {
    public var items: [Column]
    public var gap: Double

    public struct Column: Sendable, Hashable {
        public var width: ColumnWidth
        public var content: [Block]

        public init(_ width: ColumnWidth = .share(1), _ content: [Block]) {
            self.width = width
            self.content = content
        }
    }

    public init(_ items: [Column], gap: Double = 12) {
        self.items = items
        self.gap = gap
    }
}

public struct Checkbox: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case empty
        /// Filled black: the expected answer on a marking grid.
        case filled
        /// Greyed out: a choice the question does not have.
        case unavailable
    }

    public var size: Double
    public var state: State
    /// Printed small inside the box (the choice letter), or nil.
    public var label: String?

    public init(size: Double = 12, state: State = .empty, label: String? = nil) {
        self.size = size
        self.state = state
        self.label = label
    }
}

/// Rows and columns with a grid; a flow repeats the header row at the top of every page it spans.
public struct Table: Sendable, Hashable {
    public var columns: [ColumnWidth]
    public var header: Row?
    public var rows: [Row]
    /// Lines around every cell, or nil for none.
    public var grid: Stroke?
    /// Space between a cell's border and its content.
    public var padding: Insets
    public var headerFill: Color?
    /// Every other body row tinted, for long lists read across.
    public var zebra: Color?

    public struct Row: Sendable, Hashable {
        public var cells: [Cell]
        /// Rows are at least this tall (a signature needs room).
        public var minHeight: Double
        public var fill: Color?

        public init(_ cells: [Cell], minHeight: Double = 0, fill: Color? = nil) {
            self.cells = cells
            self.minHeight = minHeight
            self.fill = fill
        }
    }

    public struct Cell: Sendable, Hashable {
        public var content: [Block]
        public var fill: Color?
        /// Cells are vertically centred unless told otherwise.
        public var topAligned: Bool

        public init(_ content: [Block], fill: Color? = nil, topAligned: Bool = false) {
            self.content = content
            self.fill = fill
            self.topAligned = topAligned
        }

        public init(_ paragraph: Paragraph, fill: Color? = nil) {
            self.init([.text(paragraph)], fill: fill)
        }

        public init(_ text: String, _ style: TextStyle, fill: Color? = nil) {
            self.init([.text(Paragraph(text, style))], fill: fill)
        }

        public static let empty = Cell([])
    }

    public init(columns: [ColumnWidth], header: Row? = nil, rows: [Row], grid: Stroke? = .hairline,
                padding: Insets = Insets(vertical: 3, horizontal: 4), headerFill: Color? = .shade, zebra: Color? = nil) {
        self.columns = columns
        self.header = header
        self.rows = rows
        self.grid = grid
        self.padding = padding
        self.headerFill = headerFill
        self.zebra = zebra
    }
}

/// Horizontal bars, one per line: label on the left, bar, value written after it.
public struct BarChart: Sendable, Hashable {
    public var bars: [Bar]
    /// The value of a full-width bar.
    public var maximum: Double
    public var labelWidth: Double
    public var barHeight: Double
    public var gap: Double
    public var labelStyle: TextStyle
    public var color: Color

    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// Written after the bar (« 12/20 », « 75 % »).
        public var valueText: String
        /// Overrides the chart's colour.
        public var color: Color?

        public init(_ label: String, value: Double, valueText: String, color: Color? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.color = color
        }
    }

    public init(bars: [Bar], maximum: Double, labelWidth: Double = 150, barHeight: Double = 11, gap: Double = 4,
                labelStyle: TextStyle = TextStyle(size: 8.5, fit: .ellipsize), color: Color = .accent) {
        self.bars = bars
        self.maximum = maximum
        self.labelWidth = labelWidth
        self.barHeight = barHeight
        self.gap = gap
        self.labelStyle = labelStyle
        self.color = color
    }
}
