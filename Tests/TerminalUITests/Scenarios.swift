import ExamKit
@testable import TerminalUI

/// Named states of the interface, each reached by keys and host answers only; golden tests render
/// them at several sizes.
enum Scenario: String, CaseIterable {
    case home, homeKioskResumable, homeSpeechUnavailable
    case examNumberTyped, examNumberChecking, examNumberUnknown, examNumberNotStarted, examNumberFinished
    case accessCodeTyped, accessCodeWrong, accessCodeLocked, accessCodeAlreadyTaken, accessCodeResuming
    case identity, identityExtraTime
    case tutorial1, tutorial2, tutorial3, tutorial3Untimed, tutorial4
    case ready, readyReadAloud, readyReadAloudUnavailable
    case questionSingle, questionSeveralSelected, questionSituationReading, questionSituationAnswering
    case questionExtraTime, questionLong, questionUntimed
    case questionSituationFolded, questionSituationReread, questionSituationScrolled, questionChoicesScrolled, questionWide
    case questionReadAloud, questionScreenReader, questionScreenReaderSituation
    case endSending, endDelivered, endFailedOnce, endFailedThrice, endRescueCode, endRescueDirectory, endRescueWritten
    case endStorageFailure
    case surveillantCode, surveillantMenu, surveillantDeliveryStatus, surveillantWrongCode, surveillantConfirmEnd
    case endTrainingDelivered
    case practiceProfile, practiceName, practiceThemes, practiceQuestion, practiceQuestionTimed
    case practiceCorrect, practiceIncorrect, practiceLastCorrection, practiceStatistics
    case selfTestQuestion, selfTestPassed, selfTestFailed, selfTestCorrection, selfTestCorrectionScrolled

