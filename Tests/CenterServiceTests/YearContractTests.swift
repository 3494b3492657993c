import CenterService
import ExamKit
import Foundation
import Testing

/// The repository promises of the establishment's year (issues 13 and 14), for every implementation.
@Suite struct YearContractTests {
    typealias F = ContractFixtures

    @Test(arguments: RepositoryKind.allCases)
    func newSessionFieldsAreStoredAndRead(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        var paper = F.session("200200", kind: .examen, place: "Salle B12")
        paper.medium = .paper
        paper.additionalText = "Munissez-vous d'un stylo noir ; « guillemets » et œ."
        paper.rattrapageOf = "100100"
        var training = F.session("300300", kind: .entrainement)
        training.themeIds = ["circulation", "vitesse"]
        #expect(try await repository.insertSession(paper, enrolments: [F.enrolment("200200", "c1")]) == .inserted)
        #expect(try await repository.insertSession(training, enrolments: [F.enrolment("300300", "c2")]) == .inserted)
        #expect(try await repository.session(number: "200200") == paper)
        #expect(try await repository.session(number: "300300") == training)
        #expect(try await repository.session(number: "100100")?.medium == .terminal)
        // updateSession keeps the new fields too.
        let updated = try await repository.updateSession(number: "200200") { var s = $0; s.additionalText = nil; return s }
        #expect(updated?.rattrapageOf == "100100" && updated?.medium == .paper)
        #expect(try await repository.session(number: "200200")?.additionalText == nil)
    }

