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
        return bytes + Array("check \(hexadecimal(hash(bytes[...])))\n".utf8)
    }

    public static func decode(_ bytes: [UInt8], source: [UInt8]) -> InterfaceTheme? {
        var reader = Reader(bytes: bytes)
        guard reader.line() == Array(header.utf8),
              let sourceCount = reader.count(), reader.take(sourceCount) == source, reader.line() == [],
              let nameCount = reader.count(), let name = reader.take(nameCount), reader.line() == []
        else { return nil }
        var styles: [ThemeRole: RoleStyle] = [:]
        for role in ThemeRole.allCases {
            guard let line = reader.line() else { return nil }
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count == 4, Array(fields[0]) == Array(role.rawValue.utf8),
                  let foreground = color(fields[1]), let background = color(fields[2]),
                  fields[3].count == 4, fields[3].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") })
            else { return nil }
            let flags = fields[3].map { $0 == UInt8(ascii: "1") }
            styles[role] = RoleStyle(foreground: foreground, background: background,
                                     bold: flags[0], dim: flags[1], underline: flags[2], reverse: flags[3])
        }
        let checked = reader.position
        guard reader.line() == Array("check \(hexadecimal(hash(bytes[..<checked])))".utf8), reader.atEnd else { return nil }
        return InterfaceTheme(name: String(decoding: name, as: UTF8.self), styles: styles)
    }

    /// FNV-1a, 64 bits.
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hexadecimal(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func text(_ color: TerminalColor) -> String {
        switch color {
        case .default: "d"
        case let .ansi(index): String(index)
        }
    }

    private static func color(_ field: ArraySlice<UInt8>) -> TerminalColor? {
        if Array(field) == [UInt8(ascii: "d")] { return .default }
        guard let number = decimal(field), number <= 255 else { return nil }
        return .ansi(number)
    }

    /// A decimal number of at most 9 digits, without sign or spaces.
    fileprivate static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// Reads the text front to back; every read past the end gives nil.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        /// The bytes up to the next newline, which is passed over.
        mutating func line() -> [UInt8]? {
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { position = end + 1 }
            return Array(bytes[position..<end])
        }

        /// A line holding a byte count.
        mutating func count() -> Int? {
            line().flatMap { CompiledTheme.decimal($0[...]) }
        }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count <= bytes.count - position else { return nil }
            defer { position += count }
            return Array(bytes[position..<position + count])
        }
    }
}
