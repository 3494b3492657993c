import ExamKit
import ExamStore
import Foundation
import Testing

@Suite struct CenterTests {
    let clock = SettableWallClock(StoreFixtures.start.addingTimeInterval(60))

    func login(_ center: Center, _ session: String, _ code: String, terminal: String = "t1") throws -> Result<ExamPackage, LoginRefusal> {
        try center.login(number: session, code: code, terminalId: terminal)
    }

    @Test func aKnownINEUpdatesInsteadOfDuplicating() throws {
        let center = try Center(path: StoreFixtures.temporaryPath(), catalog: StoreFixtures.catalog, clock: clock)
        #expect(try center.importCandidates([StoreFixtures.row("11111111111", "Alexandre", "Lily"), StoreFixtures.row(nil, "Sans", "Ine")]) == (2, 0))
        #expect(try center.importCandidates([StoreFixtures.row("11111111111", "Alexandre", "Lily", className: "4A"), StoreFixtures.row(nil, "Sans", "Ine")]) == (0, 2))
        let candidates = try center.candidates()
        #expect(candidates.count == 2)
        #expect(candidates.first { $0.ine == "11111111111" }?.className == "4A")
        let generated = try #require(candidates.first { $0.ine == nil })
        #expect(generated.id.hasPrefix("C") && generated.id.count == 9)
    }

    @Test func sessionStatesFollowTheClock() throws {
        let early = SettableWallClock(StoreFixtures.start.addingTimeInterval(-1))
        let (center, created) = try StoreFixtures.centerWithExam(clock: early)
        #expect(center.state(of: created.session) == .upcoming)
        #expect(try login(center, created.session.number, created.codes[0].code) == .failure(.notActive(.upcoming, startsAt: StoreFixtures.start)))
        early.advance(1)
        #expect(center.state(of: created.session) == .active)
        early.advance(3 * 3600 - 1)
        #expect(center.state(of: created.session) == .active)
        early.advance(1)
        #expect(center.state(of: created.session) == .finished)
        // Once over, those who handed nothing in are Absent.
        #expect(try center.standings(session: created.session).map(\.verdict) == ["Absent", "Absent", "Absent"])

        let training = try center.createSession(Center.SessionRequest(kind: .entrainement, profileId: "ASSR1", name: "E", startsAt: early.now()))
        early.advance(3 * 86400 - 1)
        #expect(center.state(of: training.session) == .active)
        early.advance(1)
        #expect(center.state(of: training.session) == .finished)
    }

