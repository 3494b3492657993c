import ExamKit

/// The whole candidate interface as one state machine. Pure: keys and host answers come in, effects
/// go out, and time is passed in, so tests drive it with a manual clock.
public struct TerminalApp: Sendable {
    enum Stage: Sendable, Hashable {
        case home, examNumber, accessCode, identity
        case tutorial(page: Int)
        case ready, question, end
        case practiceProfile, practiceName, practiceBank, practiceThemes, practiceQuestion, practiceResults, practiceCorrection

        var isPractice: Bool {
            switch self {
            case .practiceProfile, .practiceName, .practiceBank, .practiceThemes, .practiceQuestion, .practiceResults,
                 .practiceCorrection: true
            default: false
            }
        }
    }

    /// What a button or menu item does.
    enum Action: Sendable, Hashable {
        case openExamNumber, resume, quit
        case submitExamNumber, backToHome
        case submitAccessCode, backToExamNumber
        case confirmIdentity, cancelToCode
        case tutorialPrevious, tutorialNext
        case startAttempt
        case retrySubmission, recoverResult, leaveEndScreen
        case openPractice, openSelfTest
        case practice(PracticeAction)
    }

    struct Button: Sendable, Hashable {
        var label: String
        var action: Action
    }

    /// Where the result of a finished attempt stands.
    enum Delivery: Sendable, Hashable {
        case sending, delivered
        case failed(String)
    }

    /// Tries after which the candidate is told to call the proctor (DESIGN §10.8).
    static let triesBeforeSurveillant = 3

    var configuration: AppConfiguration
    var stage: Stage = .home
    /// The focused button or menu item of the stage.
    var focus = 0
    var field = TextField(.examNumber)
    /// An error (or other news) shown under the field.
    var message: String?
    var waitingForHost = false
    var exam: ExamInfo?
    var grant: LoginGrant?
    var attempt: Attempt?
    var choiceFocus = 0
    var delivery: Delivery = .sending
    var failedSubmissions = 0
    var rescuePath: String?
    var panel: SurveillantPanel?
    var deliveryStatus: String?
    /// Local content for practice and self-test; nil hides them.
    var library: PracticeLibrary?
    /// The local profile chosen for practice in this run of the program.
    var practiceProfile: String?
    var practiceSetup = PracticeSetup()
    var practice: PracticeRun?
    /// Statistics and correction of a finished practice, self-test or training session.
    var review: Review?
    var reviewScroll = 0
    var reviewReturn: Stage = .home

    public init(configuration: AppConfiguration) {
        self.configuration = configuration
    }

    /// True on question screens: kiosk keys are ignored and SIGTERM must save the attempt.
    public var isInExam: Bool { stage == .question }

    public mutating func handle(_ input: AppInput, at now: MonotonicInstant) -> [AppEffect] {
        // Deadlines that passed before this input apply first, so a late key never lands on the
        // next question and the journal stays in order.
        var effects = tick(at: now)
        switch input {
        case let .key(key): effects += handleKey(key, at: now)
        case let .response(response): effects += handleResponse(response, at: now)
        }
        return effects
    }

    // MARK: Buttons

