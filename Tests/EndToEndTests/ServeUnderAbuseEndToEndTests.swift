import Foundation
import TestSupport
import Testing

/// The real `epreuve-center serve` stops on SIGTERM within 5 s while a client trickles an upload
/// and others hold idle connections (it used to wait 30 s on one slow upload).
struct ServeUnderAbuseEndToEndTests {
    @Test func sigtermEndsTheServerWithinFiveSecondsWhateverClientsDo() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("abuse-\(UUID().uuidString)").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("abuse-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = try SpawnedProcess(Binaries.path("epreuve-center"), ["serve", "--home", home, "--port", "0"], stdout: output.path)
        defer {
            process.signal(SIGKILL)
            Thread.detachNewThread { _ = process.waitUntilExit() }
        }

        var port: Int?
        let deadline = Date().addingTimeInterval(20)
        while port == nil, Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("Centre Épreuve à l'écoute sur http://127.0.0.1:") }
                .flatMap { $0.split(separator: ":").last?.split(separator: "/").first }.flatMap { Int($0) }
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let bound = try #require(port, "serve did not start")
        let upload = try RawConnection(port: bound)
        upload.send("POST /api/v1/results HTTP/1.1\r\nHost: centre\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n{\"attemptId\":")
        let idle = try (0..<20).map { _ in try RawConnection(port: bound) }
        // The upload is under way: the server has read its head (it would answer a health check meanwhile).
        #expect(try await OffPool.run {
            try RawConnection(port: bound).sending("GET /api/v1/health HTTP/1.1\r\nHost: centre\r\nConnection: close\r\n\r\n")
        }.hasPrefix("HTTP/1.1 200"))

        let stopped = try await OffPool.run { () -> TimeInterval? in
            let sent = Date()
            process.terminate()
            while process.isRunning {
                if Date().timeIntervalSince(sent) > 8 { return nil }
                usleep(1000)
            }
            return Date().timeIntervalSince(sent)
        }
        let seconds = try #require(stopped, "serve was still running 8 s after SIGTERM")
        #expect(seconds < 5)
        #expect(try await OffPool.run { upload.closedByServer(within: 1) && idle.allSatisfy { $0.closedByServer(within: 1) } })
    }
}
