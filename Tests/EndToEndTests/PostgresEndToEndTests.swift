import CenterPostgres
import ExamDelivery
import ExamKit
import Foundation
import Logging
import PostgresNIO
import PostgresTestServer
import Testing

/// Several `epreuve-center serve --database` processes sharing one PostgreSQL database, as a
/// national platform runs them behind one address: the attempt id is the key everywhere.
@Suite struct PostgresEndToEndTests {
    @Test func twoServersOnOneDatabaseOpenOneAttemptAndStoreOneResult() async throws {
        let database = try await TestPostgres.freshDatabaseURL()
        let setUp = try await ExamSetUp(database: database)
        let code = try #require(setUp.codes["Lily"])
        // Each server has a home of its own: only the database is shared.
        let servers = [try await ServeProcess.start(home: setUp.home + "-1", extra: ["--database", database]),
                       try await ServeProcess.start(home: setUp.home + "-2", extra: ["--database", database])]
        defer { servers.forEach { $0.stopLater() } }
        let clients = servers.map { HTTPCenterClient(baseURL: URL(string: "http://127.0.0.1:\($0.port)")!, timeout: 60) }

        // One terminal's login reaching both servers at once, ten times each.
        let packages = try await withThrowingTaskGroup(of: ExamPackage.self) { group in
            for n in 0..<20 {
                group.addTask { try await clients[n % 2].login(number: setUp.number, code: code, terminalId: "poste-1").get() }
            }
            return try await group.reduce(into: [ExamPackage]()) { $0.append($1) }
        }
        #expect(packages.count == 20)
        let attemptIds = Set(packages.map(\.attemptId))
        #expect(attemptIds.count == 1, "one attempt for one candidate, got \(attemptIds.count)")
        let package = try #require(packages.first)

        // The same result sent to both servers at once, ten times each: stored once.
        let answers = package.questions.enumerated().map { index, question in
            ResultEnvelope.Answer(position: index + 1, questionId: question.id, selected: ["B"], timeUsedMs: 2000)
        }
        let envelope = ResultEnvelope(
            attemptId: package.attemptId, examNumber: setUp.number, candidateId: package.candidateId, terminalId: "poste-1",
            bank: package.bank, extraTime: package.extraTime, startedAt: Date(), finishedAt: Date().addingTimeInterval(20),
            questions: answers, contentDigest: package.contentDigest
        ).signed(key: package.resultKey)
        let receipts = try await withThrowingTaskGroup(of: ResultReceipt.self) { group in
            for n in 0..<20 { group.addTask { try await clients[n % 2].submit(envelope).get() } }
            return try await group.reduce(into: [ResultReceipt]()) { $0.append($1) }
        }
        #expect(receipts.count { if case .stored = $0 { true } else { false } } == 1)
        #expect(receipts.count { $0 == .alreadyStored } == 19)

        // Lily's next login on either server: the exam is taken.
        for client in clients {
            let refused = try await client.login(number: setUp.number, code: code, terminalId: "poste-2")
            #expect(refused.failureValue == .alreadyTaken)
        }
        // In the database: one attempt of Lily's, one result, the attempt's.
        let address = try PostgresAddress(url: database)
        let connection = try await PostgresConnection.connect(configuration: try address.connectionConfiguration, id: 1,
                                                              logger: Logger(label: "test"))
        let attempts = try await connection.query("SELECT id FROM attempt", logger: Logger(label: "test")).collect()
        let results = try await connection.query("SELECT attempt_id FROM result", logger: Logger(label: "test")).collect()
        try await connection.close()
        #expect(try attempts.map { try $0.decode(String.self) } == [package.attemptId])
        #expect(try results.map { try $0.decode(String.self) } == [package.attemptId])

        let export = try await Binaries.run("epreuve-center", ["results", "export", "--session", setUp.number, "--home", setUp.home,
                                                         "--content", Binaries.fixtureContent, "--database", database])
        #expect(export.status == 0, "\(export.stderr)")
        let lily = export.stdout.split(separator: "\r\n").filter { $0.hasPrefix("ALEXANDRE;Lily;") }
        #expect(lily.count == 1)
        #expect(lily.first.map { !$0.split(separator: ";", omittingEmptySubsequences: false)[7].isEmpty } == true, "a note")
        #expect(try await setUp.centerShow().split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("/4") })
        // SIGTERM: both finish their requests, close their connections and exit cleanly.
        for server in servers {
            #expect(await server.stop() == 0)
        }
    }

    /// A new database with the bundled content gets the demo, as a new home does; nothing is written
    /// in the home folder.
    @Test func aNewDatabaseGetsTheDemoAndTheHomeStaysEmpty() async throws {
        let database = try await TestPostgres.freshDatabaseURL()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-pg-\(UUID().uuidString)").path
        let listed = try await Binaries.run("epreuve-center", ["sessions", "list", "--home", home, "--database", database])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("100001") && listed.stdout.contains("100002"))
        // --database may stand before the subcommand, as --home does.
        let shown = try await Binaries.run("epreuve-center", ["--database", database, "--home", home, "sessions", "show", "100001"])
        #expect(shown.stdout.contains("AAAA-AAAA"))
        #expect(!FileManager.default.fileExists(atPath: home + "/center.sqlite"))
    }

    @Test func anUnreachableServerOrABadURLIsOneFrenchLine() async throws {
        let port = try ThrowawayPort.closed()
        let unreachable = try await Binaries.run("epreuve-center", ["candidates", "list", "--database", "postgres://epreuve:secret@127.0.0.1:\(port)/centre"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr == "epreuve-center: ouverture de postgres://epreuve@127.0.0.1:\(port)/centre : base de données PostgreSQL injoignable à 127.0.0.1:\(port) (connexion refusée)\n")
        let malformed = try await Binaries.run("epreuve-center", ["sessions", "list", "--database", "mysql://epreuve:secret@hote/centre"])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.hasPrefix("epreuve-center: adresse de base de données invalide (schéma « mysql » inconnu)"))
        #expect(!malformed.stderr.contains("secret"))
        #expect(malformed.stderr.split(separator: "\n").count == 1)
    }
}

extension Result {
    var failureValue: Failure? {
        if case let .failure(failure) = self { return failure }
        return nil
    }
}

/// A loopback port nobody listens on (bound, then closed).
enum ThrowawayPort {
    static func closed() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