    var buttons: [Button] {
        switch stage {
        case .home:
            var items: [Button] = []
            if configuration.resumableAttempt != nil { items.append(Button(label: Strings.resumeExam, action: .resume)) }
            items.append(Button(label: Strings.takeExam, action: .openExamNumber))
            if library != nil {
                items.append(Button(label: Strings.practice, action: .openPractice))
                items.append(Button(label: Strings.selfTest, action: .openSelfTest))
            }
            if !configuration.kiosk { items.append(Button(label: Strings.quit, action: .quit)) }
            return items
        case .examNumber:
            return [Button(label: Strings.validate, action: .submitExamNumber), Button(label: Strings.back, action: .backToHome)]
        case .accessCode:
            return [Button(label: Strings.validate, action: .submitAccessCode), Button(label: Strings.back, action: .backToExamNumber)]
        case .identity:
            return [Button(label: Strings.begin, action: .confirmIdentity), Button(label: Strings.cancelToCode, action: .cancelToCode)]
        case let .tutorial(page):
            let last = page == tutorialPages.count - 1
            return (page > 0 ? [Button(label: Strings.previous, action: .tutorialPrevious)] : [])
                + [Button(label: last ? Strings.start : Strings.next, action: .tutorialNext)]
        case .ready:
            return [Button(label: Strings.startExam, action: .startAttempt)]
        case .question:
            return []
        case .end:
            switch delivery {
            case .sending: return []
            case .delivered:
                return (review != nil ? [Button(label: Strings.showCorrection, action: .practice(.showCorrection))] : [])
                    + [Button(label: Strings.finish, action: .leaveEndScreen)]
            case .failed:
                if rescuePath != nil {
                    return [Button(label: Strings.finish, action: .leaveEndScreen), Button(label: Strings.retry, action: .retrySubmission)]
                }
                if failedSubmissions >= Self.triesBeforeSurveillant {
                    return [Button(label: Strings.recoverResult, action: .recoverResult), Button(label: Strings.retry, action: .retrySubmission)]
                }
                return [Button(label: Strings.retry, action: .retrySubmission)]
            }
        case .practiceProfile, .practiceName, .practiceBank, .practiceThemes, .practiceQuestion, .practiceResults,
             .practiceCorrection:
            return practiceButtons
        }
    }

    var tutorialPages: [TutorialPage] {
        grant.map { TutorialPage.pages(for: $0) } ?? []
    }

    // MARK: Keys

    private mutating func handleKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        if panel != nil { return handlePanelKey(key, at: now) }
        if key == .function(12) {
            openPanel(purpose: .menu)
            return []
        }
        if stage == .question { return handleQuestionKey(key, at: now) }
        if stage.isPractice { return handlePracticeKey(key, at: now) }
        if key == .controlC, !configuration.kiosk, [.home, .examNumber, .accessCode].contains(stage) { return [.quit] }

