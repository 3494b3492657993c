import ExamKit
import PropertyBased
import Testing

@Suite struct CompositionTests {
    @Test func meetsQuotasAndIsDeterministicForASeed() async {
        await propertyCheck(count: 200, input: Gen.letterOrNumber.string(of: 1...24)) { seed in
            let bank = Fixtures.bank()
            let first = try? SessionComposer.compose(profile: Fixtures.profile, bank: bank, seed: seed, themeOrder: Fixtures.themeOrder)
            let second = try? SessionComposer.compose(profile: Fixtures.profile, bank: bank, seed: seed, themeOrder: Fixtures.themeOrder)
            #expect(first != nil)
            #expect(first == second)
            let questions = first ?? []
            #expect(questions.count == 6)
            #expect(Set(questions.map(\.id)).count == 6)
            for (theme, quota) in Fixtures.profile.quotas {
                #expect(questions.count { $0.theme == theme } == quota)
            }
            // Grouped by theme in display order.
            #expect(questions.map(\.theme) == ["circulation", "circulation", "circulation", "vitesse", "vitesse", "passagers"])
        }
    }

    @Test func differentSeedsDrawDifferentSets() throws {
        let bank = Fixtures.bank(perTheme: 30)
        let sets = try (0..<20).map { seed in
            Set(try SessionComposer.compose(profile: Fixtures.profile, bank: bank, seed: "s\(seed)", themeOrder: Fixtures.themeOrder).map(\.id))
        }
        #expect(Set(sets).count > 15)
    }

    @Test func doesNotDependOnFileOrder() throws {
        let bank = Fixtures.bank()
        let reversed = Bank(id: "test", questions: bank.questions.reversed())
        let a = try SessionComposer.compose(profile: Fixtures.profile, bank: bank, seed: "x", themeOrder: Fixtures.themeOrder)
        let b = try SessionComposer.compose(profile: Fixtures.profile, bank: reversed, seed: "x", themeOrder: Fixtures.themeOrder)
        #expect(a == b)
    }

    @Test func tooFewQuestionsInAThemeIsAClearError() {
        let bank = Bank(id: "test", questions: Fixtures.bank(perTheme: 2).questions)
        #expect(throws: SessionComposer.Failure.notEnoughQuestions(profile: "TEST", theme: "circulation", needed: 3, available: 2)) {
            try SessionComposer.compose(profile: Fixtures.profile, bank: bank, seed: "x", themeOrder: Fixtures.themeOrder)
        }
        let failure = SessionComposer.Failure.notEnoughQuestions(profile: "TEST", theme: "circulation", needed: 3, available: 2)
        #expect(failure.description.contains("circulation"))
    }

    @Test func quotasThatDoNotAddUpAreRefused() {
        let profile = Profile(id: "BAD", title: "", bank: "test", questionCount: 20, answerSeconds: 45,
                              extraTimeAnswerSeconds: 60, passMark: 10, quotas: ["circulation": 3])
        let failures = SessionComposer.check(profile: profile, bank: Fixtures.bank())
        #expect(failures.contains(.quotasDoNotAddUp(profile: "BAD", sum: 3, expected: 20)))
    }
}

@Suite struct CandidateOrderTests {
    @Test func isAPermutationReproducibleForTheSameCandidate() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...40), Gen.letterOrNumber.string(of: 1...16)) { count, candidate in
            let first = CandidateOrder.permutation(count: count, sessionSeed: "seed-1", candidateId: candidate)
            let again = CandidateOrder.permutation(count: count, sessionSeed: "seed-1", candidateId: candidate)
            #expect(first == again)
            #expect(first.sorted() == Array(0..<count))
        }
    }

    @Test func neighboursGetDifferentOrders() {
        let orders = (1...30).map { CandidateOrder.permutation(count: 20, sessionSeed: "session", candidateId: "cand-\($0)") }
        #expect(Set(orders).count == 30)
        // Neighbours rarely share the first question.
        let sameFirst = zip(orders, orders.dropFirst()).count { $0[0] == $1[0] }
        #expect(sameFirst < 10)
    }

    @Test func theSessionSeedMatters() {
        let a = CandidateOrder.permutation(count: 20, sessionSeed: "a", candidateId: "c")
        let b = CandidateOrder.permutation(count: 20, sessionSeed: "b", candidateId: "c")
        #expect(a != b)
    }

    /// A frozen vector: the center must reproduce orders made by earlier releases.
    @Test func orderIsStableAcrossReleases() {
        let order = CandidateOrder.permutation(count: 10, sessionSeed: "0123456789abcdef", candidateId: "demo-lily")
        #expect(order == CandidateOrder.permutation(count: 10, sessionSeed: "0123456789abcdef", candidateId: "demo-lily"))
        #expect(order == Self.frozen)
    }

    static let frozen: [Int] = [0, 7, 2, 9, 1, 8, 4, 6, 5, 3]
}
