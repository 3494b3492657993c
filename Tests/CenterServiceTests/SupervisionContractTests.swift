import CenterService
import ExamKit
import Foundation
import Testing

/// The repository promises the surveillant's console relies on, for every implementation.
@Suite struct SupervisionContractTests {
    typealias F = ContractFixtures

    static func log(_ kind: SessionLogKind, candidate: String? = nil, detail: String = "", at seconds: TimeInterval = 60) -> SessionLogEntry {
        SessionLogEntry(sessionNumber: "100100", at: F.start.addingTimeInterval(seconds), kind: kind, candidateId: candidate, detail: detail)
    }

    static func alert(_ id: String, attempt: String = "a1", candidate: String = "c1", question: String = "q2", position: Int = 2,
                      at seconds: TimeInterval = 100) -> CandidateAlert {
        CandidateAlert(id: id, sessionNumber: "100100", attemptId: attempt, candidateId: candidate, questionId: question,
                       position: position, kind: .display, raisedAt: F.start.addingTimeInterval(seconds))
    }

    @Test(arguments: RepositoryKind.allCases)
    func theBoardIsReadInOneGoWithLightResults(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        #expect(try await repository.supervision(session: "999999") == nil)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        _ = try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true)
        #expect(try await repository.insertResult(F.result("a2", candidate: "c2"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        _ = try await repository.raiseAlert(Self.alert("al1"))
        let data = try #require(try await repository.supervision(session: "100100"))
        #expect(data.session == F.session("100100"))
        #expect(data.candidates.map(\.candidate.id) == ["c1", "c2", "c3"])
        #expect(Set(data.attempts.map(\.id)) == ["a1", "a2"])
        #expect(data.results == [ResultSummary(F.result("a2", candidate: "c2"))])
        #expect(data.alerts.map(\.id) == ["al1"])
    }

    @Test(arguments: RepositoryKind.allCases)
    func eachActionIsAppliedWithItsLogLineOrNotAtAll(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)

