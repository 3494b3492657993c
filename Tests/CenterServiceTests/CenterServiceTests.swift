import CenterService
import ExamKit
import ExamStore
import Foundation
import Testing

/// The center's policy (login, throttling, scoring, reports, demo) over the SQLite repository.
@Suite struct CenterServiceTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))

    func login(_ center: CenterService, _ session: String, _ code: String, terminal: String = "t1") async throws -> Result<ExamPackage, LoginRefusal> {
        try await center.login(number: session, code: code, terminalId: terminal)
    }

    @Test func aKnownINEUpdatesInsteadOfDuplicating() async throws {
        let center = try CenterFixtures.service(clock: clock)
        #expect(try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily"), CenterFixtures.row(nil, "Sans", "Ine")]) == UpsertCount(added: 2, updated: 0))
        #expect(try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily", className: "4A"), CenterFixtures.row(nil, "Sans", "Ine")]) == UpsertCount(added: 0, updated: 2))
        let candidates = try await center.candidates()
        #expect(candidates.count == 2)
        #expect(candidates.first { $0.ine == "11111111111" }?.className == "4A")
        let generated = try #require(candidates.first { $0.ine == nil })
        #expect(generated.id.hasPrefix("C") && generated.id.count == 9)
    }

    @Test func aTiersTempsSetByHandSurvivesAnImportWithoutTheColumn() async throws {
        let center = try CenterFixtures.service(clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily", extraTime: true)])
        // A file without the column (nil) keeps the flag; one that says « non » removes it.
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily", extraTime: nil)])
        #expect(try await center.candidates().first?.extraTime == true)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily", extraTime: false)])
        #expect(try await center.candidates().first?.extraTime == false)
    }

    @Test func sessionStatesFollowTheClock() async throws {
        let early = SettableWallClock(CenterFixtures.start.addingTimeInterval(-1))
        let (center, created) = try await CenterFixtures.centerWithExam(clock: early)
        #expect(center.state(of: created.session) == .upcoming)
        #expect(try await login(center, created.session.number, created.codes[0].code) == .failure(.notActive(.upcoming, startsAt: CenterFixtures.start)))
        early.advance(1)
        #expect(center.state(of: created.session) == .active)
        early.advance(3 * 3600 - 1)
        #expect(center.state(of: created.session) == .active)
        early.advance(1)
        #expect(center.state(of: created.session) == .finished)
        #expect(try await login(center, created.session.number, created.codes[0].code) == .failure(.notActive(.finished, startsAt: CenterFixtures.start)))
        // Once over, those who handed nothing in are Absent.
        #expect(try await center.standings(session: created.session).map(\.verdict) == [.absent, .absent, .absent])
        #expect(try await center.standings(session: created.session).map(\.verdict.label) == ["Absent", "Absent", "Absent"])

        let training = try await center.createSession(CenterService.SessionRequest(kind: .entrainement, profileId: "ASSR1", name: "E", startsAt: early.now()))
        #expect(try await center.standings(session: training.session).map(\.verdict.label) == ["—", "—", "—"])
        early.advance(3 * 86400 - 1)
        #expect(center.state(of: training.session) == .active)
        early.advance(1)
        #expect(center.state(of: training.session) == .finished)
    }

    @Test func codesAreStoredHashedAndTypedAnyWay() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let (candidate, code) = created.codes[0]
        #expect(try await center.enrolledCandidates(session: created.session.number).allSatisfy {
            !$0.enrolment.codeHash.contains(code) && $0.enrolment.demoCode == nil
        })
        let typed = AccessCode.formatted(code).lowercased()
        let package = try await login(center, created.session.number, typed).get()
        #expect(package.candidateId == candidate.id)
        #expect(package.questions.count == 4)
        // An exam package carries no key and no explanation, but keeps the banner information.
        #expect(package.questions.allSatisfy { $0.answer.isEmpty && $0.explanation.isEmpty })
        let catalog = CenterFixtures.catalog
        #expect(package.questions.allSatisfy { $0.expectsSeveralAnswers == catalog.question(id: $0.id)?.expectsSeveralAnswers })
        #expect(package.timing == AttemptTiming(answerSeconds: 45, timed: true))
        // The order is the candidate's own and reproducible.
        let again = try await login(center, created.session.number, code).get()
        #expect(again.questions.map(\.id) == package.questions.map(\.id))
        #expect(again.attemptId == package.attemptId)  // an unfinished attempt is resumed, not duplicated
    }

    @Test func aReissuedCodeReplacesTheOldOne() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let (candidate, old) = created.codes[0]
        let fresh = try await center.reissueCode(session: created.session.number, candidate: candidate.id).code
        #expect(fresh != old)
        #expect(try await login(center, created.session.number, old) == .failure(.wrongCode))
        #expect(try await login(center, created.session.number, fresh).isSuccess)
        await #expect(throws: CenterError("aucun candidat « inconnu » convoqué à l'épreuve \(created.session.number)")) {
            try await center.reissueCode(session: created.session.number, candidate: "inconnu")
        }
        #expect(try await center.candidate(identifiedBy: "11111111111")?.firstName == "Lily")
    }

    @Test func extraTimeGivesSixtySeconds() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let chloe = try #require(created.codes.first { $0.candidate.firstName == "Chloé" })
        let package = try await login(center, created.session.number, chloe.code).get()
        #expect(package.extraTime)
        #expect(package.timing.answerSeconds == 60)
    }

    /// A right code clears the terminal's series (a clean counter is left unwritten, a dirty one reset).
    @Test func aRightCodeEndsASeriesOfWrongOnes() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        for _ in 0..<3 { #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.wrongCode)) }
        #expect(try await center.repository.throttle(.terminal("local t1")).consecutiveFailures == 3)
        #expect(try await login(center, number, created.codes[0].code).isSuccess)
        #expect(try await center.repository.throttle(.terminal("local t1")) == LoginThrottle())
        #expect(try await login(center, number, created.codes[1].code, terminal: "t1").isSuccess)
        for _ in 0..<4 { #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.wrongCode)) }
        #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 60)))
    }

    @Test func fiveWrongCodesLockTheTerminalWithDoublingWaits() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        for _ in 0..<4 { #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.wrongCode)) }
        #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 60)))
        // Even the right code waits, but another terminal is not locked.
        #expect(try await login(center, number, created.codes[0].code) == .failure(.locked(seconds: 60)))
        #expect(try await login(center, number, created.codes[0].code, terminal: "t2").isSuccess)
        clock.advance(60)
        for _ in 0..<4 { #expect(try await login(center, number, "nonsense") == .failure(.wrongCode)) }
        #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 120)))
        clock.advance(120)
        #expect(try await login(center, number, created.codes[1].code).isSuccess)
        for _ in 0..<5 { _ = try await login(center, number, "ZZZZ-ZZZZ") }
        #expect(try await login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 60)))
    }

    @Test func concurrentWrongCodesFromOneTerminalAllCount() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        let refusals = await withTaskGroup(of: Result<ExamPackage, LoginRefusal>?.self) { group in
            for _ in 0..<5 { group.addTask { try? await center.login(number: number, code: "ZZZZ-ZZZZ", terminalId: "t9") } }
            return await group.reduce(into: [Result<ExamPackage, LoginRefusal>?]()) { $0.append($1) }
        }
        #expect(refusals.count { $0 == .failure(.wrongCode) } == 4)
        #expect(refusals.count { $0 == .failure(.locked(seconds: 60)) } == 1)
        #expect(try await login(center, number, created.codes[0].code, terminal: "t9") == .failure(.locked(seconds: 60)))
    }

    @Test func unknownSession() async throws {
        let (center, _) = try await CenterFixtures.centerWithExam(clock: clock)
        #expect(try await login(center, "999999", "AAAA-AAAA") == .failure(.unknownSession))
        #expect(try await center.lookUp(number: "999999") == nil)
    }

    @Test func resultsAreStoredOnceAndScoredByTheCenter() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await login(center, created.session.number, created.codes[0].code).get()
        let catalog = CenterFixtures.catalog
        // Right on every question: the center scores from its own key (the package has none).
        let envelope = CenterFixtures.envelope(for: package) { catalog.question(id: $0.id)!.answer }
        // An exam's receipt says nothing of the score.
        #expect(try await center.storeResult(envelope) == .success(.stored(score: nil, outOf: nil)))
        #expect(try await center.storeResult(envelope) == .success(.alreadyStored))
        var other = envelope
        other.questions[0].selected = package.questions[0].expectsSeveralAnswers ? ["A", "B"] : ["C"]
        #expect(try await center.storeResult(other.signed(key: package.resultKey)) == .failure(.conflict))
        let results = try await center.results()
        #expect(results.count == 1)
        #expect(results.first?.source == .terminal)
        #expect(results.first?.answers[package.questions[0].id] == ChoiceLetter.letters(catalog.question(id: package.questions[0].id)!.answer))
        let standing = try #require(try await center.standings(session: created.session).first { $0.candidate.id == package.candidateId })
        #expect(standing.note == "4/4")
        #expect(standing.verdict == .admitted)
        #expect(standing.verdict.label == "Admis")
        // One attempt per exam: logging in again is refused.
        #expect(try await login(center, created.session.number, created.codes[0].code) == .failure(.alreadyTaken))
    }

    @Test func onlyAnAttemptTheCenterIssuedToThatCandidateCanStoreAResult() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await login(center, created.session.number, created.codes[0].code).get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: package) { _ in [1] })
        let unknown = { (id: String) in
            ResultRefusal.invalid("tentative \(id) inconnue : seul le centre ouvre une tentative, à la connexion du candidat")
        }
        var otherAttempt = CenterFixtures.envelope(for: package) { _ in [0] }
        otherAttempt.attemptId = UUID().uuidString.lowercased()
        #expect(try await center.storeResult(otherAttempt.signed(key: package.resultKey)) == .failure(.badMac))
        #expect(try await center.storeResult(otherAttempt.signed(key: AttemptKey.derive(sessionKey: created.session.resultKey,
                                                                                      attemptId: otherAttempt.attemptId)))
            == .failure(unknown(otherAttempt.attemptId)))
        var stranger = CenterFixtures.envelope(for: package) { _ in [0] }
        stranger.candidateId = "personne"
        #expect(try await center.storeResult(stranger.signed(key: package.resultKey)) == .failure(unknown(package.attemptId)))
    }

    @Test func tamperedOrForeignResultsAreRefused() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await login(center, created.session.number, created.codes[1].code).get()
        var envelope = CenterFixtures.envelope(for: package) { _ in [0] }
        envelope.questions[2].selected = ["C"]  // changed after signing
        #expect(try await center.storeResult(envelope) == .failure(.badMac))
        var wrongQuestions = CenterFixtures.envelope(for: package) { _ in [0] }
        wrongQuestions.questions.removeLast()
        #expect(try await center.storeResult(wrongQuestions.signed(key: package.resultKey)) == .failure(.invalid("les questions ne sont pas celles de l'épreuve \(created.session.number)")))
        let wrongKey = CenterFixtures.envelope(for: package) { _ in [0] }.signed(key: "not the key")
        #expect(try await center.storeResult(wrongKey) == .failure(.badMac))
        #expect(try await center.results().isEmpty)
    }

    @Test func failingScoreAndStatistics() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let catalog = CenterFixtures.catalog
        let lily = try await login(center, created.session.number, created.codes[0].code).get()
        let hugo = try await login(center, created.session.number, created.codes[1].code).get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: lily) { catalog.question(id: $0.id)!.answer })
        // Hugo answers only the circulation questions right: 2/4 passes at a pass mark of 2.
        _ = try await center.storeResult(CenterFixtures.envelope(for: hugo) { $0.theme == "circulation" ? catalog.question(id: $0.id)!.answer : [] })
        let stats = try await center.statistics(session: created.session.number)
        // Both pupils sat the same session: 4 answers per theme, over 2 different questions.
        #expect(stats.themes == [ThemeStat(theme: "circulation", questions: 4, right: 4, distinctQuestions: 2), ThemeStat(theme: "vitesse", questions: 4, right: 2, distinctQuestions: 2)])
        #expect(stats.rounds == [.principal])
        #expect(stats.byClass.map(\.label) == ["5A"])
        let principal = stats.byClass.first?.figures(.principal)
        #expect(principal.map { [$0.registered, $0.present, $0.admitted] } == [3, 2, 2])
        #expect(stats.bySex.first?.figures(.principal).successRate == 100)
        let csv = String(decoding: try await center.exportResults(session: created.session.number).dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "Nom;Prénom;INE;Classe;Date de naissance;Épreuve;Type;Tps+;Note;Résultat;Date;Question neutralisée")
        #expect(lines.contains { $0.hasPrefix("ALEXANDRE;Lily;11111111111;5A;01/01/2013;ASSR1 \(created.session.number) Test;Examen;non;4;Admis;") })
        #expect(lines.contains { $0.hasPrefix("DUBOIS;Chloé;33333333333;5A;01/01/2013;ASSR1 \(created.session.number) Test;Examen;oui;;;") })
        await #expect(throws: CenterError("épreuve 999999 inconnue")) { try await center.statistics(session: "999999") }
    }

    @Test func surveillantCodes() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        #expect(try await center.checkSurveillantCode(number: number, code: " \(created.surveillantCode) ", terminalId: "t") == .accepted)
        #expect(try await center.checkSurveillantCode(number: number, code: "000000", terminalId: "t") == .wrongCode)
        #expect(try await center.checkSurveillantCode(number: "999999", code: created.surveillantCode, terminalId: "t") == .unknownSession)
        // The package carries the code's slow hash for a terminal cut from the center.
        let package = try await login(center, number, created.codes[0].code).get()
        #expect(package.surveillantCheck?.matches(created.surveillantCode) == true)
    }

    @Test func demoIsMadeOnlyWithTheBundledContent() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        let bundled = try await CenterHome.open(home: home, catalog: CenterFixtures.catalog, bundledContent: true, clock: clock, surveillantHashCost: 1 << 10)
        #expect(try await bundled.session(number: Demo.examNumber) != nil)
        #expect(try await bundled.login(number: Demo.examNumber, code: "aaaa-aaaa", terminalId: "t").isSuccess)
        #expect(try await bundled.enrolledCandidates(session: Demo.examNumber).map(\.enrolment.demoCode) == ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC"])
        #expect(try await bundled.checkSurveillantCode(number: Demo.trainingNumber, code: Demo.trainingSurveillantCode, terminalId: "t") == .accepted)
        clock.advance(365 * 86400)
        #expect(try await bundled.lookUp(number: Demo.trainingNumber)?.state == .active)
        // Opening it again changes nothing.
        let reopened = try await CenterHome.open(home: home, catalog: CenterFixtures.catalog, bundledContent: true, clock: clock, surveillantHashCost: 1 << 10)
        #expect(try await reopened.sessions().count == 2)
        #expect(try await reopened.candidates().count == 5)

        let otherHome = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        let custom = try await CenterHome.open(home: otherHome, catalog: CenterFixtures.catalog, bundledContent: false, clock: clock, surveillantHashCost: 1 << 10)
        #expect(try await custom.sessions().isEmpty)
    }
}

