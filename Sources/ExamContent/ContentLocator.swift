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

    /// Paths as text, tried in order until one holds `profiles.yaml`: this runs before the terminal's
    /// first frame, and building every candidate as a URL cost a third of a millisecond.
    static func bundled(executablePath: String) -> URL? {
        var directory = parent(of: URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().path)
        var candidates: [String] = []
        // .build/<triple>/debug/epreuve → the package root is up to four levels above.
        for _ in 0..<5 {
            candidates.append(join(directory, "Content"))
            candidates.append(join(directory, "share/epreuve/Content"))
            directory = parent(of: directory)
        }
        candidates.append(join(FileManager.default.currentDirectoryPath, "Content"))
        return candidates.first { FileManager.default.fileExists(atPath: join($0, "profiles.yaml")) }
            .map { URL(fileURLWithPath: $0).standardizedFileURL }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
