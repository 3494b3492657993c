import CommandLineKit
import ExamContent
import ExamStore
import Foundation
import TerminalUI

/// The colour theme, read before the first frame: from the compiled copy in the home's `cache/`
/// when it was made from this very file (`CompiledTheme`), else parsed, then compiled there.
extension ScreenSettings {
    /// The compiled copy of the theme last parsed (one file: a terminal keeps to its theme).
    static let compiledThemeFile = "theme.cache"

    /// Themes/<name>.yaml next to the content folder (or the executable); a bad file is a one-line error.
    func loadTheme(named name: String, cacheFolder: String) throws -> InterfaceTheme {
        guard let path = themePath(name) else {
            if name == "monochrome" { return .monochrome }
            throw UserError("couleurs inconnues « \(name) » pour --couleurs (default, contraste-eleve, monochrome)")
        }
        return try Self.loadTheme(atPath: path, cacheFolder: cacheFolder)
    }

    /// The theme file at `path`, from its compiled copy in `cacheFolder` when that was made from it.
    static func loadTheme(atPath path: String, cacheFolder: String) throws -> InterfaceTheme {
        guard let bytes = contents(atPath: path) else { throw unreadable(path) }
        let compiledFile = HomeFolder.join(cacheFolder, compiledThemeFile)
        // Compiled from these very bytes, so they were UTF-8 then.
        if let compiled = contents(atPath: compiledFile), let theme = CompiledTheme.decode(compiled, source: bytes) {
            return theme
        }
        guard let yaml = String(validating: bytes, as: UTF8.self) else { throw unreadable(path) }
        let theme: InterfaceTheme
        do {
            theme = try InterfaceTheme.parse(yaml: yaml, file: path)
        } catch {
            throw UserError(describing: error)
        }
        // Best effort: a home that cannot be written only means the YAML is parsed again next time.
        let url = URL(fileURLWithPath: compiledFile)
        try? ContentCache(directory: url.deletingLastPathComponent()).writeWhole(Data(CompiledTheme.encode(theme, source: bytes)), to: url)
        return theme
    }

    private static func unreadable(_ path: String) -> UserError {
        UserError("\(path) : fichier illisible ou pas en UTF-8")
    }

    /// A small file's bytes, read with `read(2)`: `FileManager.default` costs a tenth of a
    /// millisecond the first time, before the first frame.
    private static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Themes/<name>.yaml beside the shipped content folder, else in the current directory; as
    /// text, since `URL` costs about a millisecond before the first frame.
    private func themePath(_ name: String) -> String? {
        var roots: [String] = []
        if let content = ContentLocation.bundledPath(), let slash = content.lastIndex(of: "/") {
            roots.append(String(content[..<slash]))
        }
        roots.append(ContentLocation.currentDirectoryPath)
        return roots.map { HomeFolder.join($0, "Themes/\(name).yaml") }
            .first { access($0, F_OK) == 0 }
    }
}
