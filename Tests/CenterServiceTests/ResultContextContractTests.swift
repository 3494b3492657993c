import CenterService
import ExamKit
import Foundation
import Testing

/// What checking a result reads, in one go on stores that can: every implementation gives the same.
@Suite struct ResultContextContractTests {
    typealias F = ContractFixtures
    typealias S = SupervisionContractTests

    @Test(arguments: RepositoryKind.allCases)
    func theSessionTheAttemptItsEnrolmentAndItsAcceptedAlertsComeTogether(kind: RepositoryKind) async throws {
        let repository = try await F.populated(kind)
        _ = try await repository.openAttempt(F.attempt("a1"), onePerCandidate: true)
        _ = try await repository.openAttempt(F.attempt("a2", candidate: "c2"), onePerCandidate: true)
        _ = try await repository.raiseAlert(S.alert("al1", question: "q2"))
        _ = try await repository.raiseAlert(S.alert("al2", question: "q3", position: 3))
        _ = try await repository.raiseAlert(S.alert("al3", attempt: "a2", candidate: "c2", question: "q1", position: 1))
        #expect(try await repository.supervise(.decideAlert(alertId: "al1", accepted: true), log: S.log(.alertAccepted, candidate: "c1")))
        #expect(try await repository.supervise(.decideAlert(alertId: "al3", accepted: true), log: S.log(.alertAccepted, candidate: "c2")))

        let context = try await repository.resultContext(session: "100100", attemptId: "a1")
        #expect(context == ResultContext(session: F.session("100100"), attempt: F.attempt("a1"), enrolment: F.enrolment("100100", "c1"),
                                         acceptedAlerts: ["q2"]))
        // An unknown attempt: no enrolment either; an unknown session: only the attempt.
        let unknownAttempt = try await repository.resultContext(session: "100100", attemptId: "personne")
        #expect(unknownAttempt.session == F.session("100100") && unknownAttempt.attempt == nil && unknownAttempt.enrolment == nil)
        let unknownSession = try await repository.resultContext(session: "999999", attemptId: "a2")
        #expect(unknownSession.session == nil && unknownSession.attempt == F.attempt("a2", candidate: "c2") && unknownSession.enrolment == nil)
    }
}
