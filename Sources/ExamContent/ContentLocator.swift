import Foundation

/// Finds the content folder: the one given, else the `Content/` shipped with the program
/// (next to the executable, above it for `swift run`, or in the current directory).
public struct ContentLocation: Sendable, Hashable {
    public let url: URL
    /// True when no `--content` was given: only then is the demo created (DESIGN §9).
    public let isBundled: Bool

    public init(url: URL, isBundled: Bool) {
        self.url = url
        self.isBundled = isBundled
    }

    public static func resolve(explicit: String?, executablePath: String = CommandLine.arguments[0]) -> ContentLocation? {
        if let explicit {
            return ContentLocation(url: URL(fileURLWithPath: explicit).standardizedFileURL, isBundled: false)
        }
        return bundled(executablePath: executablePath).map { ContentLocation(url: $0, isBundled: true) }
    }

    static func bundled(executablePath: String) -> URL? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // .build/<triple>/debug/epreuve → the package root is up to four levels above.
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("Content"))
            candidates.append(directory.appendingPathComponent("share/epreuve/Content"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Content"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("profiles.yaml").path) }?
            .standardizedFileURL
    }
}
