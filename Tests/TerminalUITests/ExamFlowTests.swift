import ExamKit
import Testing
@testable import TerminalUI

/// The attempt through the interface: choices, journal, deadlines, wake-ups, kiosk keys.
@Suite struct ExamFlowTests {
    @Test func everyChoiceIsJournaledInTheSameCallWithTheSnapshotAfterIt() {
        var s = Session()
        s.startExam()
        let first = s.press(.character("b"))
        #expect(first.count == 1)
        #expect(first.first?.journalEvent == .selectionChanged(index: 0, selection: [1]))
        #expect(first.first?.journalSnapshot?.selections.first == [1])
        // Single answer: choosing another replaces it.
        let second = s.press(.character("C"))
        #expect(second.first?.journalEvent == .selectionChanged(index: 0, selection: [2]))
        #expect(second.first?.journalSnapshot?.selections.first == [2])
        // Choosing the same again changes nothing, so nothing is journaled.
        #expect(s.press(.character("c")).isEmpty)
        #expect(s.frame().text.contains("(x) C  doit porter un casque."))
    }

    @Test func severalAnswersToggleWithLettersAndSpace() {
        var s = Session()
        s.startExam(Fixture.grant(questions: [Fixture.several]))
        s.press(.character("a"), .character("d"))
        let toggledOff = s.press(.character("a"))
        #expect(toggledOff.first?.journalEvent == .selectionChanged(index: 0, selection: [3]))
        s.press(.up, .up, .up, .down) // focus on B
        let space = s.press(.character(" "))
        #expect(space.first?.journalEvent == .selectionChanged(index: 0, selection: [1, 3]))
        let text = s.frame().text
        #expect(text.contains("[ ] A  réduire ma vitesse."))
        #expect(text.contains("› [x] B  augmenter les distances de sécurité."))
        #expect(text.contains("[x] D  rouler au milieu de la chaussée."))
    }

    @Test func lettersBeyondTheChoicesAreIgnored() {
        var s = Session()
        s.startExam()
        #expect(s.press(.character("d"), .character("F"), .character("z")).isEmpty)
    }

    @Test func selectedChoicesUseTheSelectedRoleAndFocusTheFocusRole() {
        var s = Session()
        s.startExam()
        s.press(.character("b"), .down)
        let frame = s.frame()
        let a = frame.row(containing: "A  a le droit")!
        let b = frame.row(containing: "B  n'a pas")!
        let c = frame.row(containing: "C  doit porter")!
        #expect(frame[4, a].role == .choice)
        #expect(frame.roles(y: b, x: 2, count: 76).allSatisfy { $0 == .choiceSelected })
        #expect(frame.roles(y: c, x: 2, count: 76).allSatisfy { $0 == .choiceFocus })
    }