/// DESIGN §15: the AER is read aloud; the center says so in the package's timing.
@Suite struct ReadingPackageTests {
    @Test func anAERPackageAsksForReadingAndAnASSRPackageDoesNot() async throws {
        let base = CenterFixtures.catalog
        let aer = Profile(id: "AER", title: "Mini AER", bank: "mini", questionCount: 4, answerSeconds: 45,
                          extraTimeAnswerSeconds: 60, passMark: 2, quotas: ["circulation": 2, "vitesse": 2])
        let catalog = Catalog(themes: base.themes, profiles: base.profiles + [aer], banks: base.banks, digest: base.digest)
        let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
        let center = CenterService(repository: try SQLiteCenterRepository(path: CenterFixtures.temporaryPath()), catalog: catalog,
                                   clock: clock, surveillantHashCost: 1 << 10)
        var row = CenterFixtures.row("11111111111", "Alexandre", "Lily")
        row.attestation = "AER"
        _ = try await center.importCandidates([row, CenterFixtures.row("22222222222", "Bernard", "Hugo")])
        for (profile, reading) in [("AER", Optional(AttemptTiming.defaultReadingWordsPerMinute)), ("ASSR1", nil)] {
            let created = try await center.createSession(CenterService.SessionRequest(
                kind: .examen, profileId: profile, name: profile, startsAt: CenterFixtures.start))
            let code = try #require(created.codes.first?.code)
            let package = try await center.login(number: created.session.number, code: code, terminalId: "t1").get()
            #expect(package.timing.readingWordsPerMinute == reading)
        }
    }

