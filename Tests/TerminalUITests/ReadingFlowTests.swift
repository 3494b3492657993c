import ExamKit
import Testing
@testable import TerminalUI

/// Reading aloud through the interface (DESIGN §15): what is said and when, on a manual clock.
@Suite struct ReadingFlowTests {
    func said(_ effects: [AppEffect]) -> [String] {
        effects.compactMap { if case let .say(text, _) = $0 { text } else { nil } }
    }

    @Test func eachQuestionIsReadAfterItsJournalEntryAndTheTimerStartsAfterTheReading() throws {
        var s = Session(configuration: Fixture.configuration(reading: Fixture.readAloud))
        s.startExam()
        let start = s.effects.suffix(3)
        // The journal holds the start before the voice says anything.
        #expect(start.compactMap(\.journalEvent).first == .readingStarted(index: 0))
        let first = try #require(said(Array(start)).first)
        #expect(first.hasPrefix("Question 1 sur 20.\nSur un hoverboard, l'utilisateur :\nUne seule réponse est attendue.\nRéponse A : "))
        if case let .say(_, rate) = start.last! { #expect(rate == AttemptTiming.defaultReadingWordsPerMinute) }

        // No answer while the question is read.
        #expect(s.press(.character("a")).isEmpty)
        let reading = try #require(s.app.runningAttempt(at: s.now)?.snapshot.remainingMs)
        let answering = s.advance(.milliseconds(reading))
        #expect(answering.compactMap(\.journalEvent) == [.answeringStarted(index: 0)])
        #expect(s.frame().text.contains("0:45"))
        #expect(s.press(.character("a")).first?.journalEvent == .selectionChanged(index: 0, selection: [0]))
    }

    @Test func theTimeLeftIsSaidAt30And10SecondsAndLAndMSpeak() throws {
        var s = Session(configuration: Fixture.configuration(reading: Fixture.readAloud))
        s.startExam()
        let reading = try #require(s.app.runningAttempt(at: s.now)?.snapshot.remainingMs)
        s.advance(.milliseconds(reading))
        #expect(said(s.advance(.seconds(14))).isEmpty)           // 31 s left
        #expect(said(s.advance(.seconds(1))) == ["Il reste 30 secondes."])
        #expect(said(s.advance(.seconds(1))).isEmpty)
        #expect(said(s.advance(.seconds(19))) == ["Il reste 10 secondes."])

        #expect(said(s.press(.character("l"))).first?.hasPrefix("Question 1 sur 20.") == true)
        s.press(.character("b"))
        #expect(said(s.press(.character("M"))) == ["B, cochée.\nn'a pas le droit de circuler sur le trottoir."])
        s.press(.down)
        #expect(said(s.press(.character("m"))) == ["C, non cochée.\ndoit porter un casque."])
        // The next question is read as it starts.
        let next = s.advance(.seconds(10))
        #expect(said(next).first?.hasPrefix("Question 2 sur 20.") == true)
    }

    @Test func theEndSilencesTheVoiceAndWithoutReadingNothingIsSaid() {
        var s = Session(configuration: Fixture.configuration(reading: Fixture.readAloud))
        s.startExam(Fixture.grant(questions: [Fixture.single]))
        s.advance(.seconds(120))
        #expect(s.effects.contains { if case .stopSpeaking = $0 { true } else { false } })

        var silent = Session()
        silent.startExam()
        silent.press(.character("l"), .character("m"))
        silent.advance(.seconds(45))
        #expect(said(silent.effects).isEmpty)
        #expect(silent.effects.compactMap(\.journalEvent).first == .answeringStarted(index: 0))
    }

    @Test func anAERSessionAsksForAVoiceAndReadsOnceItIsReady() throws {
        var s = Session()
        var grant = Fixture.grant()
        grant.timing = grant.timing.reading(wordsPerMinute: 160)
        s.logIn(grant)
        #expect(s.effects.contains { if case .prepareSpeech = $0 { true } else { false } })
        s.respond(.speechPrepared(problem: nil))
        s.press(.enter, .enter, .enter, .enter, .enter)
        #expect(s.frame().text.contains("Les questions sont lues à voix haute."))
        s.press(.enter)
        #expect(said(s.effects).first?.hasPrefix("Question 1 sur 20.") == true)
    }

    /// A resume on a terminal whose voice is still being made: the question goes on unread with its
    /// time left; once the voice is ready it is read at once, its time unchanged, and the next
    /// question gets its reading phase.
    @Test func aResumeWhileTheVoiceIsPreparedIsReadOnceTheVoiceIsReady() throws {
        var s = Session()
        var grant = Fixture.grant()
        grant.timing = grant.timing.reading(wordsPerMinute: 160)
        grant.resume = AttemptSnapshot(index: 2, phase: .answering, remainingMs: 20_000, selections: Array(repeating: [], count: 20),
                                       timeUsedMs: Array(repeating: 0, count: 20))
        s.logIn(grant)
        #expect(s.effects.contains { if case .prepareSpeech = $0 { true } else { false } })
        #expect(said(s.effects).isEmpty)
        s.advance(.seconds(1))
        let spoken = said(s.respond(.speechPrepared(problem: nil)))
        #expect(spoken.count == 1 && spoken[0].hasPrefix("Question 3 sur 20."))
        #expect(s.app.runningAttempt(at: s.now)?.snapshot.remainingMs == 19_000)
        let next = s.advance(.seconds(19))
        #expect(next.compactMap(\.journalEvent).contains(.readingStarted(index: 3)))
        #expect(said(next).first?.hasPrefix("Question 4 sur 20.") == true)
    }

    @Test func aResumeBeforeTheFirstQuestionIsReadFromItsStart() throws {
        var s = Session()
        var grant = Fixture.grant()
        grant.timing = grant.timing.reading(wordsPerMinute: 160)
        grant.resume = AttemptSnapshot(index: 0, phase: .notStarted, remainingMs: nil, selections: Array(repeating: [], count: 20),
                                       timeUsedMs: Array(repeating: 0, count: 20))
        s.logIn(grant)
        s.respond(.speechPrepared(problem: nil))
        #expect(s.frame().text.contains("Les questions sont lues à voix haute."))
        let started = s.press(.enter)
        #expect(started.compactMap(\.journalEvent).first == .readingStarted(index: 0))
        #expect(said(started).first?.hasPrefix("Question 1 sur 20.") == true)
    }

    @Test func withoutAVoiceTheAERSessionRunsUnreadAndSaysWhy() {
        var s = Session()
        var grant = Fixture.grant()
        grant.timing = grant.timing.reading(wordsPerMinute: 160)
        s.logIn(grant)
        s.respond(.speechPrepared(problem: Fixture.noEspeak))
        s.press(.enter, .enter, .enter, .enter, .enter)
        #expect(s.frame().text.contains("La lecture à voix haute n'est pas disponible sur ce poste"))
        s.press(.enter)
        #expect(said(s.effects).isEmpty)
        #expect(s.effects.compactMap(\.journalEvent).first == .answeringStarted(index: 0))
    }

    @Test func theRateOfDebitWinsOverTheSessions() throws {
        var s = Session(configuration: Fixture.configuration(reading: ReadingPreference(always: true, wordsPerMinute: 240, voice: .ready)))
        var grant = Fixture.grant()
        grant.timing = grant.timing.reading(wordsPerMinute: 160)
        s.startExam(grant)
        let rates = s.effects.compactMap { if case let .say(_, rate) = $0 { rate } else { nil } }
        #expect(rates == [240])
    }

    @Test func aScreenReaderFrameChangesOnlyEveryTenSecondsAndHoldsTheCursorOnTheFocus() throws {
        var s = Session(configuration: Fixture.configuration(reading: ReadingPreference(screenReader: true)))
        s.startExam()
        s.press(.down)
        s.advance(.seconds(6))          // 39 s left
        let early = s.frame()
        s.advance(.seconds(8))          // 31 s left
        let late = s.frame()
        #expect(early.text == late.text)
        #expect(early.text.contains("Temps restant : moins de quarante secondes."))
        let focused = try #require(early.row(containing: "> ( ) B"))
        #expect(early.cursor?.y == focused)
        #expect(!early.text.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) })
        s.advance(.seconds(1))          // 30 s left
        #expect(s.frame().text.contains("Temps restant : moins de trente secondes."))
    }

    @Test func practiceReadsEachQuestionAndItsCorrection() throws {
        var s = Session(configuration: Fixture.configuration(reading: Fixture.readAloud))
        s.app.enablePractice(PracticeFixture.library(profiles: ["Lily"]))
        s.startPractice(rows: [0])
        let question = try #require(s.practiceQuestion)
        let first = try #require(said(s.effects).last)
        #expect(first.hasPrefix(ReadingScript.question(question).parts[0]))
        #expect(!first.hasPrefix("Question 1 sur"))
        s.answer(right: true)
        let corrected = said(s.press(.enter))
        #expect(corrected.first?.hasPrefix("Correct.\nRéponse attendue : ") == true)
        #expect(said(s.press(.character("l"))) == corrected)
        s.press(.enter) // Question suivante
        let next = try #require(s.practiceQuestion)
        #expect(said(s.effects).last == ReadingScript.question(next).text)
    }
}
