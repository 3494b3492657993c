import CenterService
import ExamStore
import Crypto
import ExamKit
import Foundation
import Testing

/// Issue 11 on the center: one live attempt per candidate, the surveillant's authority, per-attempt
/// keys, throttles nobody can dodge, and results trusted for nothing but the candidate's choices.
@Suite struct IntegrityTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))

    func login(_ center: CenterService, _ number: String, _ code: String, terminal: String,
               address: String = "10.0.0.1") async throws -> Result<ExamPackage, LoginRefusal> {
        try await center.login(number: number, code: code, terminalId: terminal, address: address)
    }

    static func snapshot(index: Int, remainingMs: Int, selections: [[Int]]) -> AttemptSnapshot {
        AttemptSnapshot(index: index, phase: .answering, remainingMs: remainingMs, selections: selections,
                        timeUsedMs: selections.indices.map { $0 < index ? 45_000 : $0 == index ? 45_000 - remainingMs : 0 })
    }

    @Test func anAttemptRunningOnATerminalIsRefusedElsewhereAndResumesFromItsLastProgress() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number, code = created.codes[0].code
        let first = try await login(center, number, code, terminal: "poste-a").get()
        #expect(first.progress == nil)
        #expect(first.resultKey == AttemptKey.derive(sessionKey: created.session.resultKey, attemptId: first.attemptId))
        #expect(first.resultKey != created.session.resultKey)

        let progress = Self.snapshot(index: 2, remainingMs: 20_000, selections: [[1], [0, 2], [], []])
        let report = ProgressReport(attemptId: first.attemptId, terminalId: "poste-a", progress: progress, key: first.resultKey)
        #expect(try await center.recordProgress(report) == .recorded(surveillantCheck: created.session.surveillantCheck))

        // Another terminal: refused, even with the right code (no restart with full time).
        #expect(try await login(center, number, code, terminal: "poste-b") == .failure(.runningElsewhere))
        // The same terminal, after a crash: the same attempt, with where it stood.
        let again = try await login(center, number, code, terminal: "poste-a").get()
        #expect(again.attemptId == first.attemptId && again.progress == progress)
    }

    @Test func theSurveillantMovesTheAttemptAndTheOldTerminalIsToldItMoved() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number, code = created.codes[0].code
        let first = try await login(center, number, code, terminal: "poste-a").get()
        let progress = Self.snapshot(index: 1, remainingMs: 30_000, selections: [[1], [2], [], []])
        _ = try await center.recordProgress(ProgressReport(attemptId: first.attemptId, terminalId: "poste-a", progress: progress,
                                                           key: first.resultKey))

        #expect(try await center.transfer(number: number, code: code, surveillantCode: "000000", terminalId: "poste-b")
            == .failure(.surveillantCodeWrong))
        #expect(try await center.transfer(number: number, code: created.codes[1].code, surveillantCode: created.surveillantCode,
                                          terminalId: "poste-b") == .failure(.nothingToResume))
        let moved = try await center.transfer(number: number, code: code, surveillantCode: created.surveillantCode,
                                              terminalId: "poste-b").get()
        #expect(moved.attemptId == first.attemptId && moved.progress == progress)

        // The old terminal: its progress and its result no longer count.
        let late = ProgressReport(attemptId: first.attemptId, terminalId: "poste-a", progress: progress, key: first.resultKey)
        #expect(try await center.recordProgress(late) == .moved)
        let oldResult = CenterFixtures.envelope(for: first, choosing: { _ in [1] }, terminal: "poste-a")
        #expect(try await center.storeResult(oldResult) == .failure(.attemptMoved))
        let newResult = CenterFixtures.envelope(for: moved, choosing: { _ in [1] }, terminal: "poste-b")
        #expect(try await center.storeResult(newResult) == .success(.stored(score: nil, outOf: nil)))
        #expect(try await center.results().map(\.terminalId) == ["poste-b"])
    }

    @Test func anAuthorisedMoveLetsTheNextLoginTakeTheAttemptOver() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number, code = created.codes[0].code
        let first = try await login(center, number, code, terminal: "poste-a").get()
        #expect(try await center.repository.authorizeTransfer(attemptId: first.attemptId, true))
        let taken = try await login(center, number, code, terminal: "poste-c").get()
        #expect(taken.attemptId == first.attemptId)
        // Used up: the next terminal is refused again.
        #expect(try await login(center, number, code, terminal: "poste-d") == .failure(.runningElsewhere))
    }

    @Test func progressIsSignedWithTheAttemptsKeyAndRangeChecked() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await login(center, created.session.number, created.codes[0].code, terminal: "poste-a").get()
        let progress = Self.snapshot(index: 0, remainingMs: 40_000, selections: [[1], [], [], []])
        let forged = ProgressReport(attemptId: package.attemptId, terminalId: "poste-a", progress: progress, key: created.session.resultKey)
        await #expect(throws: ResultRefusal.badMac) { try await center.recordProgress(forged) }
        let outOfRange = ProgressReport(attemptId: package.attemptId, terminalId: "poste-a",
                                        progress: Self.snapshot(index: 7, remainingMs: 40_000, selections: [[1], [], [], []]),
                                        key: package.resultKey)
        await #expect(throws: ResultRefusal.invalid("progression hors limites")) { try await center.recordProgress(outOfRange) }
        let unknown = ProgressReport(attemptId: "inconnue", terminalId: "poste-a", progress: progress, key: package.resultKey)
        #expect(try await center.recordProgress(unknown) == .unknownAttempt)
    }

    @Test func aHundredWrongCodesFromTenTerminalIdsAreCutAfterTwenty() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        var checked = 0
        var refused = 0
        for guess in 0..<100 {
            switch try await login(center, number, "ZZZZ-ZZZZ", terminal: "poste-\(guess % 10)", address: "10.0.0.\(guess % 10)") {
            case .failure(.wrongCode): checked += 1
            case .failure(.locked): refused += 1
            default: Issue.record("unexpected answer")
            }
        }
        // The per-terminal lockout stops each id after 5; the session's window stops everyone after 20.
        #expect(checked + refused == 100)
        #expect(checked <= 20)
        // Even the right code waits for the window to pass; then it works.
        #expect(try await login(center, number, created.codes[0].code, terminal: "poste-z", address: "10.9.9.9")
            == .failure(.locked(seconds: 60)))
        clock.advance(61)
        #expect(try await login(center, number, created.codes[0].code, terminal: "poste-z", address: "10.9.9.9").isSuccess)
    }

    @Test func oneClientChangingItsTerminalIdIsCutByItsAddress() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let other = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Autre",
                                                                                startsAt: CenterFixtures.start))
        var answers: [Result<ExamPackage, LoginRefusal>] = []
        for guess in 0..<25 {
            // Spread over two sessions so the session windows never fill: only the address counts.
            let number = guess.isMultiple(of: 2) ? created.session.number : other.session.number
            answers.append(try await login(center, number, "ZZZZ-ZZZZ", terminal: "faux-\(guess)", address: "10.6.6.6"))
        }
        #expect(answers.prefix(19).allSatisfy { $0 == .failure(.wrongCode) })
        #expect(answers.dropFirst(19).allSatisfy { if case .failure(.locked) = $0 { true } else { false } })
        // Another client is not locked by it, even sending the same terminal id.
        #expect(try await login(center, created.session.number, created.codes[0].code, terminal: "faux-3", address: "10.0.0.7").isSuccess)
    }

    @Test func onlyAFullSuccessEndsASeriesOfWrongCodes() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        // Lily's exam is done: her own code no longer resets the counter between guesses.
        let lily = try await login(center, number, created.codes[0].code, terminal: "t").get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: lily, choosing: { _ in [1] }, terminal: "t"))
        for _ in 0..<4 {
            _ = try await login(center, number, "ZZZZ-ZZZZ", terminal: "t")
            #expect(try await login(center, number, created.codes[0].code, terminal: "t") == .failure(.alreadyTaken))
        }
        #expect(try await login(center, number, "ZZZZ-ZZZZ", terminal: "t") == .failure(.locked(seconds: 60)))
    }

    @Test func theSurveillantCodeIsThrottledPerSessionAndReissued() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        var answers: [SurveillantCheck] = []
        for guess in 0..<22 {
            answers.append(try await center.checkSurveillantCode(number: number, code: String(format: "%06d", guess), terminalId: "t\(guess)",
                                                                address: "10.1.1.\(guess)"))
        }
        #expect(answers.prefix(19).allSatisfy { $0 == .wrongCode })
        #expect(answers.dropFirst(19).allSatisfy { if case .locked = $0 { true } else { false } })
        clock.advance(61)
        let fresh = try await center.reissueSurveillantCode(session: number)
        #expect(try await center.checkSurveillantCode(number: number, code: created.surveillantCode, terminalId: "t") == .wrongCode)
        #expect(try await center.checkSurveillantCode(number: number, code: fresh, terminalId: "t") == .accepted)
        // The new offline check reaches terminals with their next progress report.
        let package = try await login(center, number, created.codes[0].code, terminal: "t").get()
        #expect(package.surveillantCheck?.matches(fresh) == true && package.surveillantCheck?.matches(created.surveillantCode) == false)
    }

    @Test func aResultIsTrustedForTheCandidatesChoicesOnly() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        let lily = try await login(center, number, created.codes[0].code, terminal: "t").get()
        let hugo = try await login(center, number, created.codes[1].code, terminal: "u").get()
        let catalog = CenterFixtures.catalog
        let perfect = { (question: Question) in catalog.question(id: question.id)!.answer }

        // Lily signs a 4/4 for Hugo with her own key: refused.
        var forged = CenterFixtures.envelope(for: hugo, choosing: perfect, terminal: "u")
        #expect(try await center.storeResult(forged.signed(key: lily.resultKey)) == .failure(.badMac))
        // With Hugo's attempt but Lily's identity: refused.
        forged.candidateId = lily.candidateId
        #expect(try await center.storeResult(forged.signed(key: hugo.resultKey))
            == .failure(.invalid("tentative \(hugo.attemptId) inconnue : seul le centre ouvre une tentative, à la connexion du candidat")))
        // Her own attempt, out of order, with impossible times or letters, or claiming extra time: refused.
        var reordered = CenterFixtures.envelope(for: lily, choosing: perfect, terminal: "t")
        reordered.questions.swapAt(0, 1)
        #expect(try await center.storeResult(reordered.signed(key: lily.resultKey))
            == .failure(.invalid("question 1 : ce n'est pas celle de ce candidat à cette place")))
        var slow = CenterFixtures.envelope(for: lily, choosing: perfect, terminal: "t")
        slow.questions[2].timeUsedMs = 3_600_000
        #expect(try await center.storeResult(slow.signed(key: lily.resultKey)) == .failure(.invalid("question 3 : temps hors limites")))
        var letters = CenterFixtures.envelope(for: lily, choosing: perfect, terminal: "t")
        letters.questions[0].selected = ["F"]
        #expect(try await center.storeResult(letters.signed(key: lily.resultKey)) == .failure(.invalid("question 1 : réponse « F » impossible")))
        var extra = CenterFixtures.envelope(for: lily, choosing: perfect, terminal: "t")
        extra.extraTime = true
        #expect(try await center.storeResult(extra.signed(key: lily.resultKey)) == .failure(.invalid("tiers-temps différent de celui du candidat")))
        var future = CenterFixtures.envelope(for: lily, choosing: perfect, terminal: "t")
        future.finishedAt = ResultEnvelope.timestamp(CenterFixtures.start.addingTimeInterval(86_400))
        guard case .failure(.invalid) = try await center.storeResult(future.signed(key: lily.resultKey)) else {
            Issue.record("a result finishing tomorrow was accepted")
            return
        }
        #expect(try await center.results().isEmpty)
    }

    @Test func anAttemptEndedBySurveillantSaysSoWithItsReason() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let lily = try await login(center, created.session.number, created.codes[0].code, terminal: "t").get()
        var envelope = CenterFixtures.envelope(for: lily, choosing: { _ in [1] }, terminal: "t")
        envelope.stopReason = "Malaise du candidat"
        #expect(try await center.storeResult(envelope.signed(key: lily.resultKey)) == .success(.stored(score: nil, outOf: nil)))
        let standing = try #require(try await center.standings(session: created.session).first { $0.candidate.id == lily.candidateId })
        #expect(standing.verdict == .stoppedBySurveillant)
        #expect(standing.verdictText == "Arrêtée par le surveillant : Malaise du candidat")
        let csv = String(decoding: try await center.exportResults(session: created.session.number), as: UTF8.self)
        #expect(csv.contains(";Arrêtée par le surveillant : Malaise du candidat;"))
    }

    @Test func aSealedRescueFileIsRestoredAndALegacyOneStillReads() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let lily = try await login(center, created.session.number, created.codes[0].code, terminal: "t").get()
        let key = try #require(lily.centerPublicKey)
        let envelope = CenterFixtures.envelope(for: lily, choosing: { _ in [1] }, terminal: "t")
        let sealed = try SealedRescue.seal(envelope, centerPublicKey: key)
        guard case .imported = try await center.restore(fileData: sealed.fileData()) else {
            Issue.record("sealed rescue file not imported")
            return
        }
        #expect(try await center.restore(fileData: sealed.fileData()) == .alreadyPresent)
        // Sealed for another center: refused, nothing stored twice.
        let stranger = try SealedRescue.seal(envelope, centerPublicKey: Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation.base64EncodedString())
        #expect(try await center.restore(fileData: stranger.fileData()) == .refused("fichier de secours modifié ou chiffré pour un autre centre"))

        // A file of the first version: the result signed with the session key.
        let hugo = try await login(center, created.session.number, created.codes[1].code, terminal: "u").get()
        var legacy = CenterFixtures.envelope(for: hugo, choosing: { _ in [1] }, terminal: "u")
        legacy.format = ResultEnvelope.legacyFormatName
        guard case .imported = try await center.restore(fileData: legacy.signed(key: created.session.resultKey).fileData()) else {
            Issue.record("epreuve-result/1 file not imported")
            return
        }
        #expect(try await center.results().count == 2)
    }

    @Test func demoPupilsStayOutOfRealSessionsAndTheDemoCanGoAndComeBack() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        let center = try await CenterHome.open(home: home, catalog: CenterFixtures.catalog, bundledContent: true, clock: clock,
                                               surveillantHashCost: 1 << 10)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Martin", "Léo")])
        #expect(try await center.candidates().filter { $0.className == "DEMO" }.count == 5)
        let all = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Vrai",
                                                                              startsAt: CenterFixtures.start))
        #expect(all.codes.map(\.candidate.lastName) == ["MARTIN"])
        await #expect(throws: CenterError.self) {
            try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Démo", startsAt: CenterFixtures.start,
                                                                        selection: .className("demo")))
        }
        // Exports and statistics leave the demo out unless it is named.
        let export = String(decoding: try await center.exportResults(session: nil), as: UTF8.self)
        #expect(!export.contains("Démonstration") && export.contains("Vrai"))
        #expect(String(decoding: try await center.exportResults(session: Demo.examNumber), as: UTF8.self).contains("Démonstration"))

        #expect(try await center.removeDemo())
        #expect(try await center.session(number: Demo.examNumber) == nil)
        #expect(try await center.candidates().map(\.lastName) == ["MARTIN"])
        #expect(try await !center.removeDemo())
        #expect(try await center.installDemo())
        #expect(try await center.session(number: Demo.trainingNumber) != nil)
        // A demo code opens the demo only.
        #expect(try await center.checkSurveillantCode(number: all.session.number, code: Demo.examSurveillantCode, terminalId: "t")
            == .wrongCode)
    }
}
