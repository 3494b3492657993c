import Foundation
import TestSupport
import Testing

/// Drives the real binaries: `epreuve-center` as a process, `epreuve` inside a detached tmux session.
enum Binaries {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtureContent = packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/Content").path

    /// The folder holding the built executables (next to the test bundle, or under .build).
    static let directory: URL = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates += ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("epreuve-center").path) }
            ?? packageRoot.appendingPathComponent(".build/debug")
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a program to its end on a thread of its own: waiting for a child process must not hold a
    /// thread of the cooperative pool (2 cores), where the centers of other tests answer.
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:],
                    currentDirectory: String? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try runBlocking(name, arguments, environment: environment, currentDirectory: currentDirectory)
                })
            }
        }
    }

    private static func runBlocking(_ name: String, _ arguments: [String], environment: [String: String],
                                    currentDirectory: String?) throws -> Output {
        let output = try ChildProcess.run(name.hasPrefix("/") ? name : path(name), arguments,
                                          environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                          currentDirectory: currentDirectory)
        return Output(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }
}

/// A fresh home with candidates and one active exam of the fast test profile.
struct ExamSetUp {
    let home: String
    let number: String
    let surveillantCode: String
    /// Access code by first name.
    let codes: [String: String]

    /// `epreuve-center --database URL`, when the center is in PostgreSQL rather than in `home`.
    let database: String?

    init(candidates: [(first: String, last: String, extraTime: Bool)] = [("Lily", "Alexandre", false), ("Chloé", "Dubois", true)],
         database: String? = nil, profile: String = "RAPIDE") async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        self.database = database
        let store = database.map { ["--database", $0] } ?? []
        for candidate in candidates {
            var arguments = ["candidates", "add", "--home", home, "--content", Binaries.fixtureContent] + store + ["--nom", candidate.last,
                             "--prenom", candidate.first, "--naissance", "14/03/2013", "--classe", "5A", "--sexe", "F",
                             "--attestation", profile]
            if candidate.extraTime { arguments.append("--tiers-temps") }
            let added = try await Binaries.run("epreuve-center", arguments)
            try #require(added.status == 0, "\(added.stderr)")
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        let start = formatter.string(from: Date().addingTimeInterval(-120))
        let created = try await Binaries.run("epreuve-center", [
            "sessions", "create", "--home", home, "--content", Binaries.fixtureContent, "--type", "examen",
            "--attestation", profile, "--name", "Essai", "--at", start,
        ] + store)
        try #require(created.status == 0, "\(created.stderr)")
        func value(after label: String) -> String? {
            created.stdout.split(separator: "\n").first { $0.hasPrefix(label) }
                .map { String($0.dropFirst(label.count)).trimmingCharacters(in: .whitespaces) }
        }
        number = try #require(value(after: "Numéro de l'épreuve :"))
        surveillantCode = try #require(value(after: "Code surveillant :"))
        var codes: [String: String] = [:]
        for line in created.stdout.split(separator: "\n") {
            for candidate in candidates where line.hasPrefix("\(candidate.first) ") {
                codes[candidate.first] = line.split(separator: " ").last.map(String.init)
            }
        }
        self.codes = codes
    }

    func centerShow() async throws -> String {
        try await Binaries.run("epreuve-center", ["sessions", "show", number, "--home", home, "--content", Binaries.fixtureContent]
            + (database.map { ["--database", $0] } ?? [])).stdout
    }
}

/// One tmux server per test (its own socket), 80×24 unless told otherwise.
final class Tmux {
    let socket = "epreuve-e2e-\(UUID().uuidString.prefix(8))"

    init(command: String, width: Int = 80, height: Int = 24) throws {
        // The shell line keeps the pane after the program ends so its exit can be read.
        let line = "LANG=C.UTF-8 \(command); echo \"FIN DU PROGRAMME $?\"; sleep 600"
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", line])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Runs a tmux command through `system`, output through a file. Foundation's Process would wait
    /// for the tmux server (a daemon the first command starts) to close descriptors it inherited.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        // CI may run without a locale or TERM: the tmux server must still read and show UTF-8.
        let line = "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=${TERM:-xterm-256color} "
            + (["tmux", "-L", socket] + arguments).map(Self.quoted).joined(separator: " ")
            + " >\(Self.quoted(outputPath)) 2>/dev/null </dev/null"
        let status = system(line)
        if status != 0 && arguments.first != "kill-server" {
            throw TmuxFailed(command: arguments.first ?? "", status: status)
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct TmuxFailed: Error {
        let command: String
        let status: Int32
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }
    func resize(width: Int, height: Int) throws { try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"]) }

    /// Polls the screen until `text` shows, or fails with the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) async throws -> String {
        try await waitUntil(timeout: timeout, "« \(text) »") { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(timeout: TimeInterval = 15, _ what: String, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            let current = try screen()
            // ncurses may reach tmux in several writes: a screen counts once two captures agree,
            // so a new header is never read with the previous question's choices.
            if condition(current) && current == last { return current }
            last = current
            // Task.sleep, not Thread.sleep: a blocked thread would starve the cooperative pool (2 cores).
            try await Task.sleep(for: .milliseconds(condition(current) ? 20 : 50))
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(last)")
        throw TimedOut()
    }

    struct TimedOut: Error {}

    /// Sends `signal` to `pid` and returns how long the process took to end (nil after 5 s). The wait
    /// runs on a thread of its own, so a busy cooperative pool cannot delay noticing the exit.
    static func timeToExit(after signal: Int32, pid: Int32) async -> TimeInterval? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let sent = Date()
                kill(pid, signal)
                while kill(pid, 0) == 0 {
                    if Date().timeIntervalSince(sent) > 5 { return continuation.resume(returning: nil) }
                    usleep(500)
                }
                continuation.resume(returning: Date().timeIntervalSince(sent))
            }
        }
    }

    /// The pid of the program running in the pane (the shell's child).
    func programPid(named name: String = "epreuve") throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return children.split(separator: " ").compactMap { Int32($0) }.first
    }
}

extension Tmux {
    /// Home → exam number → access code → identity → tutorial → ready → first question.
    func logIn(number: String, code: String) async throws {
        try await waitFor("Passer une épreuve")
        try keys("Enter")
        try await waitFor("Numéro de l'épreuve")
        try type(number)
        try keys("Enter")
        try await waitFor("Code d'accès")
        try type(code)
        try keys("Enter")
    }

    func startExam() async throws {
        try await waitFor("Vérifiez votre identité")
        try keys("Enter")  // Commencer
        for page in 1...8 {
            // Each page is read before Enter, so a key never lands on the page before.
            let screen = try await waitFor("Présentation de l'épreuve (\(page)/")
            try keys("Enter")
            if screen.contains("Démarrer") { break }
        }
        try await waitFor("c'est à vous")
        try keys("Enter")
        try await waitFor("Question 1/")
    }

    /// Presses the letters of the choices that read "bonne réponse" on the current question.
    func answerRight(on screen: String) throws {
        for line in screen.split(separator: "\n") where line.contains("bonne réponse") {
            if let letter = line.split(separator: " ").first(where: { $0.count == 1 && ("A"..."F").contains(String($0)) }) {
                try keys(String(letter).lowercased())
            }
        }
    }

    func answerWrong(on screen: String) throws {
        for line in screen.split(separator: "\n") where line.contains("mauvaise réponse") {
            if let letter = line.split(separator: " ").first(where: { $0.count == 1 && ("A"..."F").contains(String($0)) }) {
                try keys(String(letter).lowercased())
                return
            }
        }
    }
}
