import CenterPostgres
import Foundation
import Synchronization
import TestSupport

/// `initdb` + `pg_ctl` in a temporary folder: a server for this test process only.
enum ThrowawayServer {
    static let user = "epreuve"
    /// Folders of servers started by this process, stopped and removed at exit.
    static let started = Mutex<[String]>([])

    static func start() async throws -> PostgresAddress {
        let binaries = try binaryFolder()
        let runAsPostgres = getuid() == 0
        if runAsPostgres, getpwnam("postgres") == nil {
            throw TestPostgresUnavailable("running as root, and initdb refuses root: a `postgres` system user is needed "
                + "(Debian's postgresql package creates it), or set EPREUVE_TEST_POSTGRES_URL")
        }
        removeStaleFolders(binaries: binaries)

        let folder = try makeFolder(owner: runAsPostgres ? "postgres" : nil)
        registerForRemovalAtExit(folder)
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: folder + "/owner.pid"))
        let password = (0..<4).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "") }.joined()
        let passwordFile = folder + "/password"
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        if runAsPostgres { try chown(passwordFile, to: "postgres") }
        try await run(binaries + "/initdb", ["-D", folder + "/data", "-U", user, "--pwfile=" + passwordFile,
                                             "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"], what: "initdb")
        try? FileManager.default.removeItem(atPath: passwordFile)

        var lastFailure: any Error = TestPostgresUnavailable("no port")
        for _ in 0..<3 {
            let port = try freePort()
            let options = [
                "-p \(port)", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories='\(folder)'",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=400",
            ].joined(separator: " ")
            do {
                try await run(binaries + "/pg_ctl", ["-D", folder + "/data", "-o", options, "-l", folder + "/server.log", "-w", "-t", "60", "start"],
                              what: "pg_ctl start")
                return PostgresAddress(endpoint: .tcp(host: "127.0.0.1", port: port), username: user, password: password,
                                       database: "postgres")
            } catch {
                lastFailure = error  // most likely the port was taken meanwhile: another one
            }
        }
        throw lastFailure
    }

    /// The newest `/usr/lib/postgresql/<version>/bin` holding initdb and pg_ctl.
    static func binaryFolder() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions {
            let folder = "\(root)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: folder + "/initdb"),
               FileManager.default.isExecutableFile(atPath: folder + "/pg_ctl") { return folder }
        }
        throw TestPostgresUnavailable("no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): install Debian's "
            + "`postgresql` package (apt-get install postgresql), or set EPREUVE_TEST_POSTGRES_URL to a server where the user may CREATE DATABASE")
    }

    static func makeFolder(owner: String?) throws -> String {
        var template = Array("/tmp/epreuve-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestPostgresUnavailable("cannot make a folder in /tmp") }
        let folder = String(cString: made)
        if let owner { try chown(folder, to: owner) }
        return folder
    }

    static func chown(_ path: String, to user: String) throws {
        try FileManager.default.setAttributes([.ownerAccountName: user], ofItemAtPath: path)
    }

    /// A port the kernel just handed out on 127.0.0.1 (free when asked; the caller retries if taken since).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0 else { throw TestPostgresUnavailable("cannot bind a port on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end on a thread of its own (not one of the cooperative pool's).
    static func run(_ program: String, _ arguments: [String], what: String) async throws {
        let output: ChildProcess.Output = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try runToEnd(program, arguments) }) }
        }
        guard output.status == 0 else {
            let text = (output.stdout + output.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
            throw TestPostgresUnavailable("\(what) failed (\(output.status)): \(text)")
        }
    }

    /// As the postgres user when we are root (initdb refuses root), from /tmp (the postgres user may
    /// not enter the package's folder). Through SpawnedProcess: the server pg_ctl leaves running holds
    /// none of the test process's descriptors (system() passed them all on, in-process servers'
    /// sockets included, which then never closed).
    static func runToEnd(_ program: String, _ arguments: [String]) throws -> ChildProcess.Output {
        getuid() == 0
            ? try ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments, currentDirectory: "/tmp")
            : try ChildProcess.run(program, arguments, currentDirectory: "/tmp")
    }

    static func registerForRemovalAtExit(_ folder: String) {
        let first = started.withLock { folders in
            folders.append(folder)
            return folders.count == 1
        }
        if first { atexit { ThrowawayServer.stopAll() } }
    }

    /// At exit: an immediate stop (nothing in it is worth a checkpoint), then the folder goes.
    static func stopAll() {
        let folders = started.withLock { $0 }
        guard let binaries = try? binaryFolder() else { return }
        for folder in folders { stop(folder, binaries: binaries) }
    }

    static func stop(_ folder: String, binaries: String) {
        if FileManager.default.fileExists(atPath: folder + "/data/postmaster.pid") {
            _ = try? runToEnd("\(binaries)/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Folders of earlier runs whose test process is gone (killed before its exit handler ran).
    static func removeStaleFolders(binaries: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("epreuve-pg-") {
            let folder = "/tmp/" + name
            guard let text = try? String(contentsOfFile: folder + "/owner.pid", encoding: .utf8),
                  let owner = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            if kill(owner, 0) != 0 && errno == ESRCH { stop(folder, binaries: binaries) }
        }
    }
}