    var session: Session {
        var s = Session()
        switch self {
        case .home:
            s = Session(practiceProfiles: [])
        case .homeKioskResumable:
            s = Session(configuration: Fixture.configuration(
                kiosk: true, resumable: ResumableAttempt(examNumber: "123456", candidateName: "Lily ALEXANDRE")))
            s.app.enablePractice(PracticeFixture.library())
        case .homeSpeechUnavailable:
            s = Session(configuration: Fixture.configuration(reading: ReadingPreference(always: true, voice: .unavailable(Fixture.noEspeak))))
        case .readyReadAloud, .readyReadAloudUnavailable:
            let voice: VoiceState = self == .readyReadAloud ? .ready : .unavailable(Fixture.noEspeak)
            s = Session(configuration: Fixture.configuration(reading: ReadingPreference(always: true, voice: voice)))
            s.logIn()
            s.press(.enter, .enter, .enter, .enter, .enter)
        case .questionReadAloud:
            s = Session(configuration: Fixture.configuration(reading: Fixture.readAloud))
            s.startExam()
            s.advance(.seconds(3))
        case .questionScreenReader:
            s = Session(configuration: Fixture.configuration(reading: ReadingPreference(screenReader: true)))
            s.startExam()
            s.press(.character("b"), .down, .down)
            s.advance(.milliseconds(7_400))
        case .questionScreenReaderSituation:
            s = Session(configuration: Fixture.configuration(reading: ReadingPreference(screenReader: true)))
            s.startExam()
            s.advance(.seconds(90))
            s.advance(.seconds(2))
        case .examNumberTyped:
            s.press(.enter)
            s.type("12a34")
        case .examNumberChecking:
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
        case .examNumberUnknown, .examNumberNotStarted, .examNumberFinished:
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
            let failure: LookupFailure = self == .examNumberUnknown ? .unknown
                : self == .examNumberFinished ? .finished : .notStarted(startsAt: "24/11/2026 à 09:00")
            s.respond(.examLookedUp(.failure(failure)))
        case .accessCodeTyped:
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
            s.respond(.examLookedUp(.success(Fixture.exam)))
            s.type("abcd-2!3")
        case .accessCodeWrong, .accessCodeLocked, .accessCodeAlreadyTaken:
            s.press(.enter)
            s.type("123456")
            s.press(.enter)
            s.respond(.examLookedUp(.success(Fixture.exam)))
            s.type("abcd-2345")
            s.press(.enter)
            let failure: LoginFailure = self == .accessCodeWrong ? .wrongCode
                : self == .accessCodeLocked ? .locked(seconds: 60) : .alreadyTaken
            s.respond(.loggedIn(.failure(failure)))
        case .accessCodeResuming:
            s = Session(configuration: Fixture.configuration(
                resumable: ResumableAttempt(examNumber: "123456", candidateName: "Lily ALEXANDRE")))
            s.press(.enter) // « Reprendre l'épreuve » comes first
            s.respond(.examLookedUp(.success(Fixture.exam)))
        case .identity:
            s.logIn()
        case .identityExtraTime:
            s.logIn(Fixture.grant(extraTime: true))
        case .tutorial1, .tutorial2, .tutorial3, .tutorial4:
            s.logIn()
            let page = [.tutorial1, .tutorial2, .tutorial3, .tutorial4].firstIndex(of: self)!
            s.press(.enter)
            for _ in 0..<page { s.press(.enter) }
        case .tutorial3Untimed:
            s.logIn(Fixture.grant(timed: false))
            s.press(.enter, .enter, .enter)
        case .ready:
            s.logIn()
            s.press(.enter, .enter, .enter, .enter, .enter)
        case .questionSingle:
            s.startExam()
            s.advance(.milliseconds(7_400)) // 37.6 s left: shows 0:38
        case .questionSeveralSelected:
            s.startExam()
            s.advance(.seconds(45))
            s.press(.character("a"), .down, .down, .character(" "))
        case .questionSituationReading:
            s.startExam()
            s.advance(.seconds(90))
            s.advance(.seconds(2))
        case .questionSituationAnswering:
            s.startExam()
            s.advance(.seconds(90))
            s.advance(.seconds(8))
            s.press(.character("B"))
        case .questionExtraTime:
            s.startExam(Fixture.grant(extraTime: true))
        case .questionLong:
            s.startExam(Fixture.grant(questions: [Fixture.long, Fixture.single]))
            s.press(.character("b"))
        case .questionSituationFolded, .questionSituationReread, .questionSituationScrolled:
            s.startExam(Fixture.grant(questions: [Fixture.longSituation, Fixture.single]))
            if self == .questionSituationScrolled {
                s.press(.down, .down, .down)  // the situation scrolls while it is read
                s.advance(.seconds(2))
                break
            }
            s.advance(.seconds(11))
            s.press(.character("c"))
            if self == .questionSituationReread { s.press(.character("s"), .down) }
        case .questionChoicesScrolled:
            let long = Fixture.long
            let longer = Question(id: long.id, theme: long.theme, competence: long.competence, prompt: long.prompt,
                                  choices: long.choices + long.choices, answer: [], explanation: "", expectsSeveralAnswers: true)
            s.startExam(Fixture.grant(questions: [longer, Fixture.single]))
            s.press(.down, .down, .down, .down, .character(" "))
        case .questionWide:
            s.startExam(Fixture.grant(questions: [Fixture.wide]))
            s.press(.character("a"))
        case .questionUntimed:
            s.startExam(Fixture.grant(timed: false))
            s.press(.character("a"))
        case .endSending, .endDelivered, .endFailedOnce, .endFailedThrice, .endRescueCode, .endRescueDirectory,
             .endRescueWritten:
            s.startExam(Fixture.grant(questions: [Fixture.single]))
            s.press(.character("a"))
            s.advance(.seconds(45))
            let failure = SubmissionFailure(message: "le centre ne répond pas (délai dépassé)")
            switch self {
            case .endSending: break
            case .endDelivered: s.respond(.submission(.success(())))
            case .endFailedOnce: s.respond(.submission(.failure(failure)))
            default:
                s.respond(.submission(.failure(failure)))
                s.press(.enter)
                s.respond(.submission(.failure(failure)))
                s.press(.enter)
                s.respond(.submission(.failure(failure)))
            }
            if [.endRescueCode, .endRescueDirectory, .endRescueWritten].contains(self) {
                s.press(.enter) // Récupérer le résultat
                s.type("4821")
            }
            if [.endRescueDirectory, .endRescueWritten].contains(self) {
                s.type("93")
                s.press(.enter)
                s.respond(.surveillantCodeChecked(true))
            }
            if self == .endRescueWritten {
                s.press(.enter)
                s.respond(.rescueExported(.success("/media/cle/epreuve-secours/epreuve-123456-c42-1a2b3c4d.json")))
                s.press(.enter)
            }
        case .surveillantCode, .surveillantMenu, .surveillantDeliveryStatus, .surveillantWrongCode, .surveillantConfirmEnd:
            s.startExam()
            s.advance(.seconds(5))
            s.press(.function(12))
            s.type("482193")
            guard self != .surveillantCode else { break }
            s.press(.enter)
            s.respond(.surveillantCodeChecked(self != .surveillantWrongCode))
            s.respond(.deliveryStatus("2 résultats en attente · dernier essai : 10:42 · centre injoignable"))
            if self == .surveillantDeliveryStatus { s.press(.down, .enter) }
            if self == .surveillantConfirmEnd {
                s.press(.down, .down, .down, .enter, .enter) // « Terminer cette tentative », then Enter without a reason
                s.type("Malaise")
            }
        case .endStorageFailure:
            s.startExam()
            s.advance(.seconds(57))  // question 2, 33 s left
            s.press(.character("a"))
            s.respond(.journalFailed("journal : disque plein, rien n'a été enregistré"))
            s.advance(.seconds(20))  // the time stays frozen
        case .endTrainingDelivered:
            s = Session.trainingDone(timed: true)
            s.respond(.submission(.success(())))
        default:
            s = practiceSession
        }
        return s
    }