    @Test func codesAreStoredHashedAndTypedAnyWay() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let (candidate, code) = created.codes[0]
        #expect(try center.sessionCandidates(number: created.session.number).allSatisfy { !$0.link.codeHash.contains(code) && $0.link.demoCode == nil })
        let typed = AccessCode.formatted(code).lowercased()
        let package = try login(center, created.session.number, typed).get()
        #expect(package.candidateId == candidate.id)
        #expect(package.questions.count == 4)
        // An exam package carries no key and no explanation, but keeps the banner information.
        #expect(package.questions.allSatisfy { $0.answer.isEmpty && $0.explanation.isEmpty })
        #expect(package.questions.map(\.expectsSeveralAnswers).contains(true))
        #expect(package.timing == AttemptTiming(answerSeconds: 45, timed: true))
        // The order is the candidate's own and reproducible.
        let again = try login(center, created.session.number, code).get()
        #expect(again.questions.map(\.id) == package.questions.map(\.id))
        #expect(again.attemptId == package.attemptId)  // an unfinished attempt is resumed, not duplicated
    }

    @Test func extraTimeGivesSixtySeconds() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let chloe = try #require(created.codes.first { $0.candidate.firstName == "Chloé" })
        let package = try login(center, created.session.number, chloe.code).get()
        #expect(package.extraTime)
        #expect(package.timing.answerSeconds == 60)
    }

    @Test func fiveWrongCodesLockTheTerminalWithDoublingWaits() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        for _ in 0..<4 { #expect(try login(center, number, "ZZZZ-ZZZZ") == .failure(.wrongCode)) }
        #expect(try login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 60)))
        // Even the right code waits, but another terminal is not locked.
        #expect(try login(center, number, created.codes[0].code) == .failure(.locked(seconds: 60)))
        #expect(try login(center, number, created.codes[0].code, terminal: "t2").isSuccess)
        clock.advance(60)
        for _ in 0..<4 { #expect(try login(center, number, "nonsense") == .failure(.wrongCode)) }
        #expect(try login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 120)))
        clock.advance(120)
        #expect(try login(center, number, created.codes[1].code).isSuccess)
        for _ in 0..<5 { _ = try login(center, number, "ZZZZ-ZZZZ") }
        #expect(try login(center, number, "ZZZZ-ZZZZ") == .failure(.locked(seconds: 60)))
    }

    @Test func unknownSession() throws {
        let (center, _) = try StoreFixtures.centerWithExam(clock: clock)
        #expect(try login(center, "999999", "AAAA-AAAA") == .failure(.unknownSession))
        #expect(try center.lookUp(number: "999999") == nil)
    }

    @Test func resultsAreStoredOnceAndScoredByTheCenter() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let package = try login(center, created.session.number, created.codes[0].code).get()
        let catalog = StoreFixtures.catalog
        // Right on every question: the center scores from its own key (the package has none).
        let envelope = StoreFixtures.envelope(for: package) { catalog.question(id: $0.id)!.answer }
        #expect(try center.storeResult(envelope) == .success(.stored(score: 4, outOf: 4)))
        #expect(try center.storeResult(envelope) == .success(.alreadyStored))
        var other = envelope
        other.questions[0].selected = ["A", "B"]
        #expect(try center.storeResult(other.signed(key: package.resultKey)) == .failure(.conflict))
        #expect(try center.results().count == 1)
        let standing = try #require(try center.standings(session: created.session).first { $0.candidate.id == package.candidateId })
        #expect(standing.note == "4/4")
        #expect(standing.verdict == "Admis")
        // One attempt per exam: logging in again is refused.
        #expect(try login(center, created.session.number, created.codes[0].code) == .failure(.alreadyTaken))
    }

    @Test func tamperedOrForeignResultsAreRefused() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let package = try login(center, created.session.number, created.codes[1].code).get()
        var envelope = StoreFixtures.envelope(for: package) { _ in [0] }
        envelope.questions[2].selected = ["C"]  // changed after signing
        #expect(try center.storeResult(envelope) == .failure(.badMac))
        var wrongQuestions = StoreFixtures.envelope(for: package) { _ in [0] }
        wrongQuestions.questions.removeLast()
        #expect(try center.storeResult(wrongQuestions.signed(key: package.resultKey)) == .failure(.invalid("les questions ne sont pas celles de l'épreuve \(created.session.number)")))
        let wrongKey = StoreFixtures.envelope(for: package) { _ in [0] }.signed(key: "not the key")
        #expect(try center.storeResult(wrongKey) == .failure(.badMac))
        #expect(try center.results().isEmpty)
    }

    @Test func failingScoreAndStatistics() throws {
        let (center, created) = try StoreFixtures.centerWithExam(clock: clock)
        let catalog = StoreFixtures.catalog
        let lily = try login(center, created.session.number, created.codes[0].code).get()
        let hugo = try login(center, created.session.number, created.codes[1].code).get()
        _ = try center.storeResult(StoreFixtures.envelope(for: lily) { catalog.question(id: $0.id)!.answer })
        // Hugo answers only the circulation questions right: 2/4 passes at a pass mark of 2.
        _ = try center.storeResult(StoreFixtures.envelope(for: hugo) { $0.theme == "circulation" ? catalog.question(id: $0.id)!.answer : [] })
        let stats = try center.statistics(session: created.session.number)
        #expect(stats.themes == [ThemeStat(theme: "circulation", questions: 4, right: 4), ThemeStat(theme: "vitesse", questions: 4, right: 2)])
        #expect(stats.byClass == [Center.GroupLine(label: "5A", registered: 3, present: 2, admitted: 2)])
        #expect(stats.bySex.first?.successRate == 100)
        let csv = String(decoding: try center.exportResults(session: created.session.number).dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "Nom;Prénom;INE;Classe;Date de naissance;Épreuve;Tps+;Note;Résultat;Date")
        #expect(lines.contains { $0.hasPrefix("ALEXANDRE;Lily;11111111111;5A;01/01/2013;ASSR1 \(created.session.number) Test;non;4;Admis;") })
        #expect(lines.contains { $0.hasPrefix("DUBOIS;Chloé;33333333333;5A;01/01/2013;ASSR1 \(created.session.number) Test;oui;;;") })
    }

    @Test func demoIsMadeOnlyWithTheBundledContent() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        let bundled = try Center.open(home: home, catalog: StoreFixtures.catalog, bundledContent: true, clock: clock)
        #expect(try bundled.session(number: Demo.examNumber) != nil)
        #expect(try bundled.login(number: Demo.examNumber, code: "aaaa-aaaa", terminalId: "t").isSuccess)
        clock.advance(365 * 86400)
        #expect(try bundled.lookUp(number: Demo.trainingNumber)?.state == .active)

        let otherHome = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        let custom = try Center.open(home: otherHome, catalog: StoreFixtures.catalog, bundledContent: false, clock: clock)
        #expect(try custom.sessions().isEmpty)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
