import CenterServer
import Foundation
import TestSupport
import Testing

/// The center under abuse: slow senders, idle crowds, oversized bodies and too many connections
/// cost it a connection each, never its service. Short limits keep the tests fast; the defaults
/// are in docs/api.md.
@Suite(.serialized) struct ServerLimitsTests {
    static let health = "GET /api/v1/health HTTP/1.1\r\nHost: centre\r\nConnection: close\r\n\r\n"
    /// How long a test waits for the server: the whole suite runs in parallel on 2 cores, and this
    /// in-process server shares the cooperative pool with it.
    static let patience: TimeInterval = 30

    @Test func aClientSendingAByteEveryTenthOfASecondIsCutOff() async throws {
        let (center, _, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center, limits: ServerLimits(requestReadTimeout: .milliseconds(500)))
        defer { Task { await live.stop() } }
        let port = live.port
        let cutAfter = try await OffPool.run { () -> TimeInterval? in
            let slow = try RawConnection(port: port)
            // 150 bytes: 15 s at this pace, far longer than the 0.5 s the server allows.
            let request = "POST /api/v1/results HTTP/1.1\r\nHost: centre\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: 0123456789abcdef0123456789abcdef\r\nX-Terminal-Id: poste-lent-de-la-salle-12\r\n"
            let started = Date()
            for byte in request {
                slow.send(String(byte))
                if slow.closedByServer(within: 0.1) { return Date().timeIntervalSince(started) }
            }
            // The request never ends (no blank line): a server starved by the rest of the test run
            // may read it late, but must still cut it.
            return slow.closedByServer(within: Self.patience) ? Date().timeIntervalSince(started) : nil
        }
        let elapsed = try #require(cutAfter, "the server kept a trickling client for the whole request")
        #expect(elapsed >= 0.4 && elapsed < 15 + Self.patience)
        // The server still answers others.
        #expect(try await OffPool.run { try RawConnection(port: port).sending(Self.health) }.hasPrefix("HTTP/1.1 200"))
    }

    /// A connection that never sends its first request is cut by the read deadline, which starts
    /// at the opening, long before the idle timeout.
    @Test func aConnectionThatSendsNothingIsCutByTheReadDeadline() async throws {
        let (center, _, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center, limits: ServerLimits(requestReadTimeout: .milliseconds(300), idleTimeout: .seconds(120)))
        defer { Task { await live.stop() } }
        let port = live.port
        let cutAfter = try await OffPool.run { () -> TimeInterval? in
            let started = Date()
            let silent = try RawConnection(port: port)
            return silent.closedByServer(within: Self.patience) ? Date().timeIntervalSince(started) : nil
        }
        let elapsed = try #require(cutAfter, "a silent connection stayed open")
        #expect(elapsed >= 0.25 && elapsed < Self.patience)
    }

    @Test func aHundredIdleConnectionsAreClosed() async throws {
        let (center, _, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center, limits: ServerLimits(idleTimeout: .milliseconds(300)))
        defer { Task { await live.stop() } }
        let port = live.port
        let closed = try await OffPool.run {
            let idle = try (0..<100).map { _ in try RawConnection(port: port) }
            // One deadline for all: under a loaded test run the server may accept the last ones late.
            let deadline = Date().addingTimeInterval(Self.patience)
            return idle.filter { $0.closedByServer(within: max(0.1, deadline.timeIntervalSinceNow)) }.count
        }
        #expect(closed == 100)
    }

    @Test func aBodyAnnouncedTooLargeIsRefusedBeforeItIsSent() async throws {
        let (center, _, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center)
        defer { Task { await live.stop() } }
        let port = live.port
        let answer = try #require(try await OffPool.run { () -> String? in
            let client = try RawConnection(port: port)
            client.send("POST /api/v1/results HTTP/1.1\r\nHost: centre\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
            return client.readUntilClosed(timeout: Self.patience)
        }, "no answer before the body")
        #expect(answer.hasPrefix("HTTP/1.1 413"))
        #expect(answer.contains("\"error\":\"payload-too-large\""))
        #expect(answer.contains("Corps de requête trop gros (64 Kio au plus)."))
    }

    @Test func connectionsPastTheCapGet503ThenTheCenterServesAgain() async throws {
        let (center, _, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center, limits: ServerLimits(maximumConnections: 3))
        defer { Task { await live.stop() } }
        let port = live.port
        var held: [RawConnection] = try (0..<3).map { _ in try RawConnection(port: port) }
        // Each held connection is served once (so admitted) and kept open.
        for connection in held {
            let answer = try await OffPool.run {
                connection.send("GET /api/v1/health HTTP/1.1\r\nHost: centre\r\n\r\n")
                return connection.readSome(timeout: Self.patience)
            }
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true)
        }
        let answer = try #require(try await OffPool.run { try RawConnection(port: port).readUntilClosed(timeout: Self.patience) },
                                  "the fourth connection stayed open")
        #expect(answer.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(answer.contains("Retry-After: 5\r\n"))
        #expect(answer.contains("\"error\":\"server-busy\""))
        held.removeAll()
        var served = false
        for _ in 0..<50 where !served {
            served = try await OffPool.run { try RawConnection(port: port).sending(Self.health) }.hasPrefix("HTTP/1.1 200")
            if !served { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(served)
        #expect(held.isEmpty)
    }
}
