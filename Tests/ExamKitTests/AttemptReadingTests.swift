import ExamKit
import Foundation
import Testing

/// The read-aloud timing rule: each timed question is first read (a phase as long as its estimated
/// reading), then its situation, then the same answering time as without reading.
@Suite struct AttemptReadingTests {
    let clock = ManualClock()
    let pace = 160

    func started(_ questions: [Question], seconds: Int = 45, timed: Bool = true, pace: Int? = 160) -> Attempt {
        var attempt = Attempt(questions: questions,
                              timing: AttemptTiming(answerSeconds: seconds, timed: timed, readingWordsPerMinute: pace))
        _ = attempt.start(at: clock.now())
        return attempt
    }

    func readingTime(_ attempt: Attempt, _ index: Int) -> Duration {
        attempt.readingScript(ofQuestionAt: index)!.estimatedDuration(wordsPerMinute: pace)
    }

    @Test func readingComesFirstThenTheSituationThenTheWholeAnsweringTime() {
        var attempt = Attempt(questions: [Fixtures.question(situationSeconds: 8)],
                              timing: AttemptTiming(answerSeconds: 45, readingWordsPerMinute: pace))
        let start = clock.now()
        #expect(attempt.start(at: start) == [.readingStarted(index: 0)])
        let reading = readingTime(attempt, 0)
        #expect(reading > .seconds(1))
        #expect(attempt.phase == .reading(deadline: start + reading))
        #expect(attempt.remaining(at: start) == reading)
        #expect(attempt.choose(1, at: start) == nil)  // no answer while the question is read

        clock.advance(by: reading - .milliseconds(1))
        #expect(attempt.update(at: clock.now()).isEmpty)
        clock.advance(by: .milliseconds(1))
        #expect(attempt.update(at: clock.now()) == [.situationStarted(index: 0)])
        #expect(attempt.phase == .situation(deadline: start + reading + .seconds(8)))
        clock.advance(by: .seconds(8))
        #expect(attempt.update(at: clock.now()) == [.answeringStarted(index: 0)])
        #expect(attempt.remaining(at: clock.now()) == .seconds(45))
        #expect(attempt.choose(1, at: clock.now()) == .selectionChanged(index: 0, selection: [1]))
    }

