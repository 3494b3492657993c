import Foundation
import Testing
@testable import TerminalUI

@Suite struct CompiledThemeTests {
    private static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    private static let small = """
        name: Essai é
        colors:
          text: [default, default]
          timer: [14, red, bold, reverse]
          muted: [white, 200, dim, underline]
        """

    @Test(arguments: ["default.yaml", "contraste-eleve.yaml", "monochrome.yaml"])
    func shippedThemesComeBackAsParsed(file: String) throws {
        let source = Array(try Data(contentsOf: Self.themesFolder.appendingPathComponent(file)))
        let parsed = try InterfaceTheme.parse(yaml: String(decoding: source, as: UTF8.self), file: file)
        let decoded = try #require(CompiledTheme.decode(CompiledTheme.encode(parsed, source: source), source: source))
        #expect(decoded.name == parsed.name)
        #expect(decoded.styles == parsed.styles)
    }

    /// The stored text, byte for byte: a change of format must change the version in its first line.
    @Test func theTextIsAsDocumented() throws {
        let source = Array(Self.small.utf8)
        let theme = try InterfaceTheme.parse(yaml: Self.small, file: "essai.yaml")
        let expected = "epreuve-theme/1\n\(source.count)\n\(Self.small)\n8\nEssai é\n" + """
            text d d 0000
            title d d 0000
            banner-single d d 0000
            banner-multiple d d 0000
            choice d d 0000
            choice-selected d d 0000
            choice-focus d d 0000
            timer 14 1 1001
            timer-urgent d d 0000
            progress d d 0000
            correct d d 0000
            incorrect d d 0000
            muted 7 200 0110

            """
        let text = String(decoding: CompiledTheme.encode(theme, source: source), as: UTF8.self)
        #expect(text.hasPrefix(expected))
        let check = text.dropFirst(expected.count)
        #expect(check.hasPrefix("check ") && check.count == "check ".count + 16 + 1 && check.hasSuffix("\n"))
    }

    @Test func anotherSourceIsNotServed() throws {
        let source = Array(Self.small.utf8)
        let compiled = CompiledTheme.encode(try InterfaceTheme.parse(yaml: Self.small, file: "essai.yaml"), source: source)
        var edited = source
        edited[edited.count - 1] = UInt8(ascii: "x")
        #expect(CompiledTheme.decode(compiled, source: edited) == nil)
        #expect(CompiledTheme.decode(compiled, source: source + [UInt8(ascii: "\n")]) == nil)
        #expect(CompiledTheme.decode(compiled, source: Array(source.dropLast())) == nil)
    }

    /// Every truncation, a byte changed anywhere, a byte added: never a theme other than the one stored.
    @Test func aDamagedTextIsNeverServed() throws {
        let source = Array(Self.small.utf8)
        let theme = try InterfaceTheme.parse(yaml: Self.small, file: "essai.yaml")
        let compiled = CompiledTheme.encode(theme, source: source)
        for length in 0..<compiled.count {
            #expect(CompiledTheme.decode(Array(compiled.prefix(length)), source: source) == nil, "truncated to \(length)")
        }
        #expect(CompiledTheme.decode(compiled + [UInt8(ascii: "\n")], source: source) == nil)
        for index in compiled.indices {
            var damaged = compiled
            damaged[index] ^= 0x01
            #expect(CompiledTheme.decode(damaged, source: source) == nil, "byte \(index) changed")
        }
    }

    /// Lines that read but do not belong (another version, a colour out of range, a role out of
    /// order) are refused even under a matching hash, as a later version's writer could make them.
    @Test func unknownLinesAreRefusedEvenWhenWhole() throws {
        let source = Array(Self.small.utf8)
        let compiled = String(decoding: CompiledTheme.encode(try InterfaceTheme.parse(yaml: Self.small, file: "essai.yaml"), source: source),
                              as: UTF8.self)
        let body = String(compiled[..<compiled.range(of: "check ")!.lowerBound])
        for changed in [body.replacingOccurrences(of: "epreuve-theme/1", with: "epreuve-theme/2"),
                        body.replacingOccurrences(of: "muted 7 200", with: "muted 7 256"),
                        body.replacingOccurrences(of: "timer 14 1 1001\n", with: "").replacingOccurrences(of: "progress", with: "timer 14 1 1001\nprogress"),
                        body.replacingOccurrences(of: "0110", with: "01102")] {
            #expect(changed != body)
            #expect(CompiledTheme.decode(Self.rehashed(changed), source: source) == nil)
        }
        #expect(CompiledTheme.decode(Self.rehashed(body), source: source) != nil)
    }

    /// The source's byte count is checked, not only its bytes: a copy made from a longer file whose
    /// extra bytes happen to read as the rest of the text is still refused.
    @Test func theSourcesLengthIsChecked() throws {
        let source = Array(Self.small.utf8)
        let compiled = String(decoding: CompiledTheme.encode(try InterfaceTheme.parse(yaml: Self.small, file: "essai.yaml"), source: source),
                              as: UTF8.self)
        let body = String(compiled[..<compiled.range(of: "check ")!.lowerBound])
        let miscounted = body.replacingOccurrences(of: "epreuve-theme/1\n\(source.count)\n", with: "epreuve-theme/1\n\(source.count + 1)\n")
        #expect(miscounted != body)
        #expect(CompiledTheme.decode(Self.rehashed(miscounted), source: source) == nil)
    }

    /// `body` with the check line `encode` would give it.
    private static func rehashed(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        return bytes + Array("check ".utf8) + CompiledTheme.hexadecimal(CompiledTheme.hash(bytes[...])) + Array("\n".utf8)
    }
}
