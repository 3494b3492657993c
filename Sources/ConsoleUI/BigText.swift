/// Codes drawn large (five rows of blocks), so the surveillant can read a new code out to the room or
/// copy it from across the desk. Characters without a glyph are drawn small.
enum BigText {
    static func lines(_ text: String) -> [String] {
        let glyphs = text.uppercased().map { glyph($0) }
        return (0..<5).map { row in glyphs.map { $0[row] }.joined(separator: " ") }
    }

    private static func glyph(_ character: Character) -> [String] {
        guard let rows = font[character] else { return ["   ", "   ", " \(character) ", "   ", "   "] }
        return rows.split(separator: "|").map { $0.replacingOccurrences(of: "#", with: "█").replacingOccurrences(of: ".", with: " ") }
    }

    /// Three cells wide, five rows, `#` a block, `.` a blank.
    private static let font: [Character: String] = [
        "0": "###|#.#|#.#|#.#|###", "1": ".#.|##.|.#.|.#.|###", "2": "###|..#|###|#..|###", "3": "###|..#|.##|..#|###",
        "4": "#.#|#.#|###|..#|..#", "5": "###|#..|###|..#|###", "6": "###|#..|###|#.#|###", "7": "###|..#|.#.|.#.|.#.",
        "8": "###|#.#|###|#.#|###", "9": "###|#.#|###|..#|###", "-": "...|...|###|...|...",
        "A": ".#.|#.#|###|#.#|#.#", "B": "##.|#.#|##.|#.#|##.", "C": "###|#..|#..|#..|###", "D": "##.|#.#|#.#|#.#|##.",
        "E": "###|#..|##.|#..|###", "F": "###|#..|##.|#..|#..", "G": "###|#..|#.#|#.#|###", "H": "#.#|#.#|###|#.#|#.#",
        "I": "###|.#.|.#.|.#.|###", "J": "..#|..#|..#|#.#|###", "K": "#.#|#.#|##.|#.#|#.#", "L": "#..|#..|#..|#..|###",
        "M": "#.#|###|###|#.#|#.#", "N": "#.#|###|###|###|#.#", "O": "###|#.#|#.#|#.#|###", "P": "###|#.#|###|#..|#..",
        "Q": "###|#.#|#.#|###|..#", "R": "##.|#.#|##.|#.#|#.#", "S": "###|#..|###|..#|###", "T": "###|.#.|.#.|.#.|.#.",
        "U": "#.#|#.#|#.#|#.#|###", "V": "#.#|#.#|#.#|#.#|.#.", "W": "#.#|#.#|###|###|#.#", "X": "#.#|#.#|.#.|#.#|#.#",
        "Y": "#.#|#.#|.#.|.#.|.#.", "Z": "###|..#|.#.|#..|###",
    ]
}