    @Test func theDeadlineMovesOnAndJournalsBeforeTheNextRender() {
        var s = Session()
        s.startExam()
        s.press(.character("a"))
        #expect(s.advance(.milliseconds(44_999)).isEmpty)
        let moved = s.advance(.milliseconds(1))
        #expect(moved.map(\.journalEvent) == [
            .questionClosed(index: 0, selection: [0], timeUsed: .seconds(45)),
            .answeringStarted(index: 1),
        ])
        #expect(moved.allSatisfy { $0.journalSnapshot?.index == 1 && $0.journalSnapshot?.phase == .answering })
        #expect(s.frame().text.contains("Question 2/20"))
        #expect(s.frame().text.contains("0:45"))
    }

    @Test func aLateWakeUpAppliesEveryPassedDeadlineAndAKeyNeverLandsOnTheWrongQuestion() {
        var s = Session()
        s.startExam()
        s.clock.advance(by: .seconds(91)) // two deadlines passed, no tick
        let effects = s.press(.character("a"))
        let events = effects.compactMap(\.journalEvent)
        #expect(events == [
            .questionClosed(index: 0, selection: [], timeUsed: .seconds(45)),
            .answeringStarted(index: 1),
            .questionClosed(index: 1, selection: [], timeUsed: .seconds(45)),
            .situationStarted(index: 2),
        ])
        // The key came during the situation of question 3: no answer is taken yet.
        #expect(effects.count == 4)
        #expect(s.frame().text.contains("Lecture de la situation… 0:07"))
    }

    @Test func theSituationComesFirstThenTheChoices() {
        var s = Session()
        s.startExam(Fixture.grant(questions: [Fixture.withSituation]))
        var text = s.frame().text
        #expect(text.contains("Tu es à l'arrière d'un scooter."))
        #expect(text.contains("Lecture de la situation… 0:08"))
        #expect(!text.contains("Que fais-tu ?"))
        #expect(!text.contains("A  Je me penche"))
        #expect(s.press(.character("a")).isEmpty)
        #expect(s.advance(.seconds(8)).compactMap(\.journalEvent) == [.answeringStarted(index: 0)])
        text = s.frame().text
        #expect(text.contains("Que fais-tu ?"))
        #expect(text.contains("( ) A  Je me penche dans les virages avec le conducteur."))
        #expect(text.contains("0:45"))
    }

    @Test func theLastDeadlineJournalsTheEndThenSubmits() {
        var s = Session()
        s.startExam(Fixture.grant(questions: [Fixture.single]))
        let effects = s.advance(.seconds(45))
        #expect(effects.count == 3)
        #expect(effects[0].journalEvent == .questionClosed(index: 0, selection: [], timeUsed: .seconds(45)))
        #expect(effects[1].journalEvent == .finished)
        #expect(effects[1].journalSnapshot?.phase == .finished)
        #expect(effects[2].isSubmit)
        #expect(!s.app.isInExam)
        #expect(s.frame().text.contains("L'épreuve est terminée"))
    }

    @Test func startingTheExamJournalsTheFirstQuestion() {
        var s = Session()
        s.logIn()
        s.press(.enter, .enter, .enter, .enter, .enter)
        #expect(!s.app.isInExam)
        let effects = s.press(.enter)
        #expect(effects.compactMap(\.journalEvent) == [.answeringStarted(index: 0)])
        #expect(s.app.isInExam)
    }

    @Test func kioskKeysDoNothingDuringAnExam() {
        for kiosk in [true, false] {
            var s = Session(configuration: Fixture.configuration(kiosk: kiosk))
            s.startExam()
            s.press(.character("b"))
            let before = s.frame()
            let effects = s.press(.controlC, .controlZ, .controlBackslash, .escape, .character("q"), .character("Q"),
                                  .tab, .backTab, .left, .right, .backspace, .enter, .function(1))
            #expect(effects.isEmpty)
            #expect(s.app.isInExam)
            #expect(s.frame().text == before.text)
        }
    }

    @Test func homeKeysQuitOnlyThroughTheMenuOrCtrlCOutsideKiosk() {
        var kiosk = Session(configuration: Fixture.configuration(kiosk: true))
        #expect(kiosk.press(.character("q"), .escape, .controlC, .controlZ, .controlBackslash).isEmpty)
        #expect(!kiosk.frame().text.contains("Quitter"))

        var open = Session()
        #expect(open.press(.character("q"), .escape).isEmpty)
        #expect(open.frame().text.contains("› Passer une épreuve"))
        #expect(open.press(.controlC).first?.isQuit == true)
        open.press(.down)
        #expect(open.press(.enter).first?.isQuit == true)
    }

    @Test func nextWakeUpFollowsTheCountdownSeconds() {
        var s = Session()
        #expect(s.app.nextWakeUp(at: s.now) == nil)
        s.startExam()
        let start = s.now
        #expect(s.app.nextWakeUp(at: start) == start + .seconds(1))
        s.advance(.milliseconds(300))
        #expect(s.app.nextWakeUp(at: s.now) == start + .seconds(1))
        s.advance(.milliseconds(43_800)) // 0.9 s left: 0:01 until the deadline
        #expect(s.app.nextWakeUp(at: s.now) == start + .seconds(45))
        // Untimed attempts change nothing by themselves.
        var untimed = Session()
        untimed.startExam(Fixture.grant(timed: false))
        #expect(untimed.app.nextWakeUp(at: untimed.now) == nil)
    }

    @Test func theTimerTurnsUrgentInTheLastTenSeconds() {
        var s = Session()
        s.startExam()
        s.advance(.milliseconds(34_000)) // 11 s left
        var frame = s.frame()
        var row = frame.row(containing: "0:11")!
        // The countdown and its bar of one cell a second (45 s).
        #expect(frame.roles(y: row, x: 2, count: 50).allSatisfy { $0 == .timer })
        s.advance(.milliseconds(1)) // 10.999 s: shows 0:11 still
        #expect(s.frame().text.contains("0:11"))
        s.advance(.milliseconds(999)) // exactly 10 s left
        frame = s.frame()
        row = frame.row(containing: "0:10")!
        #expect(frame.roles(y: row, x: 2, count: 50).allSatisfy { $0 == .timerUrgent })
        #expect(!frame.text.contains("0:11"))
    }

    @Test func extraTimeGivesSixtySecondsEverywhere() {
        var s = Session()
        s.logIn(Fixture.grant(extraTime: true))
        #expect(s.frame().text.contains("Temps de réponse majoré : 60 s par question"))
        s.press(.enter, .enter, .enter)
        #expect(s.frame().text.contains("Vous disposez de 60 s pour répondre à chaque question."))
        s.press(.enter, .enter, .enter)
        #expect(s.frame().text.contains("1:00"))
        #expect(s.advance(.seconds(45)).isEmpty)
        #expect(s.advance(.seconds(15)).count == 2)
    }

    @Test func untimedAttemptsMoveOnWithEnter() {
        var s = Session()
        s.startExam(Fixture.grant(timed: false))
        #expect(s.frame().text.contains("Entrée : question suivante"))
        #expect(s.advance(.seconds(600)).isEmpty)
        s.press(.character("a"))
        let moved = s.press(.enter)
        #expect(moved.compactMap(\.journalEvent).first == .questionClosed(index: 0, selection: [0], timeUsed: .seconds(600)))
        #expect(s.frame().text.contains("Question 2/20"))
    }

    @Test func aResumedAttemptGoesStraightBackWithTheTimeLeft() {
        let snapshot = AttemptSnapshot(index: 1, phase: .answering, remainingMs: 12_000,
                                       selections: [[0], [2]], timeUsedMs: [45_000, 33_000] + Array(repeating: 0, count: 18))
        var s = Session(configuration: Fixture.configuration(
            kiosk: true, resumable: ResumableAttempt(examNumber: "123456", candidateName: "Lily ALEXANDRE")))
        #expect(s.frame().text.contains("› Reprendre l'épreuve"))
        let lookUp = s.press(.enter)
        guard case let .lookUpExam(number) = lookUp.first else { Issue.record("no look-up"); return }
        #expect(number == "123456")
        s.respond(.examLookedUp(.success(Fixture.exam)))
        s.type("ABCD2345")
        s.press(.enter)
        s.respond(.loggedIn(.success(Fixture.grant(resume: snapshot))))
        #expect(s.app.isInExam)
        let text = s.frame().text
        #expect(text.contains("Question 2/20"))
        #expect(text.contains("0:12"))
        #expect(text.contains("[x] C  allumer mes feux de détresse."))
        #expect(s.advance(.seconds(12)).first?.journalEvent == .questionClosed(index: 1, selection: [2], timeUsed: .seconds(45)))
    }

    @Test func theTimerGoesOnWhileTheWindowIsTooSmall() {
        var s = Session()
        s.startExam()
        #expect(s.frame(width: 50, height: 15).text.contains("Agrandissez la fenêtre (60×20 minimum)."))
        #expect(s.press(.resize).isEmpty)
        #expect(s.advance(.seconds(45)).count == 2)
        #expect(s.frame().text.contains("Question 2/20"))
    }
}