    @Test func aListeningPupilHasTheSameAnsweringTimeAsAReadingOne() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(several: true, id: "2")])
        let start = clock.now()
        let first = readingTime(attempt, 0)
        let second = readingTime(attempt, 1)
        clock.advance(by: first)
        #expect(attempt.update(at: clock.now()) == [.answeringStarted(index: 0)])
        _ = attempt.choose(2, at: clock.now())
        clock.advance(by: .seconds(45))
        #expect(attempt.update(at: clock.now()) == [
            .questionClosed(index: 0, selection: [2], timeUsed: .seconds(45)),  // reading is not answering time
            .readingStarted(index: 1),
        ])
        #expect(attempt.nextDeadline == start + first + .seconds(45) + second)
        clock.advance(by: second)
        #expect(attempt.update(at: clock.now()) == [.answeringStarted(index: 1)])
        clock.advance(by: .seconds(45))
        #expect(attempt.update(at: clock.now()) == [
            .questionClosed(index: 1, selection: [], timeUsed: .seconds(45)), .finished,
        ])
    }

    @Test func extraTimeAppliesOnTopOfTheReading() {
        var attempt = Attempt(questions: [Fixtures.question()],
                              timing: .exam(Fixtures.profile, extraTime: true, readingWordsPerMinute: pace))
        _ = attempt.start(at: clock.now())
        clock.advance(by: readingTime(attempt, 0))
        #expect(attempt.update(at: clock.now()) == [.answeringStarted(index: 0)])
        #expect(attempt.remaining(at: clock.now()) == .seconds(60))
    }

    @Test func aSlowerVoiceGivesALongerReadingPhaseAndTheSameAnsweringTime() {
        let question = Fixtures.question()
        let slow = started([question], pace: 120)
        let fast = started([question], pace: 240)
        let slowReading = slow.remaining(at: clock.now())!
        let fastReading = fast.remaining(at: clock.now())!
        #expect(slowReading > fastReading)
        #expect(slowReading == ReadingScript.question(question).estimatedDuration(wordsPerMinute: 120))
    }

    @Test func aLateWakeUpCrossesReadingAndAnsweringWithoutDrift() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(situationSeconds: 5, id: "2"),
                               Fixtures.question(id: "3")])
        let start = clock.now()
        let (first, second) = (readingTime(attempt, 0), readingTime(attempt, 1))
        clock.advance(by: first + .seconds(45) + second + .seconds(5) + .seconds(10))
        #expect(attempt.update(at: clock.now()) == [
            .answeringStarted(index: 0),
            .questionClosed(index: 0, selection: [], timeUsed: .seconds(45)),
            .readingStarted(index: 1),
            .situationStarted(index: 1),
            .answeringStarted(index: 1),
        ])
        #expect(attempt.nextDeadline == start + first + .seconds(45) + second + .seconds(5) + .seconds(45))
    }

    @Test func untimedAttemptsReadWithoutHoldingTheAnswers() {
        var attempt = Attempt(questions: [Fixtures.question(situationSeconds: 8, id: "1"), Fixtures.question(id: "2")],
                              timing: AttemptTiming(answerSeconds: 45, timed: false, readingWordsPerMinute: pace))
        #expect(attempt.start(at: clock.now()) == [.readingStarted(index: 0), .answeringStarted(index: 0)])
        #expect(attempt.phase == .answering(deadline: nil))
        #expect(attempt.choose(1, at: clock.now()) == .selectionChanged(index: 0, selection: [1]))
        #expect(attempt.validate(at: clock.now()) == [
            .questionClosed(index: 0, selection: [1], timeUsed: .zero), .readingStarted(index: 1), .answeringStarted(index: 1),
        ])
    }

    @Test func withoutAPaceNothingIsRead() {
        var attempt = Attempt(questions: [Fixtures.question()], timing: AttemptTiming(answerSeconds: 45))
        #expect(attempt.start(at: clock.now()) == [.answeringStarted(index: 0)])
        #expect(attempt.readingDuration(ofQuestionAt: 0) == nil)
    }

    @Test func finishDuringTheReadingClosesNothing() {
        var attempt = started([Fixtures.question(id: "1"), Fixtures.question(id: "2")])
        clock.advance(by: .seconds(1))
        #expect(attempt.finish(at: clock.now()) == [.finished])
    }

    @Test func theReadingScriptNumbersTheQuestionWhenThereAreSeveral() {
        let attempt = started([Fixtures.question(id: "1"), Fixtures.question(several: true, id: "2")])
        #expect(attempt.currentReadingScript?.parts.first == "Question 1 sur 2.")
        #expect(attempt.readingScript(ofQuestionAt: 1)?.parts.first == "Question 2 sur 2.")
        #expect(attempt.readingScript(ofQuestionAt: 1)?.parts.contains(ReadingScript.severalAnswersExpected) == true)
        let single = started([Fixtures.question()])
        #expect(single.currentReadingScript == ReadingScript.question(Fixtures.question()))
    }

    @Test func aResumedReadingPhaseReadsTheQuestionAgainFromItsStart() {
        let questions = [Fixtures.question(id: "1"), Fixtures.question(situationSeconds: 6, id: "2")]
        var attempt = started(questions)
        _ = attempt.choose(0, at: clock.now())  // refused: still reading
        clock.advance(by: .seconds(2))
        let snapshot = attempt.snapshot(at: clock.now())
        #expect(snapshot.phase == .reading)
        #expect(snapshot.remainingMs == (readingTime(attempt, 0) - .seconds(2)).millisecondsValue)
        #expect(snapshot.timeUsedMs == [0, 0])

        clock.advance(by: .seconds(600))
        var resumed = Attempt(resuming: snapshot, questions: questions, timing: attempt.timing, at: clock.now())
        let reading = readingTime(resumed, 0)
        #expect(resumed.phase == .reading(deadline: clock.now() + reading))
        clock.advance(by: reading)
        #expect(resumed.update(at: clock.now()) == [.answeringStarted(index: 0)])
        #expect(resumed.remaining(at: clock.now()) == .seconds(45))
    }

    @Test func aReadingSnapshotResumedWithoutReadingGoesOnWithTheWholeQuestion() {
        let questions = [Fixtures.question(situationSeconds: 6)]
        let attempt = started(questions)
        let snapshot = attempt.snapshot(at: clock.now())
        let resumed = Attempt(resuming: snapshot, questions: questions, timing: AttemptTiming(answerSeconds: 45),
                              at: clock.now())
        #expect(resumed.phase == .situation(deadline: clock.now() + .seconds(6)))
    }

    @Test func timingWithoutReadingDecodesFromOlderJSONAndEncodesTheSame() throws {
        let old = try JSONDecoder().decode(AttemptTiming.self, from: Data(#"{"answerSeconds":45,"timed":true}"#.utf8))
        #expect(old == AttemptTiming(answerSeconds: 45, timed: true))
        #expect(old.readingWordsPerMinute == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(old), as: UTF8.self) == #"{"answerSeconds":45,"timed":true}"#)
        let reading = old.reading(wordsPerMinute: 150)
        #expect(String(decoding: try encoder.encode(reading), as: UTF8.self)
            == #"{"answerSeconds":45,"readingWordsPerMinute":150,"timed":true}"#)
        #expect(try JSONDecoder().decode(AttemptTiming.self, from: encoder.encode(reading)) == reading)
    }

    @Test func snapshotsKeepTheirFormatAndGainTheReadingPhase() throws {
        let old = #"{"index":1,"phase":"answering","remainingMs":12000,"selections":[[1],[]],"timeUsedMs":[45000,33000]}"#
        let decoded = try JSONDecoder().decode(AttemptSnapshot.self, from: Data(old.utf8))
        #expect(decoded == AttemptSnapshot(index: 1, phase: .answering, remainingMs: 12000, selections: [[1], []],
                                           timeUsedMs: [45000, 33000]))
        let reading = AttemptSnapshot(index: 0, phase: .reading, remainingMs: 900, selections: [[]], timeUsedMs: [0])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(reading), as: UTF8.self)
            == #"{"index":0,"phase":"reading","remainingMs":900,"selections":[[]],"timeUsedMs":[0]}"#)
    }
}