        #expect(try await repository.supervise(.confirmPresence(candidateId: "c2"), log: Self.log(.presenceConfirmed, candidate: "c2")))
        #expect(try await !repository.supervise(.confirmPresence(candidateId: "nobody"), log: Self.log(.presenceConfirmed, candidate: "x")))
        #expect(try await repository.enrolments(session: "100100").first { $0.candidateId == "c2" }?.presenceConfirmedAt
                == F.start.addingTimeInterval(60))

        #expect(try await repository.supervise(.authorizeTransfer(attemptId: "a1"), log: Self.log(.transferAuthorized, candidate: "c1")))
        #expect(try await repository.attempt(id: "a1")?.transferAuthorized == true)

        let stop = Self.log(.attemptStopped, candidate: "c1", detail: "malaise", at: 120)
        #expect(try await repository.supervise(.stopAttempt(attemptId: "a1", reason: "malaise"), log: stop))
        let stopped = try #require(try await repository.attempt(id: "a1"))
        #expect(stopped.stopReason == "malaise" && stopped.stoppedAt == F.start.addingTimeInterval(120))
        // A second stop of the same attempt changes nothing.
        #expect(try await !repository.supervise(.stopAttempt(attemptId: "a1", reason: "autre"), log: stop))
        // The terminal learns it with its next report, which is kept all the same.
        let progress = IntegrityContractTests.progress
        #expect(try await repository.recordProgress(attemptId: "a1", terminalId: "poste-1", progress: progress, at: F.start.addingTimeInterval(125))
                == .stopRequested(reason: "malaise"))
        #expect(try await repository.attempt(id: "a1")?.progress == progress)

        #expect(try await repository.supervise(.replaceAccessCode(candidateId: "c3", salt: "s2", hash: "h2", demoCode: "ZZZZZZZZ"),
                                               log: Self.log(.accessCodeReissued, candidate: "c3")))
        let c3 = try #require(try await repository.enrolments(session: "100100").first { $0.candidateId == "c3" })
        #expect(c3.codeSalt == "s2" && c3.codeHash == "h2" && c3.demoCode == nil)

        let check = SlowCodeHash(salt: "c2Vs", cost: 1024, hash: "aGFjaA==")
        #expect(try await repository.supervise(.replaceSurveillantCode(salt: "ss", hash: "hh", check: check),
                                               log: Self.log(.surveillantCodeReissued)))
        let session = try #require(try await repository.session(number: "100100"))
        #expect(session.surveillantSalt == "ss" && session.surveillantHash == "hh" && session.surveillantCheck == check)

        #expect(try await repository.supervise(.incident, log: Self.log(.incident, detail: "alarme incendie", at: 200)))

        _ = try await repository.raiseAlert(Self.alert("al1"))
        #expect(try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: Self.log(.alertAccepted, candidate: "c1")))
        #expect(try await !repository.supervise(.decideAlert(alertId: "al1", accepted: false), log: Self.log(.alertRejected, candidate: "c1")))
        #expect(try await repository.alerts(session: "100100").map(\.status) == [.accepted])

        #expect(try await repository.supervise(.close, log: Self.log(.sessionClosed, at: 300)))
        #expect(try await repository.session(number: "100100")?.closedAt == F.start.addingTimeInterval(300))
        // A closed session takes no action any more.
        #expect(try await !repository.supervise(.incident, log: Self.log(.incident, detail: "trop tard", at: 400)))

        let log = try await repository.sessionLog(session: "100100")
        #expect(log.map(\.kind) == [.presenceConfirmed, .transferAuthorized, .attemptStopped, .accessCodeReissued,
                                    .surveillantCodeReissued, .incident, .alertAccepted, .sessionClosed])
        #expect(log[5] == Self.log(.incident, detail: "alarme incendie", at: 200))
        #expect(log[2].detail == "malaise" && log[2].candidateId == "c1")
    }

    @Test(arguments: RepositoryKind.allCases)
    func anAttemptWithAResultCannotBeStoppedOrMoved(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        #expect(try await !repository.supervise(.stopAttempt(attemptId: "a1", reason: "x"), log: Self.log(.attemptStopped)))
        #expect(try await !repository.supervise(.authorizeTransfer(attemptId: "a1"), log: Self.log(.transferAuthorized)))
        #expect(try await repository.sessionLog(session: "100100").isEmpty)
    }

    @Test(arguments: RepositoryKind.allCases)
    func anAlertIsStoredOncePerQuestionOfAnAttempt(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        let first = try await repository.raiseAlert(Self.alert("al1"))
        let again = try await repository.raiseAlert(Self.alert("al2", at: 130))
        #expect(first == Self.alert("al1") && again == first)
        _ = try await repository.raiseAlert(Self.alert("al3", question: "q3", position: 3, at: 140))
        #expect(try await repository.alerts(session: "100100").map(\.id) == ["al1", "al3"])
        #expect(try await repository.alerts(session: "999999").isEmpty)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aPresencePollSaysWhetherTheSurveillantConfirmed(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        let at = F.start.addingTimeInterval(90)
        #expect(try await repository.pollPresence(attemptId: "a1", terminalId: "poste-1", at: at) == .waiting)
        #expect(try await repository.attempt(id: "a1")?.progressAt == at)
        #expect(try await repository.pollPresence(attemptId: "a1", terminalId: "poste-2", at: at) == .movedElsewhere)
        #expect(try await repository.pollPresence(attemptId: "zz", terminalId: "poste-1", at: at) == .unknownAttempt)
        _ = try await repository.supervise(.confirmPresence(candidateId: "c1"), log: Self.log(.presenceConfirmed, candidate: "c1"))
        #expect(try await repository.pollPresence(attemptId: "a1", terminalId: "poste-1", at: at) == .confirmed)
    }

    @Test(arguments: RepositoryKind.allCases)
    func aResultIsRescoredWithTheAcceptedAlertsOfItsAttempt(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        #expect(try await repository.rescoreResult(attemptId: "a1") { result, _ in result } == nil)
        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
        _ = try await repository.raiseAlert(Self.alert("al1", question: "q2"))
        _ = try await repository.raiseAlert(Self.alert("al2", question: "q3", position: 3))
        _ = try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: Self.log(.alertAccepted))
        _ = try await repository.supervise(.decideAlert(alertId: "al2", accepted: false), log: Self.log(.alertRejected))
        let rescored = try await repository.rescoreResult(attemptId: "a1") { result, neutralized in
            var changed = result
            changed.neutralizedQuestionIds = neutralized.sorted()
            changed.questionCount = 2
            changed.score = 0
            return changed
        }
        #expect(rescored?.neutralizedQuestionIds == ["q2"])
        let stored = try #require(try await repository.result(attemptId: "a1"))
        #expect(stored.neutralizedQuestionIds == ["q2"] && stored.questionCount == 2 && stored.score == 0)
        #expect(stored.envelope == F.result("a1").envelope)
    }

    /// Alerts decided while the result was on its way: the insert says which were accepted, in its own
    /// transaction, so the service rescores without reading them again.
    @Test(arguments: RepositoryKind.allCases)
    func anInsertedResultComesWithItsAttemptsAcceptedAlerts(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        _ = try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true)
        _ = try await repository.raiseAlert(Self.alert("al1", question: "q2"))
        _ = try await repository.raiseAlert(Self.alert("al2", question: "q3", position: 3))
        _ = try await repository.raiseAlert(Self.alert("al3", question: "q1", position: 1))
        _ = try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: Self.log(.alertAccepted))
        _ = try await repository.supervise(.decideAlert(alertId: "al2", accepted: false), log: Self.log(.alertRejected))
        #expect(try await repository.insertResult(F.result("a1"), onePerCandidate: true) == .inserted(acceptedAlerts: ["q2"]))
        // Another attempt's alerts are not its own.
        #expect(try await repository.insertResult(F.result("a2", candidate: "c2"), onePerCandidate: true) == .inserted(acceptedAlerts: []))
    }

    @Test(arguments: RepositoryKind.allCases)
    func sessionsKeepPresenceAndClosingAndDeletingTakesTheLogAlong(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        var session = F.session("200200")
        session.requiresPresence = true
        #expect(try await repository.insertSession(session, enrolments: [F.enrolment("200200", "c1")]) == .inserted)
        #expect(try await repository.session(number: "200200")?.requiresPresence == true)
        _ = try await repository.openAttempt(F.attempt("b1", session: "200200"), onePerCandidate: true)
        _ = try await repository.raiseAlert(CandidateAlert(id: "x", sessionNumber: "200200", attemptId: "b1", candidateId: "c1",
                                                           questionId: "q1", position: 1, kind: .other, raisedAt: F.start))
        #expect(try await repository.supervise(.incident, log: SessionLogEntry(sessionNumber: "200200", at: F.start, kind: .incident,
                                                                               detail: "bruit")))
        #expect(try await repository.deleteSession(number: "200200"))
        #expect(try await repository.alerts(session: "200200").isEmpty)
        #expect(try await repository.sessionLog(session: "200200").isEmpty)
    }
}
