/// What a cell is drawn as: the theme decides the colours and attributes of each role.
public enum ThemeRole: String, CaseIterable, Sendable {
    case text
    case title
    case bannerSingle = "banner-single"
    case bannerMultiple = "banner-multiple"
    case choice
    case choiceSelected = "choice-selected"
    case choiceFocus = "choice-focus"
    case timer
    case timerUrgent = "timer-urgent"
    case progress
    case correct
    case incorrect
    case muted
}

/// One character position on the screen. A wide character (two cells) sits in its first cell; the
/// second is a continuation, drawn by the terminal as part of the first.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var role: ThemeRole
    public var isContinuation = false

    public init(character: Character = " ", role: ThemeRole = .text) {
        self.character = character
        self.role = role
    }

    static func continuation(_ role: ThemeRole) -> Cell {
        var cell = Cell(character: " ", role: role)
        cell.isContinuation = true
        return cell
    }
}

/// A grid of cells that screens draw into. The curses layer copies it to the terminal; tests compare
/// its `text` with golden strings.
public struct Frame: Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]
    /// Where the text cursor should sit (text fields); nil hides it.
    public var cursor: (x: Int, y: Int)?
    /// Screen-reader mode (`--lecteur-ecran`): plain text lines, no box drawing or bars, nothing that
    /// changes every second.
    public var plain = false

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// The cell at a position; a blank text cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return Cell() }
        return cells[y * width + x]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes text on one row from `x`, each character over as many cells as it takes; whatever falls
    /// outside the grid is dropped (a wide character with one cell left becomes a blank).
    public mutating func put(_ text: String, x: Int, y: Int, role: ThemeRole) {
        guard y >= 0, y < height else { return }
        var column = x
        for var character in text {
            if character == "\n" { break }
            // Box drawing and block elements mean nothing to a screen reader (it reads their names).
            if plain, let scalar = character.unicodeScalars.first, (0x2500...0x259F).contains(scalar.value) { character = " " }
            if column >= width { break }
            let cellWidth = TextWidth.of(character)
            if column >= 0 {
                if cellWidth == 2, column + 1 < width {
                    set(Cell(character: character, role: role), x: column, y: y)
                    set(.continuation(role), x: column + 1, y: y)
                } else {
                    set(Cell(character: cellWidth == 2 ? " " : character, role: role), x: column, y: y)
                }
            }
            column += cellWidth
        }
    }

    /// One cell, never leaving half of a wide character behind.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, !cell.isContinuation, x > 0 { cells[index - 1] = Cell(character: " ", role: cells[index - 1].role) }
        if !cell.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(character: " ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// Paints a rectangle with blanks of one role (banners, bars, boxes).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, role: ThemeRole) {
        for row in max(0, y)..<max(max(0, y), min(self.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) {
                set(Cell(character: " ", role: role), x: column, y: row)
            }
        }
    }

    /// The rows as one string; trailing spaces of each row are trimmed (the golden text of tests).
    public var text: String {
        (0..<height).map { row in
            var line = String(cells[(row * width)..<(row * width + width)].filter { !$0.isContinuation }.map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The row `y` untrimmed, handy for tests and for drawing.
    public func row(_ y: Int) -> [Cell] {
        guard y >= 0, y < height else { return [] }
        return Array(cells[(y * width)..<(y * width + width)])
    }
}
