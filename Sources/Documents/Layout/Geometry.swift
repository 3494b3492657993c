/// Sizes and positions in PDF points (1/72 inch), origin at the top left of the page.
public struct Size: Sendable, Hashable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Rect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The same rectangle shrunk by `insets` on each side.
    public func inset(by insets: Insets) -> Rect {
        Rect(x: x + insets.left, y: y + insets.top,
             width: width - insets.left - insets.right, height: height - insets.top - insets.bottom)
    }
}

public struct Insets: Sendable, Hashable {
    public var top: Double
    public var left: Double
    public var bottom: Double
    public var right: Double

    public init(top: Double, left: Double, bottom: Double, right: Double) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }

    public init(all: Double) {
        self.init(top: all, left: all, bottom: all, right: all)
    }

    public init(vertical: Double, horizontal: Double) {
        self.init(top: vertical, left: horizontal, bottom: vertical, right: horizontal)
    }

    public static let zero = Insets(all: 0)
}

/// Millimetres to points, for page geometry read off paper.
public func mm(_ millimetres: Double) -> Double { millimetres * 72 / 25.4 }

/// ISO paper sizes, portrait or landscape.
public struct Paper: Sendable, Hashable {
    public var size: Size

    public init(size: Size) {
        self.size = size
    }

    public static let a4 = Paper(size: Size(width: mm(210), height: mm(297)))
    public static let a4Landscape = Paper(size: Size(width: mm(297), height: mm(210)))
    public static let a5 = Paper(size: Size(width: mm(148), height: mm(210)))
    public static let a5Landscape = Paper(size: Size(width: mm(210), height: mm(148)))

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }
}

/// An RGB colour, components from 0 to 1.
public struct Color: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static func gray(_ level: Double) -> Color { Color(red: level, green: level, blue: level) }

    public static let black = Color.gray(0)
    public static let white = Color.gray(1)
    /// Secondary text: dates, captions, instructions.
    public static let muted = Color.gray(0.35)
    /// Rules and table grid lines.
    public static let line = Color.gray(0.55)
    /// Header rows and shaded boxes.
    public static let shade = Color.gray(0.92)
    /// Titles: the dark blue of French administrative forms.
    public static let accent = Color(red: 0.09, green: 0.2, blue: 0.45)
    public static let success = Color(red: 0.13, green: 0.5, blue: 0.24)
    public static let failure = Color(red: 0.75, green: 0.18, blue: 0.15)
    public static let warning = Color(red: 0.85, green: 0.55, blue: 0.1)
}

/// How a line or border is drawn.
public struct Stroke: Sendable, Hashable {
    public var width: Double
    public var color: Color
    /// Dash and gap lengths, empty for a solid line.
    public var dash: [Double]

    public init(width: Double = 0.6, color: Color = .line, dash: [Double] = []) {
        self.width = width
        self.color = color
        self.dash = dash
    }

    public static let hairline = Stroke(width: 0.4)
    public static let thin = Stroke(width: 0.6)
    public static let strong = Stroke(width: 1.2, color: .black)
    public static let cut = Stroke(width: 0.5, color: .gray(0.45), dash: [4, 3])
}
