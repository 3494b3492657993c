import CommandLineKit
import Foundation
import Testing
import TerminalUI
@testable import epreuve

/// The theme read before the first frame: parsed once, then from its compiled copy in `cache/`.
@Suite struct ThemeLoadingTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)").path
    private var themeFile: String { folder + "/Themes/perso.yaml" }
    private var cacheFolder: String { folder + "/home/cache" }
    private var compiledFile: String { cacheFolder + "/" + ScreenSettings.compiledThemeFile }

    private static let yaml = """
        name: Perso
        colors:
          text: [default, default]
          timer: [yellow, blue, bold]
        """

    init() throws {
        try FileManager.default.createDirectory(atPath: folder + "/Themes", withIntermediateDirectories: true)
        try Self.yaml.write(toFile: themeFile, atomically: true, encoding: .utf8)
    }

    private func load() throws -> InterfaceTheme {
        try ScreenSettings.loadTheme(atPath: themeFile, cacheFolder: cacheFolder)
    }

    private func plant(_ theme: InterfaceTheme, forSource yaml: String) throws {
        try Data(CompiledTheme.encode(theme, source: Array(yaml.utf8))).write(to: URL(fileURLWithPath: compiledFile))
    }

    @Test func theFirstLoadParsesAndCompilesForTheNext() throws {
        let theme = try load()
        #expect(theme.style(.timer) == RoleStyle(foreground: .ansi(3), background: .ansi(4), bold: true))
        // The home and its cache folder did not exist: made, the owner's only, as the content cache's.
        let attributes = try FileManager.default.attributesOfItem(atPath: cacheFolder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let compiled = Array(try Data(contentsOf: URL(fileURLWithPath: compiledFile)))
        #expect(CompiledTheme.decode(compiled, source: Array(Self.yaml.utf8))?.styles == theme.styles)
    }

    /// A compiled copy made from this very file is what the next start uses (here a planted one, to
    /// tell it from a parse).
    @Test func theCompiledCopyIsUsedWhenItWasMadeFromThisFile() throws {
        _ = try load()
        try plant(.monochrome, forSource: Self.yaml)
        #expect(try load().name == "Monochrome")
    }

    @Test func anEditedThemeFileIsParsedAgainAndCompiledAgain() throws {
        _ = try load()
        try plant(.monochrome, forSource: Self.yaml)
        let edited = Self.yaml.replacingOccurrences(of: "[yellow, blue, bold]", with: "[red, default]")
        try edited.write(toFile: themeFile, atomically: true, encoding: .utf8)
        let theme = try load()
        #expect(theme.name == "Perso")
        #expect(theme.style(.timer) == RoleStyle(foreground: .ansi(1)))
        let compiled = Array(try Data(contentsOf: URL(fileURLWithPath: compiledFile)))
        #expect(CompiledTheme.decode(compiled, source: Array(edited.utf8))?.styles == theme.styles)
    }

    /// A compiled copy never hides a broken theme file: its one-line error comes as without a cache.
    @Test func aBrokenThemeFileIsAnErrorWhateverTheCacheHolds() throws {
        _ = try load()
        try "name: Perso\ncolors:\n  timer: [violet, default]\n".write(toFile: themeFile, atomically: true, encoding: .utf8)
        #expect(throws: UserError.self) { try load() }
    }

    @Test func aDamagedCopyIsReplaced() throws {
        _ = try load()
        try Data("epreuve-theme/1\n12\nabc".utf8).write(to: URL(fileURLWithPath: compiledFile))
        #expect(try load().name == "Perso")
        let compiled = Array(try Data(contentsOf: URL(fileURLWithPath: compiledFile)))
        #expect(CompiledTheme.decode(compiled, source: Array(Self.yaml.utf8)) != nil)
    }

    /// A home that cannot hold the cache (here a file where the folder should be) changes nothing
    /// but the parse at each start.
    @Test func aCacheThatCannotBeWrittenIsNoError() throws {
        try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: cacheFolder))
        #expect(try load().name == "Perso")
        #expect(try load().name == "Perso")
    }
}
