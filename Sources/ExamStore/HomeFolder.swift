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
        return join(userHome, ".local/share/epreuve")
    }

    /// The user's home directory: `$HOME`, else the password database's, as Foundation finds it.
    public static var userHome: String {
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return NSHomeDirectory()
    }

    /// `name` in `directory`, joined as text.
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
