import CenterPostgres
import CenterService
import ExamKit
import ExamStore
import Foundation
import PostgresTestServer
import Synchronization
import Testing

/// Every `CenterRepository` implementation keeps the same promises: SQLite (a new file each time)
/// and PostgreSQL (a new database on the tests' server each time, see `TestPostgres`).
enum RepositoryKind: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    func make() async throws -> any CenterRepository {
        switch self {
        case .sqlite: try SQLiteCenterRepository(path: CenterFixtures.temporaryPath())
        case .postgres: try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        }
    }

    /// Two independent handles on one store, as two server processes have (for PostgreSQL, two
    /// connection pools).
    func makeShared() async throws -> (any CenterRepository, any CenterRepository) {
        switch self {
        case .sqlite:
            let path = CenterFixtures.temporaryPath()
            return (try SQLiteCenterRepository(path: path), try SQLiteCenterRepository(path: path))
        case .postgres:
            let database = try await TestPostgres.freshDatabase()
            return (try await PostgresCenterRepository.open(database), try await PostgresCenterRepository.open(database))
        }
    }
}

/// Domain values for the contract (dates in whole seconds: every store keeps at least that).
enum ContractFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func candidate(_ id: String, ine: String? = nil, _ lastName: String = "Nom", className: String = "5A",
                          extraTime: Bool = false) -> Candidate {
        Candidate(id: id, ine: ine, lastName: lastName, firstName: "Prénom \(id)", birthDate: "2013-01-01",
                  className: className, sex: "F", attestation: "ASSR1", siecle: false, extraTime: extraTime)
    }

    static func session(_ number: String, startsAt: Date = start, kind: SessionKind = .examen, place: String? = nil) -> CenterSession {
        CenterSession(number: number, kind: kind, profileId: "ASSR1", name: "Épreuve \(number)", startsAt: startsAt,
                      place: place, timed: true, alwaysActive: false, seed: "seed-\(number)", resultKey: "key-\(number)",
                      surveillantSalt: "salt", surveillantHash: "hash", questionIds: ["q1", "q2", "q3"],
                      contentDigest: "digest", createdAt: start.addingTimeInterval(-3600))
    }

    static func enrolment(_ session: String, _ candidate: String, demoCode: String? = nil) -> Enrolment {
        Enrolment(sessionNumber: session, candidateId: candidate, codeSalt: "s-\(candidate)", codeHash: "h-\(candidate)",
                  extraTime: false, demoCode: demoCode)
    }

    static func attempt(_ id: String, session: String = "100100", candidate: String = "c1", openedAt: Date = start) -> CenterAttempt {
        CenterAttempt(id: id, sessionNumber: session, candidateId: candidate, terminalId: "poste-1", openedAt: openedAt)
    }

    static func result(_ attemptId: String, session: String = "100100", candidate: String = "c1", hash: String = "hash-1",
                       finishedAt: Date = start.addingTimeInterval(900), source: ResultSource = .terminal) -> StoredResult {
        StoredResult(attemptId: attemptId, sessionNumber: session, candidateId: candidate, terminalId: "poste-1",
                     startedAt: start, finishedAt: finishedAt, answers: ["q1": ["B"], "q2": ["A", "C"], "q3": []],
                     contentHash: hash, envelope: "{}", score: 1, questionCount: 3, passed: false, source: source,
                     storedAt: finishedAt.addingTimeInterval(1))
    }

    static func upsert(_ candidate: Candidate, key: CandidateKey) -> CandidateUpsert {
        CandidateUpsert(key: key) { existing in
            guard let existing else { return candidate }
            var merged = candidate
            merged.extraTime = existing.extraTime || candidate.extraTime
            return merged
        }
    }

    /// A repository with candidates c1, c2, c3 and session 100100 enrolling all three.
    static func populated(_ kind: RepositoryKind) async throws -> any CenterRepository {
        try await populate(try await kind.make())
    }

    @discardableResult
    static func populate(_ repository: any CenterRepository) async throws -> any CenterRepository {
        let candidates = [candidate("c1", "Alexandre"), candidate("c2", "Bernard"), candidate("c3", "Dubois")]
        _ = try await repository.upsertCandidates(candidates.map { upsert($0, key: .id($0.id)) }, newId: { "unused" })
        #expect(try await repository.insertSession(session("100100"), enrolments: candidates.map { enrolment("100100", $0.id) }) == .inserted)
        return repository
    }
}

