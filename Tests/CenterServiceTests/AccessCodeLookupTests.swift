import CenterService
import ExamKit
import Foundation
import Testing

/// Logins find their enrolment by the typed code's hash under the session's salt (issue 17: a login
/// cost grew with the session, 80 logins/s at 5,000 candidates); codes made before still work.
@Suite struct AccessCodeLookupTests {
    typealias F = ContractFixtures

    @Test(arguments: RepositoryKind.allCases)
    func aHashFindsItsEnrolmentAndOnlyCodesWithSaltsOfTheirOwnAreLeftToCompare(kind: RepositoryKind) async throws {
        let repository = try await kind.make()
        let candidates = ["c1", "c2", "c3", "c4"].map { F.candidate($0) }
        _ = try await repository.upsertCandidates(candidates.map { F.upsert($0, key: .id($0.id)) }, newId: { "unused" })
        func shared(_ session: String, _ candidate: String) -> Enrolment {
            Enrolment(sessionNumber: session, candidateId: candidate, codeSalt: "partagé", codeHash: "h-\(candidate)",
                      extraTime: false, demoCode: nil)
        }
        // 100100: codes of the shared salt, and one older code with its own salt.
        #expect(try await repository.insertSession(F.session("100100"), enrolments: [
            shared("100100", "c1"), shared("100100", "c2"), F.enrolment("100100", "c3"),
        ]) == .inserted)
        // 200200: the same hash in another session is not found from 100100.
        #expect(try await repository.insertSession(F.session("200200"), enrolments: [shared("200200", "c4")]) == .inserted)

        let found = try await repository.enrolledCandidates(session: "100100", codeHash: "h-c2", sharedSalt: "partagé")
        #expect(found.map(\.enrolment.candidateId) == ["c2"])
        // Each with its candidate, as stored: the login's package needs nothing more.
        #expect(found.map(\.candidate) == [candidates[1]])
        #expect(found.first?.enrolment == shared("100100", "c2"))
        let unknown = try await repository.enrolledCandidates(session: "100100", codeHash: "h-c4", sharedSalt: "partagé")
        #expect(unknown.map(\.enrolment.candidateId) == ["c3"])
        #expect(unknown.map(\.candidate) == [candidates[2]])
        #expect(try await repository.enrolledCandidates(session: "200200", codeHash: "inconnu", sharedSalt: "partagé").isEmpty)
        #expect(try await repository.enrolledCandidates(session: "999999", codeHash: "h-c1", sharedSalt: "partagé").isEmpty)
    }

    @Test func aSessionsCodesShareItsSaltAreDistinctAndEachOpensItsOwnCandidate() async throws {
        let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let salt = created.session.accessCodeSalt
        let enrolments = try await center.repository.enrolments(session: created.session.number)
        #expect(enrolments.count == 3 && enrolments.allSatisfy { $0.codeSalt == salt })
        #expect(Set(enrolments.map(\.codeHash)).count == 3)
        #expect(Set(created.codes.map(\.code)).count == 3)
        for (candidate, code) in created.codes {
            let package = try await center.login(number: created.session.number, code: code, terminalId: "t-\(candidate.id)").get()
            #expect(package.candidateId == candidate.id)
        }
        // Another session's salt is another: the same code hashes differently there.
        let other = try await center.createSession(CenterService.SessionRequest(
            kind: .examen, profileId: "ASSR1", name: "Autre", startsAt: CenterFixtures.start))
        #expect(other.session.accessCodeSalt != salt)
        #expect(AccessCodeSalt.derive(sessionKey: created.session.resultKey) == salt)
    }

    @Test func aCodeMadeBeforeCodesSharedASaltStillLogsInAndAWrongOneIsRefused() async throws {
        let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        let lily = try #require(created.codes.first { $0.candidate.firstName == "Lily" })
        // As a center of the previous version stored it: a salt of its own.
        _ = try await center.repository.updateEnrolment(session: number, candidate: lily.candidate.id) { enrolment in
            var old = enrolment
            old.codeSalt = "0123456789abcdef0123456789abcdef"
            old.codeHash = SecretHash.hash("MNPQRSTU", salt: old.codeSalt)
            return old
        }
        let package = try await center.login(number: number, code: "mnpq-rstu", terminalId: "t1").get()
        #expect(package.candidateId == lily.candidate.id)
        #expect(try await center.login(number: number, code: "ZZZZ-ZZZZ", terminalId: "t2") == .failure(.wrongCode))
        // The others, on the shared salt, are found as before.
        let hugo = try #require(created.codes.first { $0.candidate.firstName == "Hugo" })
        #expect(try await center.login(number: number, code: hugo.code, terminalId: "t3").get().candidateId == hugo.candidate.id)
    }

    @Test func papillonsIssueFreshCodesOnTheSharedSaltDistinctFromTheOthers() async throws {
        let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(-3600))
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let number = created.session.number
        let fresh = try await center.papillonCodes(session: number, only: "Bernard Hugo")
        let hugo = try #require(created.codes.first { $0.candidate.firstName == "Hugo" })
        let code = try #require(fresh.codes[hugo.candidate.id])
        let enrolments = try await center.repository.enrolments(session: number)
        #expect(enrolments.allSatisfy { $0.codeSalt == created.session.accessCodeSalt })
        #expect(Set(enrolments.map(\.codeHash)).count == 3)
        clock.advance(3660)
        #expect(try await center.login(number: number, code: hugo.code, terminalId: "t1") == .failure(.wrongCode))
        #expect(try await center.login(number: number, code: code, terminalId: "t1").get().candidateId == hugo.candidate.id)
    }
}
