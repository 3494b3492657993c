/// A theme parsed once, as a few lines of text kept with the very YAML it came from, so that later
/// starts read it back without parsing YAML (Yams's first use cost about 0.8 ms of the first frame).
///
/// The text: `epreuve-theme/1`, the source's byte count and bytes, the name's byte count and bytes,
/// one line per role in `ThemeRole.allCases` order: `role foreground background bdur` (`d` for the
/// terminal's default colour, else 0–255; one 0/1 per attribute: bold, dim, underline, reverse), then
/// `check` and the FNV-1a hash of everything before it, in hexadecimal. `decode` gives nil unless the
/// text is whole, unchanged, of this version, and made from exactly `source`: an edited theme file,
/// a damaged or truncated copy, another version all fall back to parsing. The hash only tells damage:
/// the file is the user's own, and a theme grants nothing.
public enum CompiledTheme {
    static let header = "epreuve-theme/1"

    public static func encode(_ theme: InterfaceTheme, source: [UInt8]) -> [UInt8] {
        var bytes = Array("\(header)\n\(source.count)\n".utf8)
        bytes += source
        let name = Array(theme.name.utf8)
        bytes += Array("\n\(name.count)\n".utf8)
        bytes += name
        bytes += Array("\n".utf8)
        for role in ThemeRole.allCases {
            let style = theme.style(role)
            let flags = [style.bold, style.dim, style.underline, style.reverse].map { $0 ? "1" : "0" }.joined()
            bytes += Array("\(role.rawValue) \(text(style.foreground)) \(text(style.background)) \(flags)\n".utf8)
        }
        return bytes + Array("check ".utf8) + hexadecimal(hash(bytes[...])) + [newline]
    }

    /// Read with a cursor over the bytes, without splitting them into arrays: this runs before the
    /// first frame, where every generic type's first use costs.
    public static func decode(_ bytes: [UInt8], source: [UInt8]) -> InterfaceTheme? {
        var reader = Reader(bytes: bytes)
        guard reader.skip(header), reader.skip(newline),
              reader.number(endingWith: newline) == source.count, reader.skip(source), reader.skip(newline),
              let nameCount = reader.number(endingWith: newline), let name = reader.take(nameCount), reader.skip(newline)
        else { return nil }
        var styles: [ThemeRole: RoleStyle] = [:]
        for role in ThemeRole.allCases {
            guard reader.skip(role.rawValue), reader.skip(space),
                  let foreground = reader.color(), let background = reader.color(),
                  let bold = reader.flag(), let dim = reader.flag(), let underline = reader.flag(), let reverse = reader.flag(),
                  reader.skip(newline)
            else { return nil }
            styles[role] = RoleStyle(foreground: foreground, background: background,
                                     bold: bold, dim: dim, underline: underline, reverse: reverse)
        }
        let checked = reader.position
        guard reader.skip("check "), reader.skip(hexadecimal(hash(bytes[..<checked]))), reader.skip(newline), reader.atEnd
        else { return nil }
        return InterfaceTheme(name: String(decoding: name, as: UTF8.self), styles: styles)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    /// FNV-1a, 64 bits.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// 16 lowercase hexadecimal digits.
    static func hexadecimal(_ value: UInt64) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return (0..<16).map { digits[Int(truncatingIfNeeded: value >> (60 - 4 * UInt64($0))) & 0xf] }
    }

    private static func text(_ color: TerminalColor) -> String {
        switch color {
        case .default: "d"
        case let .ansi(index): String(index)
        }
    }

    /// Reads the text front to back; a read that does not match leaves the text refused.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func skip(_ expected: [UInt8]) -> Bool {
            guard expected.count <= bytes.count - position else { return false }
            for (offset, byte) in expected.enumerated() where bytes[position + offset] != byte { return false }
            position += expected.count
            return true
        }

        mutating func skip(_ text: String) -> Bool {
            for byte in text.utf8 {
                guard skip(byte) else { return false }
            }
            return true
        }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count <= bytes.count - position else { return nil }
            defer { position += count }
            return Array(bytes[position..<position + count])
        }

        /// A decimal number of 1 to 9 digits, then `terminator`.
        mutating func number(endingWith terminator: UInt8) -> Int? {
            var value = 0
            var digits = 0
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                digits += 1
                position += 1
            }
            guard (1...9).contains(digits), skip(terminator) else { return nil }
            return value
        }

        /// `d` or 0–255, then a space.
        mutating func color() -> TerminalColor? {
            if skip(UInt8(ascii: "d")) { return skip(CompiledTheme.space) ? .default : nil }
            guard let index = number(endingWith: CompiledTheme.space), index <= 255 else { return nil }
            return .ansi(index)
        }

        mutating func flag() -> Bool? {
            if skip(UInt8(ascii: "1")) { return true }
            if skip(UInt8(ascii: "0")) { return false }
            return nil
        }
    }
}