    /// Screens 9 and 10.
    private var practiceSession: Session {
        var s = Session(practiceProfiles: ["Lily", "Chloé"])
        switch self {
        case .practiceProfile:
            s.press(.down, .enter)
        case .practiceName:
            s.press(.down, .enter, .down, .down, .enter)
            s.type("Inès")
        case .practiceThemes:
            s.openPracticeThemes()
            s.press(.character(" "), .down, .down)
        case .practiceQuestion:
            s.startPractice(rows: [0, 2])
            s.press(.character("a"))
        case .practiceQuestionTimed:
            s.startPractice(rows: [2], timed: true)
            s.advance(.milliseconds(7_400))
        case .practiceCorrect, .practiceIncorrect:
            s.startPractice(rows: [0])
            s.answer(right: self == .practiceCorrect)
            s.press(.enter)
        case .practiceLastCorrection:
            s.startPractice(rows: [1])
            s.answer(right: true)
            s.press(.enter, .enter)
            s.answer(right: false)
            s.press(.enter)
        case .practiceStatistics:
            s.startPractice(rows: [0, 1, 2])
            for number in 0..<6 {
                s.clock.advance(by: .seconds(20))
                s.answer(right: number % 3 != 1)
                s.press(.enter)
                if number < 5 { s.press(.enter) }
            }
            s.press(.character("t"))
        case .selfTestQuestion, .selfTestPassed, .selfTestFailed, .selfTestCorrection, .selfTestCorrectionScrolled:
            s.press(.down, .down, .enter, .enter, .enter)
            if self == .selfTestQuestion {
                s.advance(.seconds(3))
                break
            }
            for position in 0..<4 {
                s.advance(.seconds(12))
                s.answer(right: self == .selfTestFailed ? position == 0 : position != 2)
                s.advance(.seconds(33))
            }
            if self == .selfTestCorrection || self == .selfTestCorrectionScrolled { s.press(.enter) }
            if self == .selfTestCorrectionScrolled { for _ in 0..<12 { s.press(.down) } }
        default:
            break
        }
        return s
    }
}
