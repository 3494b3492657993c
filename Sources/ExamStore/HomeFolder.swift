import Foundation

/// The data folder of both programs (DESIGN §6): `--home`, else `$EPREUVE_HOME`, else
/// `~/.local/share/epreuve`. It holds `center.sqlite` (the local center) and `terminal.sqlite`.
public enum HomeFolder {
    public static func url(explicit: String?) -> URL {
        URL(fileURLWithPath: path(explicit: explicit))
    }

    /// The folder as text. The terminal opens its store from it before the first frame: a
    /// process's first `URL` operations cost about a millisecond there (the runtime scans every
    /// protocol conformance of the program for Foundation's generic types).
    public static func path(explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = getenv("EPREUVE_HOME").map({ String(cString: $0) }), !env.isEmpty { return env }
        let home = NSHomeDirectory()
        return (home.hasSuffix("/") ? home : home + "/") + ".local/share/epreuve"
    }
}
