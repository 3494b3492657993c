@testable import CenterPostgres
import CenterService
import Foundation
import PostgresNIO
import PostgresTestServer
import Synchronization
import Testing

/// Group commit on PostgreSQL: requests arriving together go in one statement, and each still gets
/// the answer it would have had alone.
@Suite struct PostgresBatchTests {
    typealias F = ContractFixtures
    typealias S = SupervisionContractTests

    /// Waits (up to 10 s) until `batches` holds `count` requests.
    func waitUntil(_ batches: Batches<Int, Int>, holds count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while batches.waitingCount < count {
            try #require(ContinuousClock.now < deadline, "\(batches.waitingCount) requests waiting, not \(count)")
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test func requestsArrivingWhileABatchRunsGoTogetherInTheNext() async throws {
        let (gate, opening) = AsyncStream.makeStream(of: Void.self)
        let sizes = Mutex<[Int]>([])
        let batches = Batches<Int, Int>(maximumBatch: 8, concurrentBatches: 1) { requests in
            let isFirst = sizes.withLock { $0.append(requests.count); return $0.count == 1 }
            if isFirst { for await _ in gate { break } }
            return requests.map { .success($0 * 10) }
        }
        let first = Task { try await batches.submit(0) }
        while sizes.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(1)) }
        let others = (1...19).map { n in Task { try await batches.submit(n) } }
        try await waitUntil(batches, holds: 19)
        opening.yield()
        #expect(try await first.value == 0)
        for (index, task) in others.enumerated() { #expect(try await task.value == (index + 1) * 10) }
        // The first alone (nothing waited when it came), then the 19 that came meanwhile, 8 at most at once.
        #expect(sizes.withLock { $0 } == [1, 8, 8, 3])
    }

    @Test func aRequestItsBatchLeftUnansweredFailsRatherThanWaitsForever() async throws {
        let (gate, opening) = AsyncStream.makeStream(of: Void.self)
        let started = Mutex(false)
        let batches = Batches<Int, Int>(maximumBatch: 8, concurrentBatches: 1) { requests in
            if requests == [0] {
                started.withLock { $0 = true }
                for await _ in gate { break }
            }
            return requests.dropLast().map { .success($0) }
        }
        let first = Task { try await batches.submit(0) }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
        let others = (1...3).map { n in Task { try await batches.submit(n) } }
        try await waitUntil(batches, holds: 3)
        opening.yield()
        await #expect(throws: BatchError.unanswered) { try await first.value }
        var answered: [Int] = []
        var unanswered = 0
        for task in others {
            do { answered.append(try await task.value) } catch { unanswered += 1 }
        }
        #expect(answered.sorted().count == 2 && unanswered == 1)
    }

    /// Every outcome `ResultInsertion` has, in one statement, in the order given.
    @Test func aBatchOfResultsIsAnsweredAsEachWouldBeAlone() async throws {
        let repository = try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        try await F.populate(repository)
        #expect(try await repository.insertSession(F.session("200200", kind: .entrainement), enrolments: [F.enrolment("200200", "c2")]) == .inserted)
        _ = try await repository.openAttempt(F.attempt("c3-1", candidate: "c3"), onePerCandidate: true)
        _ = try await repository.raiseAlert(S.alert("al1", attempt: "c3-1", candidate: "c3", question: "q2"))
        #expect(try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: S.log(.alertAccepted, candidate: "c3")))
        var stopped = F.result("c3-1", candidate: "c3", hash: "h-c3")
        stopped.stopReason = "Arrêtée par le surveillant : malaise"
        stopped.neutralizedQuestionIds = ["q2"]
        let batch = [
            ResultToStore(result: F.result("a1"), onePerCandidate: true),
            ResultToStore(result: F.result("a1", hash: "autre"), onePerCandidate: true),
            ResultToStore(result: F.result("a2"), onePerCandidate: true),
            ResultToStore(result: F.result("b0", session: "200200", candidate: "c1"), onePerCandidate: false),
            ResultToStore(result: stopped, onePerCandidate: true),
            ResultToStore(result: F.result("p1", session: "200200", candidate: "c2"), onePerCandidate: false),
            ResultToStore(result: F.result("p2", session: "200200", candidate: "c2", hash: "h-p2"), onePerCandidate: false),
        ]
        let outcomes = try await ResultStore(statements: repository.statements).storeTogether(batch).map { try $0.get() }
        #expect(outcomes == [.inserted(acceptedAlerts: []), .sameAttemptExists(contentHash: "hash-1"), .candidateAlreadyHasResult,
                             .candidateNotEnrolled, .inserted(acceptedAlerts: ["q2"]), .inserted(acceptedAlerts: []),
                             .inserted(acceptedAlerts: [])])
        #expect(try await repository.result(attemptId: "c3-1") == stopped)
        #expect(try await repository.result(attemptId: "a1") == F.result("a1"))
        #expect(try await repository.results(session: nil).map(\.attemptId).sorted() == ["a1", "c3-1", "p1", "p2"])
        await repository.close()
    }

    /// A result PostgreSQL refuses fails its own caller only: the batch is tried again one by one.
    @Test func aResultTheDatabaseRefusesFailsAloneInItsBatch() async throws {
        let repository = try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        try await F.populate(repository)
        var refused = F.result("b1", candidate: "c2")
        refused.envelope = "{\u{0}}"
        let store = ResultStore(statements: repository.statements)
        let batch = [ResultToStore(result: F.result("a1"), onePerCandidate: true), ResultToStore(result: refused, onePerCandidate: true),
                     ResultToStore(result: F.result("c1", candidate: "c3"), onePerCandidate: true)]
        let refusal = await #expect(throws: PSQLError.self) { try await store.storeTogether(batch) }
        #expect(refusal?.code == .server)
        let outcomes = await store.store(batch)
        #expect(try outcomes[0].get() == .inserted(acceptedAlerts: []))
        #expect(throws: CenterError.self) { try outcomes[1].get() }
        #expect(try outcomes[2].get() == .inserted(acceptedAlerts: []))
        #expect(try await repository.results(session: nil).map(\.attemptId).sorted() == ["a1", "c1"])
        await repository.close()
    }

    /// A database out of reach fails the whole batch at once, each caller with the French sentence.
    @Test(.timeLimit(.minutes(1))) func aBatchFailsAtOnceWhenTheDatabaseIsOutOfReach() async throws {
        let repository = try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        try await F.populate(repository)
        await repository.close()
        let batch = [ResultToStore(result: F.result("a1"), onePerCandidate: true),
                     ResultToStore(result: F.result("b1", candidate: "c2"), onePerCandidate: true)]
        let outcomes = await ResultStore(statements: repository.statements).store(batch)
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            #expect(throws: CenterError.self) { try outcome.get() }
        }
        if case let .failure(error as CenterError) = outcomes[0] { #expect(error.message.hasPrefix("enregistrement du résultat : ")) }
    }

    @Test func aBatchOfResultContextsReadsWhatEachReadAloneReads() async throws {
        let repository = try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        try await F.populate(repository)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        _ = try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true)
        _ = try await repository.raiseAlert(S.alert("al1", question: "q2"))
        #expect(try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: S.log(.alertAccepted, candidate: "c1")))
        let requests = [ResultContextRequest(session: "100100", attemptId: "a1"), ResultContextRequest(session: "100100", attemptId: "personne"),
                        ResultContextRequest(session: "999999", attemptId: "a2"), ResultContextRequest(session: "100100", attemptId: "a2")]
        let reader = ResultContexts(statements: repository.statements)
        let together = try await reader.read(requests).map { try $0.get() }
        var alone: [ResultContext] = []
        for request in requests { alone.append(try await reader.read([request])[0].get()) }
        #expect(together == alone)
        #expect(together[0] == ResultContext(session: F.session("100100"), attempt: F.attempt("a1"), enrolment: F.enrolment("100100", "c1"),
                                             acceptedAlerts: ["q2"]))
        #expect(together[2].session == nil && together[2].attempt == F.attempt("a2", candidate: "c2") && together[2].enrolment == nil)
        await repository.close()
    }
}