        let count = buttons.count
        switch key {
        case .tab:
            if count > 0 { focus = (focus + 1) % count }
        case .backTab:
            if count > 0 { focus = (focus + count - 1) % count }
        case .left, .right:
            if isTutorial { return perform(key == .left ? .tutorialPrevious : .tutorialNext, at: now) }
            // Buttons sit side by side everywhere but on the home menu.
            guard count > 0, stage != .home else { return [] }
            focus = key == .left ? max(0, focus - 1) : min(count - 1, focus + 1)
        case .down, .up:
            guard stage == .home, count > 0 else { return [] }
            focus = key == .up ? max(0, focus - 1) : min(count - 1, focus + 1)
        case .enter:
            guard !waitingForHost, buttons.indices.contains(focus) else { return [] }
            return perform(buttons[focus].action, at: now)
        case .escape:
            if stage == .examNumber, !waitingForHost { return perform(.backToHome, at: now) }
            if stage == .accessCode, !waitingForHost { return perform(.backToExamNumber, at: now) }
        case let .character(character) where stage == .examNumber || stage == .accessCode:
            guard !waitingForHost else { return [] }
            if field.type(character) { message = nil }
        case .backspace where stage == .examNumber || stage == .accessCode:
            guard !waitingForHost else { return [] }
            field.backspace()
            message = nil
        default:
            break
        }
        return []
    }

    private var isTutorial: Bool {
        if case .tutorial = stage { return true }
        return false
    }

    mutating func perform(_ action: Action, at now: MonotonicInstant) -> [AppEffect] {
        switch action {
        case .openExamNumber:
            go(to: .examNumber)
            field = TextField(.examNumber)
        case .resume:
            guard let resumable = configuration.resumableAttempt else { return [] }
            go(to: .examNumber)
            field = TextField(.examNumber, text: resumable.examNumber)
            waitingForHost = true
            return [.lookUpExam(number: resumable.examNumber)]
        case .quit:
            return [.quit]
        case .submitExamNumber:
            guard field.text.count == 6 else {
                message = Strings.examNumberIncomplete
                return []
            }
            waitingForHost = true
            message = nil
            return [.lookUpExam(number: field.text)]
        case .backToHome:
            go(to: .home)
        case .submitAccessCode:
            guard let exam, !field.text.isEmpty else {
                message = Strings.accessCodeEmpty
                return []
            }
            waitingForHost = true
            message = nil
            return [.login(examNumber: exam.number, code: field.text)]
        case .backToExamNumber:
            go(to: .examNumber)
            field = TextField(.examNumber, text: exam?.number ?? "")
        case .confirmIdentity:
            go(to: .tutorial(page: 0))
        case .cancelToCode:
            grant = nil
            attempt = nil
            go(to: .accessCode)
            field = TextField(.accessCode)
        case .tutorialPrevious:
            if case let .tutorial(page) = stage, page > 0 { go(to: .tutorial(page: page - 1)) }
        case .tutorialNext:
            guard case let .tutorial(page) = stage else { return [] }
            go(to: page + 1 < tutorialPages.count ? .tutorial(page: page + 1) : .ready)
        case .startAttempt:
            return startAttempt(at: now)
        case .retrySubmission:
            return retrySubmission()
        case .recoverResult:
            openPanel(purpose: .rescue)
        case .leaveEndScreen:
            returnHome()
        case .openPractice:
            return beginPracticeSetup(.practice)
        case .openSelfTest:
            return beginPracticeSetup(.selfTest)
        case let .practice(practiceAction):
            return performPractice(practiceAction, at: now)
        }
        return []
    }

    /// Changes screen with the default focus of the new one.
    mutating func go(to newStage: Stage) {
        stage = newStage
        message = nil
        waitingForHost = false
        if case .tutorial = newStage {
            focus = buttons.count - 1 // « Suivant » / « Démarrer »
        } else {
            focus = 0
        }
    }

    mutating func returnHome() {
        grant = nil
        attempt = nil
        exam = nil
        rescuePath = nil
        failedSubmissions = 0
        delivery = .sending
        practice = nil
        review = nil
        go(to: .home)
    }

    // MARK: Host answers

    private mutating func handleResponse(_ response: HostResponse, at now: MonotonicInstant) -> [AppEffect] {
        switch response {
        case let .examLookedUp(result):
            guard stage == .examNumber, waitingForHost else { return [] }
            waitingForHost = false
            switch result {
            case let .success(info):
                exam = info
                go(to: .accessCode)
                field = TextField(.accessCode)
            case .failure(.unknown): message = Strings.examUnknown
            case let .failure(.notStarted(startsAt)): message = Strings.examNotStarted(startsAt)
            case .failure(.finished): message = Strings.examFinished
            case let .failure(.unreachable(detail)): message = Strings.centerUnreachable(detail)
            }
        case let .loggedIn(result):
            guard stage == .accessCode, waitingForHost else { return [] }
            waitingForHost = false
            switch result {
            case let .success(grant):
                return beginSession(grant, at: now)
            case .failure(.wrongCode):
                message = Strings.accessCodeWrong
                field = TextField(.accessCode)
            case let .failure(.locked(seconds)):
                message = Strings.accessCodeLocked(seconds: seconds)
                field = TextField(.accessCode)
            case .failure(.alreadyTaken): message = Strings.alreadyTaken
            case let .failure(.notActive(reason)): message = reason
            case let .failure(.unreachable(detail)): message = Strings.centerUnreachable(detail)
            }
        case let .submission(result):
            guard stage == .end, delivery != .delivered else { return [] }
            switch result {
            case .success:
                delivery = .delivered
            case let .failure(failure):
                failedSubmissions += 1
                delivery = .failed(failure.message)
            }
            focus = 0
        case let .surveillantCodeChecked(accepted):
            surveillantCodeChecked(accepted)
        case let .rescueExported(result):
            rescueExported(result)
        case let .deliveryStatus(line):
            deliveryStatus = line
        }
        return []
    }
}
