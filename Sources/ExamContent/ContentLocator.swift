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
        bundledPath(executablePath: executablePath).map { URL(fileURLWithPath: $0).standardizedFileURL }
    }

    /// The shipped `Content/` folder as text (the terminal looks for its colour themes beside it
    /// before the first frame, where a process's first `URL` operations cost about a millisecond).
    public static func bundledPath(executablePath: String = CommandLine.arguments[0]) -> String? {
        var directory = parent(of: resolvedPath(executablePath))
        var candidates: [String] = []
        // .build/<triple>/debug/epreuve → the package root is up to four levels above.
        for _ in 0..<5 {
            candidates.append(join(directory, "Content"))
            candidates.append(join(directory, "share/epreuve/Content"))
            directory = parent(of: directory)
        }
        candidates.append(join(currentDirectoryPath, "Content"))
        return candidates.first { access(join($0, "profiles.yaml"), F_OK) == 0 }
    }

    /// The current directory, from `getcwd` (`FileManager.default` costs a tenth of a millisecond
    /// the first time, before the terminal's first frame).
    public static var currentDirectoryPath: String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }

    /// The executable's path with its symbolic links resolved, as `resolvingSymlinksInPath` did;
    /// a name without a slash was found on the PATH, which `/proc/self/exe` names.
    private static func resolvedPath(_ path: String) -> String {
        let named = path.utf8.contains(UInt8(ascii: "/")) ? path : "/proc/self/exe"
        guard let resolved = realpath(named, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
