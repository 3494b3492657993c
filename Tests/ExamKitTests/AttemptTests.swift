import ExamKit
import Testing

@Suite struct AttemptTests {
    let clock = ManualClock()

    func started(_ questions: [Question], seconds: Int = 45, timed: Bool = true) -> Attempt {
        var attempt = Attempt(questions: questions, timing: AttemptTiming(answerSeconds: seconds, timed: timed))
        _ = attempt.start(at: clock.now())
        return attempt
    }

    @Test func answeringTimerMovesOnAtTheDeadline() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(id: "2")])
        #expect(attempt.index == 0)
        #expect(attempt.remaining(at: clock.now()) == .seconds(45))
        clock.advance(by: .milliseconds(44_999))
        #expect(attempt.update(at: clock.now()).isEmpty)
        clock.advance(by: .milliseconds(1))
        let events = attempt.update(at: clock.now())
        #expect(events == [
            .questionClosed(index: 0, selection: [], timeUsed: .seconds(45)),
            .answeringStarted(index: 1),
        ])
        #expect(attempt.index == 1)
        clock.advance(by: .seconds(45))
        #expect(attempt.update(at: clock.now()).last == .finished)
        #expect(attempt.isFinished)
    }

    @Test func extraTimeGivesSixtySeconds() {
        var attempt = Attempt(questions: [Fixtures.question()], timing: .exam(Fixtures.profile, extraTime: true))
        _ = attempt.start(at: clock.now())
        #expect(attempt.remaining(at: clock.now()) == .seconds(60))
        clock.advance(by: .seconds(59))
        #expect(attempt.update(at: clock.now()).isEmpty)
    }

    @Test func situationPhaseComesFirstAndTakesNoAnswer() {
        var attempt = started([Fixtures.question(situationSeconds: 8)])
        #expect(attempt.phase == .situation(deadline: clock.now() + .seconds(8)))
        #expect(attempt.choose(1, at: clock.now()) == nil)
        clock.advance(by: .seconds(8))
        #expect(attempt.update(at: clock.now()) == [.answeringStarted(index: 0)])
        #expect(attempt.remaining(at: clock.now()) == .seconds(45))
        #expect(attempt.choose(1, at: clock.now()) == .selectionChanged(index: 0, selection: [1]))
    }

    @Test func aLateWakeUpCrossesSeveralDeadlinesWithoutDrift() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(situationSeconds: 5, id: "2"), Fixtures.question(id: "3")])
        let start = clock.now()
        clock.advance(by: .seconds(45 + 5 + 10))
        let events = attempt.update(at: clock.now())
        #expect(events == [
            .questionClosed(index: 0, selection: [], timeUsed: .seconds(45)),
            .situationStarted(index: 1),
            .answeringStarted(index: 1),
        ])
        #expect(attempt.index == 1)
        // Question 2's answering deadline is counted from the scheduled instants, not from the wake-up.
        #expect(attempt.nextDeadline == start + .seconds(45 + 5 + 45))
    }

    @Test func singleAnswerReplacesAndSeveralToggle() {
        var single = started([Fixtures.question(several: false)])
        _ = single.choose(0, at: clock.now())
        _ = single.choose(2, at: clock.now())
        #expect(single.selections[0] == [2])
        #expect(single.choose(2, at: clock.now()) == nil)  // choosing it again changes nothing

        var multiple = started([Fixtures.question(several: true)])
        _ = multiple.choose(0, at: clock.now())
        _ = multiple.choose(2, at: clock.now())
        #expect(multiple.selections[0] == [0, 2])
        #expect(multiple.choose(0, at: clock.now()) == .selectionChanged(index: 0, selection: [2]))
        #expect(multiple.choose(7, at: clock.now()) == nil)
    }

    @Test func aQuestionWithoutItsKeyKeepsItsBanner() {
        let question = Fixtures.question(several: true).withoutKey()
        #expect(question.answer.isEmpty)
        #expect(question.explanation.isEmpty)
        #expect(question.expectsSeveralAnswers)
        var attempt = started([question])
        _ = attempt.choose(0, at: clock.now())
        _ = attempt.choose(1, at: clock.now())
        #expect(attempt.selections[0] == [0, 1])
    }

    @Test func timedAttemptsIgnoreValidateAndNeverGoBack() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(id: "2")])
        #expect(attempt.validate(at: clock.now()).isEmpty)
        #expect(attempt.index == 0)
        clock.advance(by: .seconds(45))
        _ = attempt.update(at: clock.now())
        #expect(attempt.choose(1, at: clock.now()) == .selectionChanged(index: 1, selection: [1]))
        #expect(attempt.selections[0] == [])  // the first question is closed for good
    }

    @Test func untimedAttemptsMoveOnWhenValidated() {
        var attempt = started([Fixtures.question(situationSeconds: 8, id: "1"), Fixtures.question(id: "2")], timed: false)
        #expect(attempt.nextDeadline == nil)
        #expect(attempt.phase == .answering(deadline: nil))  // situation shown with the question, no wait
        _ = attempt.choose(1, at: clock.now())
        clock.advance(by: .seconds(300))
        #expect(attempt.update(at: clock.now()).isEmpty)
        let events = attempt.validate(at: clock.now())
        #expect(events == [.questionClosed(index: 0, selection: [1], timeUsed: .seconds(300)), .answeringStarted(index: 1)])
        #expect(attempt.validate(at: clock.now()).last == .finished)
    }

    @Test func finishEndsNowKeepingAnswers() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(id: "2")])
        _ = attempt.choose(1, at: clock.now())
        clock.advance(by: .seconds(10))
        let events = attempt.finish(at: clock.now())
        #expect(events == [.questionClosed(index: 0, selection: [1], timeUsed: .seconds(10)), .finished])
        #expect(attempt.isFinished)
        #expect(attempt.choose(0, at: clock.now()) == nil)
    }

    @Test func snapshotResumesWithTheTimeThatWasLeft() {
        let questions = [Fixtures.question(id: "1"), Fixtures.question(several: true, id: "2"), Fixtures.question(id: "3")]
        var attempt = started(questions)
        _ = attempt.choose(1, at: clock.now())
        clock.advance(by: .seconds(45))
        _ = attempt.update(at: clock.now())
        _ = attempt.choose(0, at: clock.now())
        _ = attempt.choose(2, at: clock.now())
        clock.advance(by: .seconds(17))
        let snapshot = attempt.snapshot(at: clock.now())
        #expect(snapshot.index == 1)
        #expect(snapshot.phase == .answering)
        #expect(snapshot.remainingMs == 28_000)
        #expect(snapshot.selections == [[1], [0, 2], []])
        #expect(snapshot.timeUsedMs == [45_000, 17_000, 0])

        // The power comes back ten minutes later: the question goes on with 28 s, answers kept.
        clock.advance(by: .seconds(600))
        var resumed = Attempt(resuming: snapshot, questions: questions, timing: attempt.timing, at: clock.now())
        #expect(resumed.index == 1)
        #expect(resumed.selections == [[1], [0, 2], []])
        #expect(resumed.remaining(at: clock.now()) == .seconds(28))
        clock.advance(by: .seconds(28))
        let events = resumed.update(at: clock.now())
        #expect(events.first == .questionClosed(index: 1, selection: [0, 2], timeUsed: .seconds(45)))
        #expect(resumed.index == 2)
    }

    @Test func snapshotDuringSituationResumesTheSituation() {
        let questions = [Fixtures.question(situationSeconds: 10)]
        var attempt = started(questions)
        clock.advance(by: .seconds(4))
        let snapshot = attempt.snapshot(at: clock.now())
        #expect(snapshot.phase == .situation)
        let resumed = Attempt(resuming: snapshot, questions: questions, timing: attempt.timing, at: clock.now())
        #expect(resumed.phase == .situation(deadline: clock.now() + .seconds(6)))
        _ = attempt.update(at: clock.now())
    }

    @Test func snapshotIsCodableRoundTrip() throws {
        let snapshot = AttemptSnapshot(index: 3, phase: .answering, remainingMs: 1234, selections: [[0], [1, 2]], timeUsedMs: [1, 2])
        #expect(snapshot.index == 3)
        #expect(snapshot == AttemptSnapshot(index: 3, phase: .answering, remainingMs: 1234, selections: [[0], [1, 2]], timeUsedMs: [1, 2]))
    }
}