    @Test(arguments: RepositoryKind.allCases)
    func identityMatchesWithoutCaseOrAccentsAndAnINEFindsTheCandidateTypedWithoutOne(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let typed = Candidate(id: "Chand", ine: nil, lastName: "DA SILVA", firstName: "Hélène", birthDate: "2012-05-04", className: "5A",
                              sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
        _ = try await repository.upsertCandidates([F.upsert(typed, key: .id("Chand"))], newId: { "unused" })
        // Another spelling of the same pupil updates her.
        var again = typed
        again.id = "Cother"
        again.className = "4A"
        let identity = CandidateKey.identity(lastName: "Da-Silva", firstName: "HELENE", birthDate: "2012-05-04")
        #expect(try await repository.upsertCandidates([F.upsert(again, key: identity)], newId: { "unused" }) == UpsertCount(added: 0, updated: 1))
        #expect(try await repository.candidate(id: "Chand")?.className == "4A")
        // Another birth date is another pupil.
        let other = CandidateKey.identity(lastName: "DA SILVA", firstName: "Hélène", birthDate: "2012-05-05")
        #expect(try await repository.upsertCandidates([F.upsert(again, key: other)], newId: { "Cnew" }) == UpsertCount(added: 1, updated: 0))
        // A row with an INE falls back on the identity of the candidate typed without one.
        let withINE = {
            var candidate = typed
            candidate.ine = "12345678901"
            candidate.id = "12345678901"
            return candidate
        }()
        let upsert = CandidateUpsert(key: .ine("12345678901"), fallback: identity) { existing in
            var merged = withINE
            merged.ine = "12345678901"
            merged.id = existing?.id ?? withINE.id
            return merged
        }
        #expect(try await repository.upsertCandidates([upsert], newId: { "unused" }) == UpsertCount(added: 0, updated: 1))
        #expect(try await repository.candidate(id: "Chand")?.ine == "12345678901")
        #expect(try await repository.candidates().count == 2)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aCandidateIsUpdatedUnlessTheINEIsTaken(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let a = F.candidate("a", ine: "11111111111", "Alpha")
        let b = F.candidate("b", "Beta")
        _ = try await repository.upsertCandidates([F.upsert(a, key: .id("a")), F.upsert(b, key: .id("b"))], newId: { "unused" })
        var changed = b
        changed.className = ""
        changed.extraTime = true
        changed.readsAloud = true
        #expect(try await repository.updateCandidate(changed) == .updated)
        #expect(try await repository.candidate(id: "b") == changed)
        changed.ine = "11111111111"
        #expect(try await repository.updateCandidate(changed) == .ineTaken(by: "a"))
        #expect(try await repository.candidate(id: "b")?.ine == nil)
        #expect(try await repository.updateCandidate(F.candidate("personne")) == .unknownCandidate)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aCandidateWithResultsIsDeletedOnlyByForce(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        #expect(try await repository.insertResult(F.result("a1", candidate: "c1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true) == .opened(F.attempt("a2", candidate: "c2")))
        #expect(try await repository.deleteCandidate(id: "c1", force: false) == .hasResults(1))
        #expect(try await repository.candidate(id: "c1") != nil)
        // Without results: gone with enrolments and attempts.
        #expect(try await repository.deleteCandidate(id: "c2", force: false) == .deleted(results: 0))
        #expect(try await repository.candidate(id: "c2") == nil)
        #expect(try await repository.attempt(id: "a2") == nil)
        #expect(try await repository.enrolments(session: "100100").map(\.candidateId).sorted() == ["c1", "c3"])
        #expect(try await repository.deleteCandidate(id: "c1", force: true) == .deleted(results: 1))
        #expect(try await repository.results(session: nil).isEmpty)
        #expect(try await repository.deleteCandidate(id: "personne", force: true) == .unknownCandidate)
    }

    @Test(arguments: RepositoryKind.allCases)
    func extraTimeReachesEnrolmentsWithoutAttempt(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        #expect(try await repository.insertSession(F.session("200200"), enrolments: [F.enrolment("200200", "c1")]) == .inserted)
        _ = try await repository.openAttempt(F.attempt("a1", candidate: "c2"), onePerCandidate: true)
        for id in ["c1", "c2", "c3"] {
            var candidate = try #require(try await repository.candidate(id: id))
            candidate.extraTime = true
            #expect(try await repository.updateCandidate(candidate) == .updated)
        }
        // One candidate, listed sessions only.
        #expect(try await repository.alignExtraTime(candidate: "c1", sessions: ["100100"]) == 1)
        #expect(try await repository.enrolments(session: "200200").first?.extraTime == false)
        // Everyone: c2 has started, c1 is done already.
        #expect(try await repository.alignExtraTime(candidate: nil, sessions: ["100100", "200200"]) == 2)
        let enrolments = try await repository.enrolments(session: "100100")
        #expect(enrolments.first { $0.candidateId == "c2" }?.extraTime == false)
        #expect(enrolments.first { $0.candidateId == "c3" }?.extraTime == true)
        #expect(try await repository.enrolments(session: "200200").first?.extraTime == true)
        #expect(try await repository.alignExtraTime(candidate: nil, sessions: []) == 0)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aSessionIsAmendedUntilSomeoneStarts(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.upsertCandidates([F.upsert(F.candidate("c4", "Zola"), key: .id("c4"))], newId: { "unused" })
        let outcome = try await repository.amendSession(number: "100100", adding: [F.enrolment("ailleurs", "c4")], removing: ["c1"]) { session in
            var changed = session
            changed.name = "Renommée"
            changed.number = "autre"
            return changed
        }
        guard case let .amended(amended) = outcome else { Issue.record("\(outcome)"); return }
        #expect(amended.name == "Renommée" && amended.number == "100100")
        #expect(try await repository.session(number: "100100")?.name == "Renommée")
        #expect(try await repository.enrolments(session: "100100").map(\.candidateId).sorted() == ["c2", "c3", "c4"])
        // An unknown candidate rolls everything back.
        await #expect(throws: CenterError.self) {
            try await repository.amendSession(number: "100100", adding: [F.enrolment("100100", "personne")], removing: ["c2"]) { $0 }
        }
        #expect(try await repository.enrolments(session: "100100").count == 3)
        _ = try await repository.openAttempt(F.attempt("a1", candidate: "c2"), onePerCandidate: true)
        #expect(try await repository.amendSession(number: "100100", adding: [], removing: ["c3"]) { $0 } == .started)
        #expect(try await repository.enrolments(session: "100100").count == 3)
        #expect(try await repository.amendSession(number: "999999", adding: [], removing: []) { $0 } == .unknownSession)
    }

    @Test(arguments: RepositoryKind.allCases)
    func accessCodesAreReplacedExceptForCandidatesWhoStarted(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        // c1 has a result, c2 a running attempt, c3 nothing.
        _ = try await repository.openAttempt(F.attempt("a1", candidate: "c1"), onePerCandidate: true)
        #expect(try await repository.insertResult(F.result("a1", candidate: "c1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        _ = try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true)
        func fresh(_ id: String) -> Enrolment {
            Enrolment(sessionNumber: "100100", candidateId: id, codeSalt: "new-salt", codeHash: "new-\(id)", extraTime: false, demoCode: nil)
        }
        let codes = ["c1", "c2", "c3", "personne"].map(fresh)
        #expect(try await repository.replaceAccessCodes(session: "100100", codes, onePerCandidate: true) == ["c3"])
        // A training lets a candidate who finished have a new code; a running attempt keeps its own.
        #expect(Set(try await repository.replaceAccessCodes(session: "100100", codes, onePerCandidate: false)) == ["c1", "c3"])
        let stored = try await repository.enrolments(session: "100100")
        #expect(stored.first { $0.candidateId == "c2" }?.codeHash == "h-c2")
        #expect(stored.first { $0.candidateId == "c3" }?.codeHash == "new-c3")
        #expect(try await repository.allEnrolments().count == 3)
    }

