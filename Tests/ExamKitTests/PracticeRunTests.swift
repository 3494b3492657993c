import ExamKit
import Testing

/// Practice (corrected question by question) and self-test (a whole exam, corrected at the end).
@Suite struct PracticeRunTests {
    let bank = PracticeLibrary.Bank(id: "test", label: "TEST", profile: Fixtures.profile, questions: Fixtures.bank().questions)

    @Test func practiceCorrectsEachQuestionOnValidateAndMovesOnWhenAsked() throws {
        let clock = ManualClock()
        var run = try #require(PracticeRun.practice(profileName: "Lily", bank: bank, themes: ["vitesse"], timed: false, at: clock.now()))
        #expect(run.total == 8 && run.queue.count == 7 && run.position == 1)
        let first = try #require(run.attempt.currentQuestion)
        let chosen = run.choose(1, at: clock.now())
        #expect(chosen)
        clock.advance(by: .seconds(12))
        let validated = run.validate(at: clock.now())
        #expect(validated)
        #expect(run.corrected && run.outcomes.map(\.selected) == [[1]] && run.outcomes[0].question == first)
        #expect(run.timeUsed == [.seconds(12)])
        // Once corrected, nothing more is taken on that question.
        let late = (run.choose(0, at: clock.now()), run.validate(at: clock.now()))
        #expect(!late.0 && !late.1)
        #expect(run.position == 1)
        let moved = run.next(at: clock.now())
        #expect(moved)
        #expect(!run.corrected && run.position == 2 && run.queue.count == 6)
        #expect(!run.isOver)
    }

    @Test func aTimedPracticeQuestionOutOfTimeIsCorrectedUnanswered() throws {
        let clock = ManualClock()
        var run = try #require(PracticeRun.practice(profileName: "Lily", bank: bank, themes: ["passagers"], timed: true, at: clock.now()))
        clock.advance(by: .seconds(44))
        let early = run.update(at: clock.now())
        #expect(early.isEmpty && !run.corrected)
        clock.advance(by: .seconds(1))
        let closed = run.update(at: clock.now())
        #expect(!closed.isEmpty)
        #expect(run.corrected && run.outcomes.map(\.selected) == [[]])
        let review = run.review(title: "t", themeOrder: Fixtures.themeOrder)
        #expect(review.kind == .practice && review.card.right == 0 && review.card.total == 1)
    }

    @Test func practiceOverThemesWithoutQuestionsIsRefused() {
        #expect(PracticeRun.practice(profileName: "Lily", bank: bank, themes: ["inconnu"], timed: false, at: ManualClock().now()) == nil)
    }

    @Test func aSelfTestIsAWholeTimedExamOverAtItsLastDeadline() throws {
        let clock = ManualClock()
        var run = try PracticeRun.selfTest(profileName: "Lily", bank: bank, themeOrder: Fixtures.themeOrder, at: clock.now())
        #expect(run.total == 6 && run.attempt.timing.timed)
        let validated = run.validate(at: clock.now())
        #expect(!validated)  // no Enter to move on in exam conditions
        for position in 1...6 {
            #expect(run.position == position)
            let question = try #require(run.attempt.currentQuestion)
            for choice in question.answer { _ = run.choose(choice, at: clock.now()) }
            clock.advance(by: .seconds(45))
            _ = run.update(at: clock.now())
        }
        #expect(run.isOver)
        let review = run.review(title: "t", themeOrder: Fixtures.themeOrder)
        #expect(review.kind == .selfTest(passMark: 3) && review.card.right == 6 && review.card.passed)
        let result = review.result(mode: .selfTest, profileName: "Lily", bank: "TEST")
        #expect(result.passed == true && result.durationMs == 6 * 45_000)
    }
}
