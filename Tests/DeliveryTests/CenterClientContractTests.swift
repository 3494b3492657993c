import CenterServer
import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The local and the HTTP forms of CenterClient must behave the same (DESIGN §8).
@Suite struct CenterClientContractTests {
    enum Form: String, CaseIterable, Sendable { case local, http }

    func withClient(_ form: Form, candidates: Int = 3,
                    _ body: (any CenterClient, CenterService, String, [String]) async throws -> Void) async throws {
        let (center, number, codes) = try await DeliveryFixtures.center(candidates: candidates)
        switch form {
        case .local:
            try await body(LocalCenterClient(center: center), center, number, codes)
        case .http:
            let live = try await LiveCenter.start(center)
            do {
                try await body(HTTPCenterClient(baseURL: live.url), center, number, codes)
            } catch {
                await live.stop()
                throw error
            }
            await live.stop()
        }
    }

    @Test(arguments: Form.allCases)
    func sessionLookUp(form: Form) async throws {
        try await withClient(form) { client, _, number, _ in
            let info = try #require(try await client.session(number: number))
            #expect(info.number == number)
            #expect(info.state == .active)
            #expect(info.kind == .examen)
            #expect(try await client.session(number: "000000") == nil)
        }
    }

    @Test(arguments: Form.allCases)
    func loginGivesAPackageWithoutKey(form: Form) async throws {
        try await withClient(form) { client, _, number, codes in
            #expect(try await client.login(number: number, code: "ZZZZ-ZZZZ", terminalId: "a") == .failure(.wrongCode))
            #expect(try await client.login(number: "000000", code: codes[0], terminalId: "a") == .failure(.unknownSession))
            let package = try await client.login(number: number, code: codes[0].lowercased(), terminalId: "a").get()
            #expect(package.questions.count == 4)
            #expect(package.questions.allSatisfy { $0.answer.isEmpty && $0.explanation.isEmpty })
            #expect(package.session.number == number)
        }
    }

    @Test(arguments: Form.allCases)
    func lockoutAfterFiveWrongCodes(form: Form) async throws {
        try await withClient(form) { client, _, number, _ in
            for _ in 0..<4 { _ = try await client.login(number: number, code: "ZZZZ-ZZZZ", terminalId: "b") }
            #expect(try await client.login(number: number, code: "ZZZZ-ZZZZ", terminalId: "b") == .failure(.locked(seconds: 60)))
        }
    }

    @Test(arguments: Form.allCases)
    func submitIsIdempotent(form: Form) async throws {
        try await withClient(form) { client, center, number, codes in
            let package = try await client.login(number: number, code: codes[0], terminalId: "c").get()
            let store = try DeliveryFixtures.finishedAttempt(package)
            let envelope = try #require(try store.undelivered().first).decodedEnvelope()
            // Every answer is "B": right exactly on the single-answer questions, by the center's own key.
            let expected = package.questions.count { DeliveryFixtures.catalog.question(id: $0.id)?.answer == [1] }
            #expect(try await client.submit(envelope) == .success(.stored(score: expected, outOf: 4)))
            #expect(try await client.submit(envelope) == .success(.alreadyStored))
            var tampered = envelope
            tampered.questions[0].selected = ["C"]
            #expect(try await client.submit(tampered) == .failure(.badMac))
            #expect(try await client.submit(tampered.signed(key: package.resultKey)) == .failure(.conflict))
            #expect(try await center.results().count == 1)
            #expect(try await client.login(number: number, code: codes[0], terminalId: "c") == .failure(.alreadyTaken))
        }
    }
}

@Suite struct CenterAPITests {
    func post(_ url: URL, body: Data, headers: [String: String] = [:]) async throws -> (Int, [AnyHashable: Any]) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.allHeaderFields)
    }

    @Test func healthBodyLimitThrottleAndIdempotencyKey() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center)
        #expect(try await HTTPCenterClient(baseURL: live.url).health())
        let big = Data(repeating: UInt8(ascii: "x"), count: 200_000)
        #expect(try await post(live.url.appendingPathComponent("api/v1/results"), body: big).0 == 413)
        let login = live.url.appendingPathComponent("api/v1/sessions/\(number)/login")
        let wrong = try JSONEncoder().encode(["code": "ZZZZ-ZZZZ", "terminalId": "api"])
        for _ in 0..<4 { #expect(try await post(login, body: wrong).0 == 401) }
        let (status, headers) = try await post(login, body: wrong)
        #expect(status == 429)
        #expect(headers["Retry-After"] as? String == "60")
        #expect(try await post(login, body: Data("{".utf8)).0 == 400)

        let package = try await center.login(number: number, code: codes[1], terminalId: "x").get()
        let envelope = try #require(try DeliveryFixtures.finishedAttempt(package).undelivered().first).envelope
        let results = live.url.appendingPathComponent("api/v1/results")
        #expect(try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": "autre"]).0 == 400)
        #expect(try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": package.attemptId]).0 == 201)
        #expect(try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": package.attemptId]).0 == 200)
        await live.stop()
    }
}
