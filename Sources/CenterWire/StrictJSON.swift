/// An RFC 8259 syntax check. Foundation's JSONDecoder and JSONSerialization on Linux accept
/// trailing commas and duplicate keys (JSONSerialization even `[1,2,]`), so request bodies are
/// checked here first. Returns the document as a tree: the unknown-key check walks its keys, and
/// the bodies every terminal sends are read from it directly (`DirectRequestDecoding`).
public enum StrictJSON {
    public indirect enum Shape: Sendable, Hashable {
        case object([String: Shape])
        case array([Shape])
        case scalar(Scalar)
        case null
    }

    /// A string (decoded), a number (its text as written) or a boolean.
    public enum Scalar: Sendable, Hashable {
        case string(String)
        case number(String)
        case bool(Bool)
    }

    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Byte offset from 0.
        public let offset: Int
        public let reason: String

        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "JSON invalide à l'octet \(offset) : \(reason)" }
    }

    /// Nesting deeper than this is refused (a request body is never that deep; the stack stays small).
    public static let maximumDepth = 32

    public static func parse(_ bytes: some Sequence<UInt8>) throws(SyntaxError) -> Shape {
        var parser = Parser(bytes: Array(bytes))
        return try parser.document()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func document() throws(SyntaxError) -> Shape {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw fail("marque d'ordre des octets (BOM) non admise") }
            guard String(validating: bytes, as: UTF8.self) != nil else { throw SyntaxError(offset: 0, reason: "texte non UTF-8") }
            skipSpace()
            let shape = try value()
            skipSpace()
            guard index == bytes.count else { throw fail("contenu après la fin du document") }
            return shape
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value() throws(SyntaxError) -> Shape {
            guard let byte = current else { throw fail("valeur attendue, fin du texte") }
            switch byte {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .scalar(.string(try string()))
            case UInt8(ascii: "t"): try literal("true"); return .scalar(.bool(true))
            case UInt8(ascii: "f"): try literal("false"); return .scalar(.bool(false))
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                try number()
                return .scalar(.number(String(decoding: bytes[start..<index], as: UTF8.self)))
            case UInt8(ascii: "/"): throw fail("commentaire non admis")
            default: throw fail("valeur attendue")
            }
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            if depth > StrictJSON.maximumDepth { throw fail("imbrication trop profonde (\(StrictJSON.maximumDepth) au plus)") }
        }

        mutating func object() throws(SyntaxError) -> Shape {
            try enter()
            index += 1
            var members: [String: Shape] = [:]
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipSpace()
                if current == UInt8(ascii: "}") { throw fail("virgule en trop avant « } »") }
                guard current == UInt8(ascii: "\"") else { throw fail("nom de champ entre guillemets attendu") }
                let keyOffset = index
                let key = try string()
                guard members[key] == nil else { throw SyntaxError(offset: keyOffset, reason: "champ « \(key) » en double") }
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw fail("« : » attendu après « \(key) »") }
                index += 1
                skipSpace()
                members[key] = try value()
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    depth -= 1
                    return .object(members)
                default: throw fail("« , » ou « } » attendu")
                }
            }
        }

        mutating func array() throws(SyntaxError) -> Shape {
            try enter()
            index += 1
            var elements: [Shape] = []
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements)
            }
            while true {
                skipSpace()
                if current == UInt8(ascii: "]") { throw fail("virgule en trop avant « ] »") }
                elements.append(try value())
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    depth -= 1
                    return .array(elements)
                default: throw fail("« , » ou « ] » attendu")
                }
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw fail("valeur attendue")
            }
            index += expected.count
        }

        mutating func digits() -> Int {
            let start = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - start
        }

        mutating func number() throws(SyntaxError) {
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
                if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { throw fail("zéro en tête d'un nombre") }
            } else if digits() == 0 {
                throw fail("chiffre attendu")
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw fail("chiffre attendu après « . »") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw fail("chiffre attendu dans l'exposant") }
            }
        }

        /// A string, decoded (keys are compared decoded, as a decoder sees them).
        mutating func string() throws(SyntaxError) -> String {
            index += 1
            // Almost every key and value has no escape: one scan, one String from the bytes.
            let start = index
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
            if current == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            var scalars = String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars) }
                run.removeAll()
            }
            while true {
                guard let byte = current else { throw fail("chaîne non terminée") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    index += 1
                    scalars.append(try escape())
                case 0x00..<0x20:
                    throw fail("caractère de contrôle non échappé dans une chaîne")
                default:
                    run.append(byte)
                    index += 1
                }
            }
        }

        mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
            guard let byte = current else { throw fail("chaîne non terminée") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hex4()
                if (0xD800..<0xDC00).contains(unit) {
                    guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("demi-caractère UTF-16 sans sa seconde moitié")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("demi-caractère UTF-16 invalide") }
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                }
                guard let scalar = Unicode.Scalar(unit) else { throw fail("demi-caractère UTF-16 isolé") }
                return scalar
            default:
                index -= 1
                throw fail("échappement inconnu « \\\(Character(Unicode.Scalar(byte))) »")
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Self.hexValue(byte) else { throw fail("4 chiffres hexadécimaux attendus après \\u") }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
