import Foundation
import TestSupport
import Testing

/// `epreuve-center serve --port 0` in the background; the bound port is read from its first line.
final class ServeProcess {
    let process: SpawnedProcess
    let port: Int
    /// What it printed on stdout (the announcement).
    let output: URL

    private init(process: SpawnedProcess, port: Int, output: URL) {
        self.process = process
        self.port = port
        self.output = output
    }

    /// `stderr`: a file for the access log (nowhere by default).
    static func start(home: String, extra: [String] = [], stderr: String? = nil) async throws -> ServeProcess {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try SpawnedProcess(Binaries.path("epreuve-center"),
                                         ["serve", "--home", home, "--content", Binaries.fixtureContent, "--port", "0"] + extra,
                                         stdout: output.path, stderr: stderr)
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil && Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").first { $0.hasPrefix("Centre Épreuve à l'écoute sur ") }
                .flatMap { $0.split(separator: ":").last?.split(separator: "/").first }.flatMap { Int($0) }
            if found == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        return ServeProcess(process: process, port: try #require(found, "the center did not start"), output: output)
    }

    /// SIGSTOP: the center accepts connections (the kernel does) but never answers, until `resume`.
    func freeze() { process.signal(SIGSTOP) }
    func resume() { process.signal(SIGCONT) }

    /// SIGTERM (a graceful shutdown), then the exit status once it has ended.
    @discardableResult
    func stop() async -> Int32 {
        process.terminate()
        return await process.exit()
    }

    /// SIGTERM for a `defer`: the process is reaped on a thread of its own.
    func stopLater() { process.signalAndReapLater() }
}
