import Foundation
import TestSupport
import Testing

/// The real `epreuve-center serve` stops on SIGTERM within 5 s while a client trickles an upload
/// and others hold idle connections (it used to wait 30 s on one slow upload).
struct ServeUnderAbuseEndToEndTests {
    @Test func sigtermEndsTheServerWithinFiveSecondsWhateverClientsDo() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("abuse-\(UUID().uuidString)").path
        let server = try await ServeProcess.start(home: home)
        let process = server.process
        defer { process.signalAndReapLater(SIGKILL) }
        let bound = server.port
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
