import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    private static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    @Test(arguments: ["default.yaml", "contraste-eleve.yaml", "monochrome.yaml"])
    func shippedThemesParseWithEveryRole(file: String) throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
        let theme = try InterfaceTheme.parse(yaml: text, file: "Themes/\(file)")
        #expect(!theme.name.isEmpty)
        #expect(Set(theme.styles.keys) == Set(ThemeRole.allCases))
        // Every role is written in the file itself, not inherited.
        for role in ThemeRole.allCases { #expect(text.contains("  \(role.rawValue):")) }
    }

    @Test func highContrastMatchesTheDesign() throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("contraste-eleve.yaml"), encoding: .utf8)
        let theme = try InterfaceTheme.parse(yaml: text, file: "contraste-eleve.yaml")
        #expect(theme.name == "Contraste élevé")
        #expect(theme.style(.bannerSingle) == RoleStyle(foreground: .ansi(0), background: .ansi(2), bold: true))
        #expect(theme.style(.timerUrgent) == RoleStyle(foreground: .ansi(3), background: .ansi(1), bold: true))
        #expect(theme.style(.muted) == RoleStyle(foreground: .ansi(7), background: .ansi(0), dim: true))
    }

    /// The countdown is redrawn every second: bright colours cost the terminal no attribute
    /// sequence, where bold costs one and its reset each time (issue 17: ≤ 40 bytes a second).
    @Test func theDefaultTimerIsBrightRatherThanBold() throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("default.yaml"), encoding: .utf8)
        let theme = try InterfaceTheme.parse(yaml: text, file: "default.yaml")
        #expect(theme.style(.timer) == RoleStyle(foreground: .ansi(14), background: .default))
        #expect(theme.style(.timerUrgent) == RoleStyle(foreground: .ansi(15), background: .ansi(1)))
    }

    @Test func numbersDefaultAndAttributesAreRead() throws {
        let theme = try InterfaceTheme.parse(yaml: """
            name: Essai
            colors:
              text: [default, 236]
              title: [214, default, bold, underline, reverse, dim]
            """, file: "essai.yaml")
        #expect(theme.style(.text) == RoleStyle(foreground: .default, background: .ansi(236)))
        #expect(theme.style(.title) == RoleStyle(foreground: .ansi(214), background: .default,
                                                 bold: true, dim: true, underline: true, reverse: true))
        // Roles left out take the style of `text`.
        #expect(theme.style(.choice) == theme.style(.text))
    }

    @Test func theMonochromeThemeUsesNoColour() {
        for role in ThemeRole.allCases {
            let style = InterfaceTheme.monochrome.style(role)
            #expect(style.foreground == .default && style.background == .default)
        }
        #expect(InterfaceTheme.monochrome.style(.bannerSingle) != InterfaceTheme.monochrome.style(.text))
        #expect(InterfaceTheme.monochrome.style(.timerUrgent) != InterfaceTheme.monochrome.style(.timer))
    }

    @Test(arguments: [
        ("name: X\ncolors:\n  text: [white, black]\n  title: [purple, black]\n", 4, "purple"),
        ("name: X\ncolors:\n  text: [white, black]\n  titre: [white, black]\n", 4, "titre"),
        ("name: X\ncolors:\n  timer: [white, black, blink]\n", 3, "blink"),
        ("name: X\ncolors:\n  timer: [white, 256]\n", 3, "256"),
        ("name: X\ncolors:\n  timer: white\n", 3, "timer"),
        ("colors:\n  timer: [white, black]\n", 1, "name"),
        ("name: X\ncolours:\n  timer: [white, black]\n", 2, "colours"),
        ("name: X\ncolors:\n  timer: [white, black\n", 4, "YAML"),
    ])
    func errorsNameTheFileTheLineAndTheField(yaml: String, line: Int, field: String) {
        do {
            _ = try InterfaceTheme.parse(yaml: yaml, file: "Themes/perso.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let error as ThemeError {
            #expect(error.file == "Themes/perso.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("Themes/perso.yaml:\(line):"))
            #expect(error.description.contains(field), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