@Suite struct RepositoryContractTests {
    typealias F = ContractFixtures

    @Test(arguments: RepositoryKind.allCases)
    func candidatesAreUpsertedByKeyInOneTransaction(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let lily = F.candidate("11111111111", ine: "11111111111", "Alexandre", className: "5A")
        var hugo = F.candidate("Chugo", "Bernard", className: "4B")
        hugo.readsAloud = true
        let zoe = F.candidate("Czoe", "Zola", className: "4B")
        let count = try await repository.upsertCandidates(
            [F.upsert(lily, key: .ine("11111111111")), F.upsert(hugo, key: .identity(lastName: "Bernard", firstName: "Prénom Chugo", birthDate: "2013-01-01")),
             F.upsert(zoe, key: .id("Czoe"))], newId: { "unused" })
        #expect(count == UpsertCount(added: 3, updated: 0))
        // By class, last name, first name.
        #expect(try await repository.candidates().map(\.id) == ["Chugo", "Czoe", "11111111111"])
        #expect(try await repository.candidate(id: "Chugo") == hugo)
        #expect(try await repository.candidate(id: "personne") == nil)

        // Updates keep the found id whatever merge returns; a later upsert finds an earlier one.
        var moved = lily
        moved.id = "autre-id"
        moved.className = "4A"
        moved.extraTime = true
        moved.readsAloud = true
        let again = try await repository.upsertCandidates(
            [F.upsert(moved, key: .ine("11111111111")), F.upsert(F.candidate("Cnew", "Neuf"), key: .id("Cnew")),
             F.upsert(F.candidate("ignored", "Neuf", className: "6C"), key: .id("Cnew"))], newId: { "unused" })
        #expect(again == UpsertCount(added: 1, updated: 2))
        let stored = try #require(try await repository.candidate(id: "11111111111"))
        #expect(stored.className == "4A" && stored.extraTime && stored.readsAloud)
        #expect(try await repository.candidate(id: "autre-id") == nil)
        #expect(try await repository.candidate(id: "Cnew")?.className == "6C")

        // The identity key only finds candidates without INE.
        var namesake = lily
        namesake.id = "Cnamesake"
        namesake.ine = nil
        let identity = CandidateKey.identity(lastName: lily.lastName, firstName: lily.firstName, birthDate: lily.birthDate)
        #expect(try await repository.upsertCandidates([F.upsert(namesake, key: identity)], newId: { "unused" }) == UpsertCount(added: 1, updated: 0))

        // A new candidate whose id is taken gets another one.
        let ids = IdSource(["Czoe", "Cfree"])
        let collision = F.candidate("Chugo", "Collision")
        #expect(try await repository.upsertCandidates([F.upsert(collision, key: .ine("99999999999"))], newId: { ids.next() }) == UpsertCount(added: 1, updated: 0))
        #expect(try await repository.candidate(id: "Cfree")?.lastName == "Collision")
        #expect(try await repository.candidate(id: "Chugo")?.lastName == "Bernard")

        // All or none: a failing row leaves every other row of the batch out.
        let before = try await repository.candidates()
        var duplicateINE = F.candidate("Cdup", "Doublon")
        duplicateINE.ine = "11111111111"
        await #expect(throws: CenterError.self) {
            try await repository.upsertCandidates([F.upsert(F.candidate("Cok", "Valide"), key: .id("Cok")), F.upsert(duplicateINE, key: .id("Cdup"))],
                                                  newId: { "unused" })
        }
        #expect(try await repository.candidates() == before)
    }

    @Test(arguments: RepositoryKind.allCases)
    func sessionsAndEnrolmentsAreStoredTogether(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let later = F.session("200200", startsAt: F.start.addingTimeInterval(86400), kind: .entrainement, place: "Salle 12")
        #expect(try await repository.insertSession(later, enrolments: [F.enrolment("200200", "c2", demoCode: "AAAAAAAA")]) == .inserted)
        #expect(try await repository.session(number: "200200") == later)
        #expect(try await repository.session(number: "100100") == F.session("100100"))
        #expect(try await repository.session(number: "999999") == nil)
        // Latest start first.
        #expect(try await repository.sessions().map(\.number) == ["200200", "100100"])

        // A taken number stores nothing, enrolments included.
        #expect(try await repository.insertSession(F.session("200200"), enrolments: [F.enrolment("200200", "c3")]) == .numberTaken)
        #expect(try await repository.session(number: "200200") == later)
        #expect(try await repository.enrolments(session: "200200") == [F.enrolment("200200", "c2", demoCode: "AAAAAAAA")])

        // A failing enrolment (unknown candidate) leaves the session out too.
        await #expect(throws: CenterError.self) {
            try await repository.insertSession(F.session("300300"), enrolments: [F.enrolment("300300", "c1"), F.enrolment("300300", "personne")])
        }
        #expect(try await repository.session(number: "300300") == nil)
        #expect(try await repository.enrolments(session: "300300").isEmpty)

        #expect(Set(try await repository.enrolments(session: "100100").map(\.candidateId)) == ["c1", "c2", "c3"])
        #expect(try await repository.enrolments(session: "100100").first { $0.candidateId == "c2" } == F.enrolment("100100", "c2"))
        #expect(try await repository.enrolment(session: "100100", candidate: "c2") == F.enrolment("100100", "c2"))
        #expect(try await repository.enrolment(session: "100100", candidate: "c9") == nil)
        #expect(try await repository.enrolment(session: "300300", candidate: "c2") == nil)
        #expect(try await repository.enrolments(session: "200200").map(\.candidateId) == ["c2"])
        let enrolled = try await repository.enrolledCandidates(session: "100100")
        #expect(enrolled.map(\.candidate.lastName) == ["Alexandre", "Bernard", "Dubois"])
        #expect(enrolled.allSatisfy { $0.enrolment.candidateId == $0.candidate.id && $0.enrolment.sessionNumber == "100100" })
    }

    @Test(arguments: RepositoryKind.allCases)
    func anEnrolmentIsUpdatedInPlace(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let updated = try await repository.updateEnrolment(session: "100100", candidate: "c1") { enrolment in
            var changed = enrolment
            changed.codeHash = "nouveau"
            changed.sessionNumber = "ailleurs"  // the key cannot move
            return changed
        }
        #expect(updated?.codeHash == "nouveau")
        #expect(updated?.sessionNumber == "100100")
        let stored = try await repository.enrolments(session: "100100")
        #expect(stored.first { $0.candidateId == "c1" }?.codeHash == "nouveau")
        #expect(stored.first { $0.candidateId == "c2" }?.codeHash == "h-c2")
        #expect(try await repository.updateEnrolment(session: "100100", candidate: "personne") { $0 } == nil)
    }

    @Test(arguments: RepositoryKind.allCases)
    func attemptsOpenOrResume(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let first = F.attempt("a1")
        #expect(try await repository.openAttempt(first, onePerCandidate: true) == .opened(first))
        #expect(try await repository.attempt(id: "a1") == first)
        #expect(try await repository.attempt(id: "personne") == nil)
        // The open attempt is resumed, whatever new one is offered.
        #expect(try await repository.openAttempt(F.attempt("a2", openedAt: F.start.addingTimeInterval(60)), onePerCandidate: true) == .resumed(first))
        #expect(try await repository.attempt(id: "a2") == nil)
        // Another candidate has their own.
        #expect(try await repository.openAttempt(F.attempt("b1", candidate: "c2"), onePerCandidate: true) == .opened(F.attempt("b1", candidate: "c2")))

        // Once the attempt has a result: an exam refuses, a training session opens a new one.
        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.openAttempt(F.attempt("a3"), onePerCandidate: true) == .candidateHasResult)
        #expect(try await repository.attempt(id: "a3") == nil)
        let second = F.attempt("a4", openedAt: F.start.addingTimeInterval(120))
        #expect(try await repository.openAttempt(second, onePerCandidate: false) == .opened(second))
        #expect(try await repository.openAttempt(F.attempt("a5"), onePerCandidate: false) == .resumed(second))
    }

    @Test(arguments: RepositoryKind.allCases)
    func twentyConcurrentLoginsOfOneCandidateOpenOneAttempt(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let openings = try await withThrowingTaskGroup(of: AttemptOpening.self) { group in
            for n in 0..<20 { group.addTask { try await repository.openAttempt(F.attempt("x\(n)"), onePerCandidate: true) } }
            return try await group.reduce(into: [AttemptOpening]()) { $0.append($1) }
        }
        let attempts = openings.compactMap { opening -> CenterAttempt? in
            switch opening {
            case let .opened(attempt), let .resumed(attempt): attempt
            case .candidateHasResult: nil
            }
        }
        #expect(attempts.count == 20)
        #expect(Set(attempts.map(\.id)).count == 1)
        #expect(openings.count { if case .opened = $0 { true } else { false } } == 1)
    }

    @Test(arguments: RepositoryKind.allCases)
    func resultsAreStoredOncePerAttempt(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let early = F.result("a1", candidate: "c1", finishedAt: F.start.addingTimeInterval(600))
        #expect(try await repository.insertResult(early, onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.result(attemptId: "a1") == early)
        #expect(try await repository.result(attemptId: "personne") == nil)
        // The same attempt again tells the stored hash, whatever the new content.
        #expect(try await repository.insertResult(F.result("a1", hash: "autre"), onePerCandidate: true) == .sameAttemptExists(contentHash: "hash-1"))
        #expect(try await repository.insertResult(F.result("a1", hash: "autre"), onePerCandidate: false) == .sameAttemptExists(contentHash: "hash-1"))
        // Another attempt of the same candidate: refused for one per candidate, kept otherwise.
        #expect(try await repository.insertResult(F.result("a2"), onePerCandidate: true) == .candidateAlreadyHasResult)
        #expect(try await repository.result(attemptId: "a2") == nil)
        let rescued = F.result("a2", finishedAt: F.start.addingTimeInterval(300), source: .rescue)
        #expect(try await repository.insertResult(rescued, onePerCandidate: false) == .inserted(acceptedAlerts: []))
        #expect(try await repository.result(attemptId: "a2")?.source == .rescue)

        let elsewhere = F.session("200200")
        #expect(try await repository.insertSession(elsewhere, enrolments: [F.enrolment("200200", "c2")]) == .inserted)
        // Only an enrolled candidate's result is stored, whatever else is true.
        #expect(try await repository.insertResult(F.result("b0", session: "200200", candidate: "c1"), onePerCandidate: false) == .candidateNotEnrolled)
        #expect(try await repository.insertResult(F.result("a1", session: "200200", candidate: "c1"), onePerCandidate: true) == .candidateNotEnrolled)
        #expect(try await repository.result(attemptId: "b0") == nil)
        let other = F.result("b1", session: "200200", candidate: "c2", finishedAt: F.start.addingTimeInterval(100))
        #expect(try await repository.insertResult(other, onePerCandidate: true) == .inserted(acceptedAlerts: []))
        // By finish time; one session or all.
        #expect(try await repository.results(session: "100100").map(\.attemptId) == ["a2", "a1"])
        #expect(try await repository.results(session: nil).map(\.attemptId) == ["b1", "a2", "a1"])
        #expect(try await repository.results(session: "999999").isEmpty)
    }

    @Test(arguments: RepositoryKind.allCases)
    func twentyConcurrentCopiesOfOneResultStoreOne(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let insertions = try await withThrowingTaskGroup(of: ResultInsertion.self) { group in
            for _ in 0..<20 { group.addTask { try await repository.insertResult(F.result("a1"), onePerCandidate: true) } }
            return try await group.reduce(into: [ResultInsertion]()) { $0.append($1) }
        }
        #expect(insertions.count { $0 == .inserted(acceptedAlerts: []) } == 1)
        #expect(insertions.count { $0 == .sameAttemptExists(contentHash: "hash-1") } == 19)
        #expect(try await repository.results(session: nil).count == 1)
    }

    @Test(arguments: RepositoryKind.allCases)
    func concurrentResultsOfOneCandidateStoreOneForAnExam(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let insertions = try await withThrowingTaskGroup(of: ResultInsertion.self) { group in
            for n in 0..<20 { group.addTask { try await repository.insertResult(F.result("a\(n)", hash: "h\(n)"), onePerCandidate: true) } }
            return try await group.reduce(into: [ResultInsertion]()) { $0.append($1) }
        }
        #expect(insertions.count { $0 == .inserted(acceptedAlerts: []) } == 1)
        #expect(insertions.count { $0 == .candidateAlreadyHasResult } == 19)
    }

    /// Two processes sharing the store: their writes are still one transaction each.
    @Test(arguments: RepositoryKind.allCases)
    func twoHandlesOnOneStoreStayConsistent(kind: RepositoryKind) async throws {
        let (first, second) = try await kind.makeShared()
        try await F.populate(first)
        #expect(try await second.session(number: "100100") != nil)
        let handles = [first, second]
        let openings = try await withThrowingTaskGroup(of: AttemptOpening.self) { group in
            for n in 0..<20 {
                group.addTask { try await handles[n % 2].openAttempt(F.attempt("x\(n)", candidate: "c2"), onePerCandidate: true) }
            }
            return try await group.reduce(into: [AttemptOpening]()) { $0.append($1) }
        }
        #expect(openings.count { if case .opened = $0 { true } else { false } } == 1)
        let insertions = try await withThrowingTaskGroup(of: ResultInsertion.self) { group in
            for n in 0..<20 {
                group.addTask { try await handles[n % 2].insertResult(F.result("r\(n % 4)", candidate: "c3", hash: "h\(n % 4)"), onePerCandidate: true) }
            }
            return try await group.reduce(into: [ResultInsertion]()) { $0.append($1) }
        }
        #expect(insertions.count { $0 == .inserted(acceptedAlerts: []) } == 1)
        #expect(try await first.results(session: "100100").count == 1)
        let key = ThrottleKey.terminal("poste-partagé")
        try await withThrowingTaskGroup(of: LoginThrottle.self) { group in
            for n in 0..<10 {
                group.addTask {
                    try await handles[n % 2].updateThrottle(key, now: F.start) { current in
                        LoginThrottle(consecutiveFailures: current.consecutiveFailures + 1, lockCount: 0, lockedUntil: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await second.throttle(key).consecutiveFailures == 10)
    }

    @Test(arguments: RepositoryKind.allCases)
    func throttlesUpdateInsideTheirTransaction(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let key = ThrottleKey.terminal("poste-1")
        #expect(try await repository.throttle(key) == LoginThrottle())
        let now = F.start
        let once = try await repository.updateThrottle(key, now: now) { current in
            var next = current
            next.recordFailure(at: now)
            return next
        }
        #expect(once == LoginThrottle(consecutiveFailures: 1))
        #expect(try await repository.throttle(key) == once)
        #expect(try await repository.throttle(.terminal("poste-2")) == LoginThrottle())
        let locked = LoginThrottle(consecutiveFailures: 0, lockCount: 2, lockedUntil: now.addingTimeInterval(120))
        #expect(try await repository.updateThrottle(.terminal("poste-2"), now: now) { _ in locked } == locked)
        #expect(try await repository.throttle(.terminal("poste-2")) == locked)
        #expect(try await repository.updateThrottle(key, now: now) { $0 } == once)

        // Twenty concurrent failures all count: four locks of five.
        let fresh = ThrottleKey.terminal("poste-3")
        try await withThrowingTaskGroup(of: LoginThrottle.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await repository.updateThrottle(fresh, now: now) { current in
                        var next = current
                        next.recordFailure(at: now)
                        return next
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await repository.throttle(fresh)
        #expect(final.lockCount == 4)
        #expect(final.consecutiveFailures == 0)
    }
}

/// Hands out ids in order, from any task.
final class IdSource: Sendable {
    private let ids: Mutex<[String]>
    init(_ ids: [String]) { self.ids = Mutex(ids) }
    func next() -> String { ids.withLock { $0.isEmpty ? "C\(UUID().uuidString.prefix(8))" : $0.removeFirst() } }
}
