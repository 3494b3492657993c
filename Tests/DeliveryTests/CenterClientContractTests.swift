import CenterServer
import CenterService
import CenterWire
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
                try await body(live.client(), center, number, codes)
            } catch {
                await live.stop()
                throw error
            }
            await live.stop()
        }
    }

    @Test(arguments: Form.allCases)
    func surveillantCodeProgressAndTransfer(form: Form) async throws {
        try await withClient(form) { client, center, number, codes in
            #expect(try await client.checkSurveillantCode(number: number, code: "000000", terminalId: "a") == .wrongCode)
            #expect(try await client.checkSurveillantCode(number: "000000", code: "000000", terminalId: "a") == .unknownSession)
            let session = try #require(try await center.session(number: number))
            let package = try await client.login(number: number, code: codes[0], terminalId: "a").get()
            let progress = AttemptSnapshot(index: 1, phase: .answering, remainingMs: 20_000, selections: [[1], [], [], []],
                                           timeUsedMs: [45_000, 25_000, 0, 0])
            let report = ProgressReport(attemptId: package.attemptId, terminalId: "a", progress: progress, key: package.resultKey)
            #expect(try await client.reportProgress(report) == .recorded(surveillantCheck: session.surveillantCheck))
            #expect(try await client.login(number: number, code: codes[0], terminalId: "b") == .failure(.runningElsewhere))
            #expect(try await client.transfer(number: number, code: codes[0], surveillantCode: "000000", terminalId: "b")
                == .failure(.surveillantCodeWrong))
            let code = try #require(DeliveryFixtures.surveillantCodes.withLock { $0[number] })
            #expect(try await client.checkSurveillantCode(number: number, code: code, terminalId: "b") == .accepted)
            let moved = try await client.transfer(number: number, code: codes[0], surveillantCode: code, terminalId: "b").get()
            #expect(moved.attemptId == package.attemptId && moved.progress == progress)
            #expect(try await client.reportProgress(report) == .moved)
            var forged = report
            forged.mac = ProgressReport(attemptId: package.attemptId, terminalId: "b", progress: progress, key: "clé inventée").mac
            forged.terminalId = "b"
            await #expect(throws: DeliveryError.self) { try await client.reportProgress(forged) }
            let unknown = ProgressReport(attemptId: "inconnue", terminalId: "a", progress: progress, key: package.resultKey)
            #expect(try await client.reportProgress(unknown) == .unknownAttempt)
        }
    }

    /// A candidate holding their own package cannot sign for another (issue 11: 90 of 90 such forgeries
    /// were once accepted).
    @Test(arguments: Form.allCases)
    func aResultForgedForAnotherCandidateIsRefused(form: Form) async throws {
        try await withClient(form) { client, center, number, codes in
            let mine = try await client.login(number: number, code: codes[0], terminalId: "a").get()
            let theirs = try await client.login(number: number, code: codes[1], terminalId: "b").get()
            let store = try DeliveryFixtures.finishedAttempt(theirs, terminalId: "b")
            var forged = try #require(try store.undelivered().first).decodedEnvelope()
            #expect(try await client.submit(forged.signed(key: mine.resultKey)) == .failure(.badMac))
            forged.candidateId = mine.candidateId
            guard case .failure(.invalid) = try await client.submit(forged.signed(key: theirs.resultKey)) else {
                Issue.record("a result moved to another candidate was accepted")
                return
            }
            #expect(try await center.results().isEmpty)
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
            let store = try DeliveryFixtures.finishedAttempt(package, terminalId: "c")
            let envelope = try #require(try store.undelivered().first).decodedEnvelope()
            // Every answer is "B": right exactly on the single-answer questions, by the center's own key.
            let expected = package.questions.count { DeliveryFixtures.catalog.question(id: $0.id)?.answer == [1] }
            // An exam's acknowledgement carries no score: the center keeps it.
            #expect(try await client.submit(envelope) == .success(.stored(score: nil, outOf: nil)))
            #expect(try await center.results().first?.score == expected)
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
    struct Answer {
        let status: Int
        let headers: [AnyHashable: Any]
        let body: Data

        /// The error body every refusal carries (docs/api.md).
        var error: ErrorBody? { try? WireJSON.decodeResponse(ErrorBody.self, from: body) }
    }

    func get(_ url: URL) async throws -> Answer {
        try await send("GET", url)
    }

    func post(_ url: URL, body: Data, headers: [String: String] = [:]) async throws -> Answer {
        try await send("POST", url, body: body, headers: headers)
    }

    func send(_ method: String, _ url: URL, body: Data? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(status: http.statusCode, headers: http.allHeaderFields, body: data)
    }

    @Test func healthBodyLimitThrottleAndIdempotencyKey() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center)
        #expect(try await live.client().health())
        let health = try await get(live.url.appendingPathComponent("api/v1/health"))
        #expect(String(decoding: health.body, as: UTF8.self) == #"{"status":"ok"}"#)
        let big = Data(repeating: UInt8(ascii: "x"), count: 200_000)
        let tooLarge = try await post(live.url.appendingPathComponent("api/v1/results"), body: big)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.error?.error == .payloadTooLarge)
        let login = live.url.appendingPathComponent("api/v1/sessions/\(number)/login")
        let wrong = Data(#"{"code":"ZZZZ-ZZZZ","terminalId":"api"}"#.utf8)
        for _ in 0..<4 {
            let answer = try await post(login, body: wrong)
            #expect(answer.status == 401)
            #expect(answer.error == ErrorBody(error: .codeIncorrect, message: "Code d'accès incorrect."))
        }
        let locked = try await post(login, body: wrong)
        #expect(locked.status == 429)
        #expect(locked.headers["Retry-After"] as? String == "60")
        #expect(locked.error?.retryAfter == 60)
        #expect(try await post(login, body: Data("{".utf8)).status == 400)
        let unknown = try await get(live.url.appendingPathComponent("api/v1/sessions/000000"))
        #expect(unknown.status == 404)
        #expect(unknown.error?.error == .sessionUnknown)

        let package = try await center.login(number: number, code: codes[1], terminalId: "x").get()
        let envelope = try #require(try DeliveryFixtures.finishedAttempt(package, terminalId: "x").undelivered().first).envelope
        let results = live.url.appendingPathComponent("api/v1/results")
        let mismatch = try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": "autre"])
        #expect(mismatch.status == 400)
        #expect(mismatch.error?.error == .idempotencyKeyMismatch)
        let stored = try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": package.attemptId])
        #expect(stored.status == 201)
        #expect(try WireJSON.decodeResponse(ResultReceiptBody.self, from: stored.body).status == .stored)
        let again = try await post(results, body: Data(envelope.utf8), headers: ["Idempotency-Key": package.attemptId])
        #expect(again.status == 200)
        #expect(String(decoding: again.body, as: UTF8.self) == #"{"status":"already-stored"}"#)
        await live.stop()
    }

    /// Whatever terminal ids one client sends, its address is throttled: 20 wrong codes a minute.
    @Test func oneAddressChangingTerminalIdsIsCutAfterTwenty() async throws {
        let (center, number, _) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center)
        let login = live.url.appendingPathComponent("api/v1/sessions/\(number)/login")
        var statuses: [Int] = []
        for guess in 0..<25 {
            let body = Data(#"{"code":"ZZZZ-ZZZZ","terminalId":"faux-\#(guess)"}"#.utf8)
            statuses.append(try await post(login, body: body).status)
        }
        #expect(statuses.prefix(19).allSatisfy { $0 == 401 })
        #expect(statuses.dropFirst(19).allSatisfy { $0 == 429 })
        let surveillant = live.url.appendingPathComponent("api/v1/sessions/\(number)/surveillant")
        let wrong = try await post(surveillant, body: Data(#"{"code":"000000","terminalId":"x"}"#.utf8))
        #expect(wrong.status == 401 && wrong.error?.error == .surveillantCodeIncorrect)
        await live.stop()
    }

    /// Before the strict decoder, a trailing comma logged in: now nothing malformed reaches the service.
    @Test func malformedBodiesAreRefusedBeforeTheService() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let live = try await LiveCenter.start(center)
        let login = live.url.appendingPathComponent("api/v1/sessions/\(number)/login")
        let code = codes[0]
        for body in [#"{"code":"\#(code)",}"#, #"{"code":"\#(code)","code":"\#(code)"}"#, #"{"code":"\#(code)","extra":1}"#,
                     #"{"code":"\#(code)" /* */}"#, #"{"code":["\#(code)"]}"#, #"{"code":"\#(code)","terminalId":null}"#] {
            let answer = try await post(login, body: Data(body.utf8))
            #expect(answer.status == 400, "\(body)")
            #expect(answer.error?.error == .invalidRequest, "\(body)")
        }
        let answer = try await post(login, body: Data(#"{"code":"\#(code)",}"#.utf8))
        #expect(answer.error?.message == "JSON invalide à l'octet \(code.utf8.count + 11) : virgule en trop avant « } »")
        // None of them opened an attempt: the first well-formed login opens one (a resumed one would
        // carry the terminal id "inconnu" of a body without terminalId).
        let wellFormed = try await post(login, body: Data(#"{"code":"\#(code)","terminalId":"poste-bon"}"#.utf8))
        #expect(wellFormed.status == 200)
        let package = try WireJSON.decodeResponse(LoginResponse.self, from: wellFormed.body)
        #expect(try await center.repository.attempt(id: package.attemptId)?.terminalId == "poste-bon")

        let results = live.url.appendingPathComponent("api/v1/results")
        let unknownKey = try await post(results, body: Data(#"{"format":"epreuve-result/1","surprise":true}"#.utf8))
        #expect(unknownKey.status == 400)
        #expect(unknownKey.error?.error == .invalidRequest)
        await live.stop()
    }
}
