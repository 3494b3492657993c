import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The integrity commands of `epreuve-center`, run as a head of establishment runs them.
@Suite struct CenterIntegrityEndToEndTests {
    @Test func aReissuedSurveillantCodeReplacesTheOldOneOnTheCenter() async throws {
        let setUp = try await ExamSetUp()
        let center = ["--home", setUp.home, "--content", Binaries.fixtureContent]
        let reissued = try await Binaries.run("epreuve-center", ["sessions", "reissue", setUp.number, "--surveillant"] + center)
        #expect(reissued.status == 0, "\(reissued.stderr)")
        let line = try #require(reissued.stdout.split(separator: "\n").first { $0.hasPrefix("Nouveau code surveillant : ") })
        let fresh = String(line.dropFirst("Nouveau code surveillant : ".count))
        #expect(fresh.count == 6 && fresh.allSatisfy(\.isNumber))
        let confused = try await Binaries.run("epreuve-center", ["sessions", "reissue", setUp.number, "C123", "--surveillant"] + center)
        #expect(confused.status == 1)

        let server = try await ServeProcess.start(home: setUp.home)
        defer { server.stopLater() }
        func check(_ code: String) async throws -> Int {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/sessions/\(setUp.number)/surveillant")!)
            request.httpMethod = "POST"
            request.httpBody = Data(#"{"code":"\#(code)","terminalId":"poste"}"#.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        #expect(try await check(setUp.surveillantCode) == 401)
        #expect(try await check(fresh) == 200)
    }

    @Test func theDemoGoesAndComesBackAndStaysOutOfRealWork() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        // The bundled content: the demo is made on first opening.
        let listed = try await Binaries.run("epreuve-center", ["sessions", "list", "--home", home])
        #expect(listed.status == 0 && listed.stdout.contains("100001"))
        let candidates = try await Binaries.run("epreuve-center", ["candidates", "list", "--home", home])
        #expect(candidates.stdout.contains("DEMO"))
        let removed = try await Binaries.run("epreuve-center", ["demo", "remove", "--home", home])
        #expect(removed.stdout.contains("Démonstration supprimée."))
        #expect(try await !Binaries.run("epreuve-center", ["sessions", "list", "--home", home]).stdout.contains("100001"))
        #expect(try await Binaries.run("epreuve-center", ["candidates", "list", "--home", home]).stdout.contains("0 candidat(s)."))
        let added = try await Binaries.run("epreuve-center", ["demo", "add", "--home", home])
        #expect(added.stdout.contains("Démonstration remise"))
        let sheet = try await Binaries.run("epreuve-center", ["sessions", "show", "100001", "--home", home])
        #expect(sheet.stdout.contains("Code surveillant : 424242"))
    }
}
