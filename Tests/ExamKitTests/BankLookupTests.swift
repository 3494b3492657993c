import ExamKit
import Testing

/// The center finds each question of a session by id for every login and result.
@Suite struct BankLookupTests {
    @Test func aQuestionIsFoundByIdInItsBankAndAcrossBanks() {
        let first = Fixtures.question(id: "q-1"), second = Fixtures.question(id: "q-2")
        let repeated = Question(id: "q-1", theme: "vitesse", competence: "c", prompt: "doublon", choices: ["a", "b"], answer: [0],
                                explanation: "e")
        let bank = Bank(id: "b", questions: [first, second, repeated])
        #expect(bank.question(id: "q-2") == second)
        // Should an id repeat, the first one, as a search from the start would find.
        #expect(bank.question(id: "q-1") == first)
        #expect(bank.question(id: "q-3") == nil)
        let other = Bank(id: "c", questions: [Fixtures.question(id: "r-1")])
        let catalog = Catalog(themes: [], profiles: [], banks: ["b": bank, "c": other], digest: "d")
        #expect(catalog.question(id: "r-1")?.id == "r-1")
        #expect(catalog.question(id: "q-2") == second)
        #expect(catalog.question(id: "absente") == nil)
    }
}
