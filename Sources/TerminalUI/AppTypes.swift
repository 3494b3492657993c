import ExamKit

/// How the host sets the interface up.
public struct AppConfiguration: Sendable {
    /// Lab terminals: hides « Quitter » on the home screen and never quits on Ctrl-C.
    public var kiosk: Bool
    /// Pre-filled in the « Dossier » field of rescue exports.
    public var defaultRescueDirectory: String
    /// An attempt interrupted on this terminal, offered as « Reprendre l'épreuve ».
    public var resumableAttempt: ResumableAttempt?
    /// Theme ids → labels shown above questions (ids are shown as they are when missing).
    public var themeLabels: [String: String]
    /// The home screen offers « M'entraîner » and « Me tester » before the local content has loaded:
    /// it is drawn first, and must not change when the content arrives (keys wait for it).
    public var offersPractice: Bool
    /// Reading aloud and the screen-reader mode (DESIGN §15).
    public var reading: ReadingPreference

    public init(kiosk: Bool = false, defaultRescueDirectory: String, resumableAttempt: ResumableAttempt? = nil,
                themeLabels: [String: String] = [:], offersPractice: Bool = false, reading: ReadingPreference = ReadingPreference()) {
        self.kiosk = kiosk
        self.defaultRescueDirectory = defaultRescueDirectory
        self.resumableAttempt = resumableAttempt
        self.themeLabels = themeLabels
        self.offersPractice = offersPractice
        self.reading = reading
    }
}

public struct ResumableAttempt: Sendable, Hashable {
    public var examNumber: String
    public var candidateName: String

    public init(examNumber: String, candidateName: String) {
        self.examNumber = examNumber
        self.candidateName = candidateName
    }
}

/// The host's answer to `.lookUpExam`.
public struct ExamInfo: Sendable, Hashable {
    public var number: String
    /// e.g. "ASSR1 — Attestation scolaire de sécurité routière de premier niveau"
    public var title: String
    public var isTraining: Bool

    public init(number: String, title: String, isTraining: Bool) {
        self.number = number
        self.title = title
        self.isTraining = isTraining
    }
}

public enum LookupFailure: Error, Sendable, Hashable {
    case unknown
    /// `startsAt` is already formatted, e.g. "24/11/2026 à 09:00".
    case notStarted(startsAt: String)
    case finished
    case unreachable(String)
}

/// The host's answer to `.login`: who the candidate is and what they are about to take.
public struct LoginGrant: Sendable {
    public var attemptId: String
    public var firstName: String
    public var lastName: String
    public var className: String
    public var extraTime: Bool
    public var examTitle: String
    /// Already in this candidate's order; exam questions carry no key.
    public var questions: [Question]
    public var timing: AttemptTiming
    /// Non-nil: the attempt goes straight back to the question where it stopped.
    public var resume: AttemptSnapshot?
    /// Labels of the questions' themes, from the package (a networked terminal has no content of its own).
    public var themeLabels: [String: String]
    /// The surveillant has yet to confirm the candidate's presence: the terminal waits for it.
    public var awaitingPresence: Bool

    public init(attemptId: String, firstName: String, lastName: String, className: String, extraTime: Bool,
                examTitle: String, questions: [Question], timing: AttemptTiming, resume: AttemptSnapshot? = nil,
                themeLabels: [String: String] = [:], awaitingPresence: Bool = false) {
        self.attemptId = attemptId
        self.firstName = firstName
        self.lastName = lastName
        self.className = className
        self.extraTime = extraTime
        self.examTitle = examTitle
        self.questions = questions
        self.timing = timing
        self.resume = resume
        self.themeLabels = themeLabels
        self.awaitingPresence = awaitingPresence
    }
}

public enum LoginFailure: Error, Sendable, Hashable {
    case wrongCode
    case locked(seconds: Int)
    case alreadyTaken
    /// The candidate's attempt runs on another terminal: the surveillant may move it here.
    case runningElsewhere
    /// The session is not active; the text says why (shown as is).
    case notActive(String)
    case unreachable(String)
}

