import ExamKit
import Foundation
import Testing

@Suite struct ScoringTests {
    @Test func allOrNothingPerQuestion() {
        let several = Fixtures.question(several: true)  // expects A and C
        #expect(QuestionOutcome(question: several, selected: [0, 2]).isCorrect)
        #expect(!QuestionOutcome(question: several, selected: [0]).isCorrect)
        #expect(!QuestionOutcome(question: several, selected: [0, 1, 2]).isCorrect)
        #expect(!QuestionOutcome(question: several, selected: []).isCorrect)
    }

    @Test func passMarkIsTenOutOfTwenty() {
        let questions = (0..<20).map { Fixtures.question(id: "\($0)") }  // expects B
        let ten = ScoreCard(questions: questions, selections: (0..<20).map { $0 < 10 ? [1] : [0] }, passMark: 10)
        #expect(ten.right == 10)
        #expect(ten.passed)
        let nine = ScoreCard(questions: questions, selections: (0..<20).map { $0 < 9 ? [1] : [] }, passMark: 10)
        #expect(nine.right == 9)
        #expect(!nine.passed)
        #expect(nine.errors == 11)
        // Missing selections count as unanswered.
        #expect(ScoreCard(questions: questions, selections: [], passMark: 10).right == 0)
    }

    @Test func perThemeStatisticsForOneAttemptAndAGroup() {
        let bank = Fixtures.bank(perTheme: 2)
        let questions = bank.questions  // circulation ×2, vitesse ×2, passagers ×2; all expect B
        let card = ScoreCard(questions: questions, selections: [[1], [1], [1], [0], [], []], passMark: 3)
        let stats = card.themeStats(themeOrder: Fixtures.themeOrder)
        #expect(stats == [
            ThemeStat(theme: "circulation", questions: 2, right: 2),
            ThemeStat(theme: "vitesse", questions: 2, right: 1),
            ThemeStat(theme: "passagers", questions: 2, right: 0),
        ])
        #expect(stats.map(\.percent) == [100, 50, 0])

        let other = ScoreCard(questions: questions, selections: Array(repeating: [1], count: 6), passMark: 3)
        let group = ThemeStat.table(cards: [card, other], themeOrder: Fixtures.themeOrder)
        #expect(group.map(\.questions) == [4, 4, 4])
        // Two candidates answered the same two questions per theme: 4 answers, 2 questions.
        #expect(group.map(\.distinctQuestions) == [2, 2, 2])
        #expect(group.map(\.right) == [4, 3, 2])
        #expect(group.map(\.percent) == [100, 75, 50])
        // Every theme under 50 %, worst first: none in the group, two for the first card.
        #expect(ThemeStat.weakest(group).isEmpty)
        let weak = [ThemeStat(theme: "circulation", questions: 4, right: 1), ThemeStat(theme: "vitesse", questions: 3, right: 0),
                    ThemeStat(theme: "passagers", questions: 2, right: 1), ThemeStat(theme: "equipements", questions: 5, right: 2)]
        #expect(ThemeStat.weakest(weak).map(\.theme) == ["vitesse", "circulation", "equipements"])
    }
}

@Suite struct SessionRulesTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func examIsActiveForThreeHours() {
        let window = SessionWindow(kind: .examen, start: start)
        #expect(window.state(at: start.addingTimeInterval(-1)) == .upcoming)
        #expect(window.state(at: start) == .active)
        #expect(window.state(at: start.addingTimeInterval(3 * 3600 - 1)) == .active)
        #expect(window.state(at: start.addingTimeInterval(3 * 3600)) == .finished)
    }

    @Test func trainingIsActiveForThreeDays() {
        let window = SessionWindow(kind: .entrainement, start: start)
        #expect(window.state(at: start.addingTimeInterval(3 * 86400 - 1)) == .active)
        #expect(window.state(at: start.addingTimeInterval(3 * 86400)) == .finished)
    }

    @Test func demoSessionsAreAlwaysActive() {
        let window = SessionWindow(kind: .examen, start: start, alwaysActive: true)
        #expect(window.state(at: start.addingTimeInterval(-86400)) == .active)
        #expect(window.state(at: start.addingTimeInterval(86400 * 365)) == .active)
    }

    @Test func accessCodesAreTypedAnyWay() {
        #expect(AccessCode.normalize("abcd-efgh") == "ABCDEFGH")
        #expect(AccessCode.normalize("ABCDEFGH") == "ABCDEFGH")
        #expect(AccessCode.normalize(" abcd efgh ") == "ABCDEFGH")
        #expect(AccessCode.normalize("ABCDEFG") == nil)
        #expect(AccessCode.normalize("ABCDEFGI") == nil)  // I is not in the alphabet
        #expect(AccessCode.normalize("ABCD0FGH") == nil)  // neither is 0
        #expect(AccessCode.formatted("ABCDEFGH") == "ABCD-EFGH")
        var generator = SeededGenerator(seed: "codes")
        let codes = (0..<200).map { _ in AccessCode.generate(using: &generator) }
        #expect(codes.allSatisfy { AccessCode.normalize($0) == $0 })
        #expect(Set(codes).count == 200)
    }

    @Test func sixDigitNumbers() {
        var generator = SeededGenerator(seed: "n")
        let numbers = (0..<100).map { _ in SixDigits.generate(using: &generator) }
        #expect(numbers.allSatisfy(SixDigits.isValid))
        #expect(!SixDigits.isValid("12345"))
        #expect(!SixDigits.isValid("12345a"))
    }

    @Test func fiveWrongCodesLockForSixtySecondsThenDoubling() {
        var throttle = LoginThrottle()
        var now = start
        for _ in 0..<4 { throttle.recordFailure(at: now) }
        #expect(throttle.wait(at: now) == nil)
        throttle.recordFailure(at: now)
        #expect(throttle.wait(at: now) == 60)
        now = now.addingTimeInterval(60)
        #expect(throttle.wait(at: now) == nil)
        for _ in 0..<5 { throttle.recordFailure(at: now) }
        #expect(throttle.wait(at: now) == 120)
        now = now.addingTimeInterval(120)
        for _ in 0..<5 { throttle.recordFailure(at: now) }
        #expect(throttle.wait(at: now) == 240)
        throttle.recordSuccess()
        #expect(throttle.wait(at: now) == nil)
        for _ in 0..<5 { throttle.recordFailure(at: now) }
        #expect(throttle.wait(at: now) == 60)
    }
}

struct HexTests {
    @Test func lowercasePairsOfDigitsForEveryByte() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode(Array(0...255)) == (0...255).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
    }
}
