import Foundation

/// A child process started with posix_spawn and reaped with waitpid, by us. Foundation's Process
/// is not used in tests: with many children ending at once it sometimes never notices one ended,
/// and `waitUntilExit` then spins forever on a thread of the cooperative pool (seen here as a
/// whole test run hanging behind a defunct `epreuve-center`).
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `path` with `arguments`; stdout and stderr go to the files given (created if needed)
    /// or nowhere, stdin reads nothing. `environment` nil: the test process's own.
    public init(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: String? = nil, stdout: String? = nil, stderr: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Nothing else of the test process: a long-lived child (a `serve`, a PostgreSQL server)
        // holding a copy of an in-process server's socket keeps that connection open after the
        // server closes it, and a test waiting for the close waits forever.
        _ = Self.addCloseFrom?(&actions, 3)

        // The child starts with no blocked signal and default handlers, whatever the test process set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        // glibc's posix_spawn_file_actions_addchdir_np is not visible from Swift: a shell changes
        // directory, then becomes the program.
        let (program, words) = currentDirectory.map {
            ("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", $0, path] + arguments)
        } ?? (path, arguments)
        let argv = ([program] + words).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure("posix_spawn \(program): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34), which Swift's Glibc module does not show.
    private static let addCloseFrom: AddCloseFrom? =
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// False once the process has ended (and been reaped).
    public var isRunning: Bool { reap() == nil }

    /// The exit status, or 128 + the signal that ended it; waits for the end (off the pool: blocks).
    public func waitUntilExit() -> Int32 {
        while true {
            if let status = reap() { return status }
            usleep(1000)
        }
    }

    /// `waitUntilExit` on a thread of its own.
    public func exit() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitUntilExit()) }
        }
    }

    public func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    public func terminate() { signal(SIGTERM) }

    /// For a `defer`: sends `signal`, and reaps the process on a thread of its own.
    public func signalAndReapLater(_ signal: Int32 = SIGTERM) {
        self.signal(signal)
        Thread.detachNewThread { _ = self.waitUntilExit() }
    }

    private func reap() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let status { return status }
        var raw: Int32 = 0
        while true {
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid { break }
            if reaped == 0 { return nil }
            if errno == EINTR { continue }
            status = -1
            return status
        }
        let terminatedBySignal = (raw & 0x7f) != 0
        status = terminatedBySignal ? 128 + (raw & 0x7f) : (raw >> 8) & 0xff
        return status
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