    /// A candidate flagged « Lecture » (import column, `candidates add/edit --lecture`) is read aloud at
    /// an ASSR exam; an empty cell keeps the flag, « non » removes it, and edit sets it either way.
    @Test func aCandidateFlaggedForReadingIsReadAloudWhateverTheAttestation() async throws {
        let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
        let center = try CenterFixtures.service(clock: clock)
        let header = "INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;Lecture\n"
        func importing(_ cell: String) async throws {
            let rows = try CandidateImport.parse(Data((header + "11111111111;Alexandre;Lily;01/01/2013;5A;F;ASSR1;\(cell)\n"
                + "22222222222;Bernard;Hugo;01/01/2013;5A;M;ASSR1;\n").utf8), attestations: ["ASSR1"], today: CenterFixtures.start)
            _ = try await center.importCandidates(rows)
        }
        func readingRates() async throws -> [String: Int?] {
            let created = try await center.createSession(CenterService.SessionRequest(
                kind: .examen, profileId: "ASSR1", name: "Lecture", startsAt: CenterFixtures.start))
            var rates: [String: Int?] = [:]
            for (candidate, code) in created.codes {
                let package = try await center.login(number: created.session.number, code: code, terminalId: candidate.id).get()
                rates[candidate.firstName] = package.timing.readingWordsPerMinute
            }
            return rates
        }
        try await importing("oui")
        #expect(try await readingRates() == ["Lily": AttemptTiming.defaultReadingWordsPerMinute, "Hugo": nil])
        try await importing("")
        #expect(try await center.candidates().first { $0.firstName == "Lily" }?.readsAloud == true)
        try await importing("non")
        #expect(try await readingRates() == ["Lily": nil, "Hugo": nil])
        let edited = try await center.editCandidate(id: "Bernard Hugo", CenterService.CandidateChanges(readsAloud: true))
        #expect(edited.candidate.readsAloud && !edited.candidate.extraTime)
        #expect(try await readingRates() == ["Lily": nil, "Hugo": AttemptTiming.defaultReadingWordsPerMinute])
        let refusal = #expect(throws: CandidateImport.Failure.self) {
            try CandidateImport.parse(Data((header + "11111111111;Alexandre;Lily;01/01/2013;5A;F;ASSR1;peut-être\n").utf8),
                                      attestations: ["ASSR1"], today: CenterFixtures.start)
        }
        #expect(refusal?.problems == ["ligne 2 : lecture doit valoir oui ou non, pas « peut-être »"])
    }
}
