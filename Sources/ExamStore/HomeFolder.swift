import Foundation

/// The data folder of both programs (DESIGN §6): `--home`, else `$EPREUVE_HOME`, else
/// `~/.local/share/epreuve`. It holds `center.sqlite` (the local center) and `terminal.sqlite`.
public enum HomeFolder {
    public static func url(explicit: String?) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = ProcessInfo.processInfo.environment["EPREUVE_HOME"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/epreuve")
    }
}
