import CenterService
import ExamKit
import Foundation
import Testing

/// The repository promises the integrity rules rely on, for every implementation.
@Suite struct IntegrityContractTests {
    typealias F = ContractFixtures

    static let progress = AttemptSnapshot(index: 1, phase: .answering, remainingMs: 30_000, selections: [[1], [0, 2], []],
                                          timeUsedMs: [45_000, 15_000, 0])

    @Test(arguments: RepositoryKind.allCases)
    func progressIsKeptOnlyFromTheTerminalTheAttemptRunsOn(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        let at = F.start.addingTimeInterval(120)
        #expect(try await repository.recordProgress(attemptId: "a1", terminalId: "poste-1", progress: Self.progress, at: at) == .recorded)
        let stored = try #require(try await repository.attempt(id: "a1"))
        #expect(stored.progress == Self.progress && stored.progressAt == at && !stored.transferAuthorized)
        #expect(try await repository.recordProgress(attemptId: "a1", terminalId: "poste-2", progress: Self.progress, at: at) == .movedElsewhere)
        #expect(try await repository.recordProgress(attemptId: "zz", terminalId: "poste-1", progress: Self.progress, at: at) == .unknownAttempt)
        #expect(try await repository.openAttempt(session: "100100", candidate: "c1")?.id == "a1")
        #expect(try await repository.attempts(session: "100100").map(\.id) == ["a1"])

        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.recordProgress(attemptId: "a1", terminalId: "poste-1", progress: Self.progress, at: at) == .finished)
        #expect(try await repository.openAttempt(session: "100100", candidate: "c1") == nil)
    }

    @Test(arguments: RepositoryKind.allCases)
    func anAttemptMovesOnceWhenConcurrentTerminalsClaimIt(kind: RepositoryKind) async throws {
        let (first, second) = try await kind.makeShared()
        try await F.populate(first)
        _ = try await first.openAttempt(F.attempt("a1"), onePerCandidate: true)
        #expect(try await first.authorizeTransfer(attemptId: "a1", true))
        #expect(try await second.attempt(id: "a1")?.transferAuthorized == true)
        let winners = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                let repository = index.isMultiple(of: 2) ? first : second
                group.addTask { (try? await repository.moveAttempt(id: "a1", from: "poste-1", to: "poste-\(index + 10)", at: F.start)) ?? false }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        let moved = try #require(try await first.attempt(id: "a1"))
        #expect(moved.terminalId != "poste-1" && !moved.transferAuthorized)
        // An attempt with a result moves no more.
        #expect(try await first.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await !first.moveAttempt(id: "a1", from: moved.terminalId, to: "poste-99", at: F.start))
        #expect(try await !first.authorizeTransfer(attemptId: "a1", true))
        #expect(try await !first.authorizeTransfer(attemptId: "zz", true))
    }

    @Test(arguments: RepositoryKind.allCases)
    func failureWindowsCountEveryConcurrentFailureAndStartAgain(kind: RepositoryKind) async throws {
        let (first, second) = try await kind.makeShared()
        let now = F.start
        #expect(try await first.window("login session 1", now: now) == nil)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                let repository = index.isMultiple(of: 2) ? first : second
                group.addTask { _ = try? await repository.recordFailure("login session 1", now: now, length: 60) }
            }
        }
        #expect(try await second.window("login session 1", now: now.addingTimeInterval(59))
            == FailureWindow(start: now, failures: 20))
        #expect(try await first.window("login session 1", now: now.addingTimeInterval(60)) == nil)
        #expect(try await first.recordFailure("login session 1", now: now.addingTimeInterval(61), length: 60)
            == FailureWindow(start: now.addingTimeInterval(61), failures: 1))
        #expect(try await first.window("autre", now: now) == nil)
    }

    /// The windows and the terminal's counter come back together, each in its place, whichever exist.
    @Test(arguments: RepositoryKind.allCases)
    func aCodeCheckReadsItsWindowsAndItsTerminalsCounterAtOnce(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let now = F.start
        let keys = ["login session 7", "login address 10.0.0.1", "login session 8"]
        #expect(try await repository.codeGuardReading(windows: keys, terminal: .terminal("poste-7"), now: now, length: 60)
            == CodeGuardReading(windows: [nil, nil, nil], terminal: LoginThrottle()))
        _ = try await repository.recordFailure(keys[1], now: now, length: 60)
        _ = try await repository.recordFailure(keys[1], now: now, length: 60)
        _ = try await repository.recordFailure(keys[2], now: now.addingTimeInterval(-120), length: 60)
        let counter = try await repository.updateThrottle(.terminal("poste-7"), now: now) { current in
            var next = current
            next.recordFailure(at: now)
            return next
        }
        let reading = try await repository.codeGuardReading(windows: keys, terminal: .terminal("poste-7"), now: now, length: 60)
        // The third window is over (opened 120 s before, 60 s long): nil, as for no window at all.
        #expect(reading == CodeGuardReading(windows: [nil, FailureWindow(start: now, failures: 2), nil], terminal: counter))
        #expect(try await repository.codeGuardReading(windows: [], terminal: .terminal("autre"), now: now, length: 60).terminal
            == LoginThrottle())
    }

    @Test(arguments: RepositoryKind.allCases)
    func theCentersKeyIsStoredOnceWhoeverAsksFirst(kind: RepositoryKind) async throws {
        let (first, second) = try await kind.makeShared()
        let keys = await withTaskGroup(of: Data?.self) { group in
            for index in 0..<10 {
                let repository = index.isMultiple(of: 2) ? first : second
                group.addTask { try? await repository.centerPrivateKey(storingIfAbsent: Data([UInt8(index)] + Array(repeating: 7, count: 31))) }
            }
            return await group.reduce(into: Set<Data?>()) { $0.insert($1) }
        }
        #expect(keys.count == 1 && keys.first! != nil)
        #expect(try await first.centerPrivateKey(storingIfAbsent: Data(repeating: 1, count: 32)) == keys.first!)
    }

    @Test(arguments: RepositoryKind.allCases)
    func sessionsAreUpdatedAndDeletedWithAllTheyHold(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        let check = SlowCodeHash(salt: "c2Vs", cost: 1024, hash: "aA==")
        let updated = try await repository.updateSession(number: "100100") { session in
            var changed = session
            changed.number = "ignoré"
            changed.surveillantHash = "nouveau"
            changed.surveillantCheck = check
            return changed
        }
        #expect(updated?.number == "100100")
        let stored = try #require(try await repository.session(number: "100100"))
        #expect(stored.surveillantHash == "nouveau" && stored.surveillantCheck == check)
        #expect(try await repository.updateSession(number: "999999") { $0 } == nil)

        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        // Candidates still enrolled are kept.
        #expect(try await repository.deleteCandidates(ids: ["c1", "c2"]) == 0)
        #expect(try await repository.deleteSession(number: "100100"))
        #expect(try await repository.session(number: "100100") == nil)
        #expect(try await repository.results(session: "100100").isEmpty)
        #expect(try await repository.attempt(id: "a1") == nil)
        #expect(try await repository.enrolments(session: "100100").isEmpty)
        #expect(try await !repository.deleteSession(number: "100100"))
        #expect(try await repository.deleteCandidates(ids: ["c1", "c2", "personne"]) == 2)
        #expect(try await repository.candidates().map(\.id) == ["c3"])
    }

    @Test(arguments: RepositoryKind.allCases)
    func aStopReasonIsKeptWithTheResult(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        var result = F.result("a1")
        result.stopReason = "Malaise du candidat"
        #expect(try await repository.insertResult(result, onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await repository.result(attemptId: "a1")?.stopReason == "Malaise du candidat")
    }
}

private extension CenterRepository {
    /// One key's current window (60 s long).
    func window(_ key: String, now: Date) async throws -> FailureWindow? {
        try await codeGuardReading(windows: [key], terminal: .terminal("-"), now: now, length: 60).windows[0]
    }
}