public struct SubmissionFailure: Error, Sendable, Hashable {
    public var message: String
    public init(message: String) { self.message = message }
}

public struct RescueFailure: Error, Sendable, Hashable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// What the interface asks the host to do. Effects are returned in the order they must be carried out.
public enum AppEffect: Sendable {
    case lookUpExam(number: String)
    /// `code` as typed (upper-cased).
    case login(examNumber: String, code: String)
    /// Must be written durably by the host BEFORE the next render: every answer change and every move.
    case journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot)
    /// The surveillant ended the attempt for this reason: written before the journal entries that
    /// finish it, so the result carries it.
    case stopAttempt(attemptId: String, reason: String)
    /// The attempt is finished: the host builds the envelope from its journal and sends it.
    case submitResult(attemptId: String)
    /// The host answers `.surveillantCodeChecked`. The code is checked for the session on screen (the
    /// attempt's, or the one being logged into), else the session last used on this terminal.
    case checkSurveillantCode(code: String, examNumber: String?)
    /// « Reprendre ici »: the surveillant moves the candidate's running attempt to this terminal. The host
    /// answers `.loggedIn`.
    case transferAttempt(examNumber: String, accessCode: String, surveillantCode: String)
    /// The host answers `.rescueExported`.
    case exportRescue(directory: String)
    /// A first name typed for a new local practice profile: the host keeps it.
    case rememberPracticeProfile(name: String)
    /// A finished practice or self-test: the host adds it to the profile's history.
    case savePracticeResult(PracticeResult)
    /// « Signaler un problème »: sent in the background; the host answers `.problemReported`.
    case reportProblem(attemptId: String, questionId: String, position: Int, kind: ProblemKind)
    /// Asks the center whether the surveillant confirmed the candidate; the host answers `.presence`.
    case pollPresence(attemptId: String)
    /// Says `text` aloud, cutting short whatever was being said. Returns at once: the voice runs beside the loop.
    case say(String, wordsPerMinute: Int)
    /// Silences the voice (the question on screen changed or ended).
    case stopSpeaking
    /// A session asks for reading aloud and no voice was made at start-up: the host makes one and
    /// answers `.speechPrepared`.
    case prepareSpeech
    case quit
}

/// The host's answers, and news it brings by itself (delivery status, late submission results).
public enum HostResponse: Sendable {
    case examLookedUp(Result<ExamInfo, LookupFailure>)
    case loggedIn(Result<LoginGrant, LoginFailure>)
    case submission(Result<Void, SubmissionFailure>)
    case surveillantCodeChecked(Bool)
    /// No session is known on this terminal (none on screen, none taken here): nothing to check against.
    case surveillantCodeUncheckable
    /// Too many wrong surveillant codes: the center waits this long before a new try.
    case surveillantCodeLocked(seconds: Int)
    /// The attempt now runs on another terminal (its progress was refused): this terminal stops it.
    case attemptMoved(attemptId: String)
    /// Success carries the path(s) written.
    case rescueExported(Result<String, RescueFailure>)
    /// One line for the F12 « État de l'envoi » item.
    case deliveryStatus(String)
    /// A journal entry could not be written (disk full, I/O error): the exam stops on this terminal.
    case journalFailed(String)
    /// Whether the alert reached the center.
    case problemReported(attemptId: String, delivered: Bool)
    /// The answer to `.pollPresence`: confirmed, or not yet (or the center could not be asked).
    case presence(attemptId: String, confirmed: Bool)
    /// The surveillant ended the attempt from the console (it came with a progress receipt).
    case stoppedBySurveillant(attemptId: String, reason: String)
    /// The answer to `.prepareSpeech`: nil when the voice is ready, else the one French line saying why not.
    case speechPrepared(problem: String?)
}

/// What a candidate says is wrong with a question; raw values are the wire's.
public enum ProblemKind: String, Sendable, Hashable, CaseIterable {
    case unreadable = "illisible"
    case display = "affichage"
    case other = "autre"
}

public enum AppInput: Sendable {
    case key(Key)
    case response(HostResponse)
}