    @Test(arguments: RepositoryKind.allCases)
    func enteredResultsReplaceEachOtherButNotATerminalResult(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        var typed = F.result("saisie-1", candidate: "c1")
        typed.source = .paperAnswers
        #expect(try await repository.storeEnteredResult(typed) == .inserted)
        var again = F.result("saisie-2", candidate: "c1", hash: "hash-2")
        again.source = .paperMark
        again.answers = [:]
        again.score = 3
        #expect(try await repository.storeEnteredResult(again) == .replaced(previous: typed))
        #expect(try await repository.results(session: "100100") == [again])
        #expect(try await repository.insertResult(F.result("a2", candidate: "c2"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        var onTop = F.result("saisie-3", candidate: "c2")
        onTop.source = .paperMark
        #expect(try await repository.storeEnteredResult(onTop) == .candidateHasTerminalResult)
        var stranger = F.result("saisie-4", candidate: "personne")
        stranger.source = .paperMark
        #expect(try await repository.storeEnteredResult(stranger) == .candidateNotEnrolled)
        #expect(try await repository.results(session: nil).count == 2)
    }

    @Test(arguments: RepositoryKind.allCases)
    func theEstablishmentAndExportRecordsAreKept(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        #expect(try await repository.establishment() == nil)
        let school = CenterEstablishment(name: "Collège Œuvre « Les Mimosas »", uai: "0750001A", academie: "Paris", commune: "Paris",
                                         address: "1 rue de l'École, 75001")
        try await repository.saveEstablishment(school)
        #expect(try await repository.establishment() == school)
        var moved = school
        moved.commune = "Lyon"
        try await repository.saveEstablishment(moved)
        #expect(try await repository.establishment() == moved)

        #expect(try await repository.exportRecords().isEmpty)
        let first = ExportRecord(writtenAt: F.start, path: "/tmp/a.csv", sha256: "abc", sessions: ["100100", "200200"])
        let second = ExportRecord(writtenAt: F.start.addingTimeInterval(60), path: "/tmp/b.csv", sha256: "def", sessions: [])
        try await repository.recordExport(first)
        try await repository.recordExport(second)
        #expect(try await repository.exportRecords() == [first, second])
    }

    /// Marks typed in on two centers' handles at once, beside a terminal's result: one result per
    /// candidate in the end, whoever came first.
    @Test(arguments: RepositoryKind.allCases)
    func concurrentEntriesLeaveOneResultPerCandidate(kind: RepositoryKind) async throws {
        let (first, second) = try await kind.makeShared()
        try await F.populate(first)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                let handle = index % 2 == 0 ? first : second
                group.addTask { _ = try await handle.storeEnteredResult(F.result("typed-\(index)", candidate: "c1", source: .paperMark)) }
            }
            group.addTask { _ = try await first.insertResult(F.result("terminal-c2", candidate: "c2"), onePerCandidate: true) }
            for index in 0..<5 {
                group.addTask { _ = try await second.storeEnteredResult(F.result("typed-c2-\(index)", candidate: "c2", source: .paperAnswers)) }
            }
            try await group.waitForAll()
        }
        let results = try await first.results(session: "100100")
        #expect(results.filter { $0.candidateId == "c1" }.count == 1)
        let c2 = results.filter { $0.candidateId == "c2" }
        #expect(c2.count == 1)
        // A typed entry never replaces the terminal's result; the terminal's is refused after one.
        #expect(c2.first?.source == .terminal || c2.first?.source == .paperAnswers)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aPurgeDeletesSessionsAndTheCandidatesLeftWithoutOne(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.upsertCandidates([F.upsert(F.candidate("c4", "Zola"), key: .id("c4"))], newId: { "unused" })
        #expect(try await repository.insertSession(F.session("200200"), enrolments: [F.enrolment("200200", "c3")]) == .inserted)
        _ = try await repository.openAttempt(F.attempt("a1", candidate: "c1"), onePerCandidate: true)
        #expect(try await repository.insertResult(F.result("a1", candidate: "c1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.insertResult(F.result("a2", candidate: "c2"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        let count = try await repository.purgeSessions(numbers: ["100100"])
        // c1 and c2 were enrolled only there; c3 stays for 200200; c4 was never enrolled anywhere.
        #expect(count == PurgeCount(sessions: 1, results: 2, candidates: 2))
        #expect(try await repository.session(number: "100100") == nil)
        #expect(try await repository.candidates().map(\.id).sorted() == ["c3", "c4"])
        #expect(try await repository.results(session: nil).isEmpty)
        #expect(try await repository.attempt(id: "a1") == nil)
        #expect(try await repository.purgeSessions(numbers: []) == PurgeCount(sessions: 0, results: 0, candidates: 0))
    }
}
