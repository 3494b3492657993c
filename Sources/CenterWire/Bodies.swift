import ExamKit

// The bodies of the center's HTTP API (docs/api.md), one explicit struct each. Field names and
// string values are the wire contract with deployed terminals: golden tests pin them.

/// `GET /api/v1/health` → 200.
public struct HealthResponse: Codable, Sendable, Hashable {
    public var status: String

    public init(status: String = "ok") {
        self.status = status
    }
}

public enum WireSessionKind: String, Codable, Sendable, Hashable, CaseIterable {
    case examen
    case entrainement
}

public enum WireSessionState: String, Codable, Sendable, Hashable, CaseIterable {
    case upcoming
    case active
    case finished
}

/// `GET /api/v1/sessions/{number}` → 200, and the `session` of a login response.
public struct SessionInfoBody: Codable, Sendable, Hashable {
    public var number: String
    public var name: String
    public var profileId: String
    public var profileTitle: String
    public var kind: WireSessionKind
    public var state: WireSessionState
    /// ISO 8601 UTC, seconds: 2026-11-22T09:15:00Z.
    public var startsAt: String
    public var endsAt: String

    public init(number: String, name: String, profileId: String, profileTitle: String, kind: WireSessionKind,
                state: WireSessionState, startsAt: String, endsAt: String) {
        self.number = number
        self.name = name
        self.profileId = profileId
        self.profileTitle = profileTitle
        self.kind = kind
        self.state = state
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// `POST /api/v1/sessions/{number}/login` request.
public struct LoginRequest: Codable, Sendable, Hashable {
    /// As typed: any case, with or without the dash.
    public var code: String
    /// Falls back to the `X-Terminal-Id` header when absent.
    public var terminalId: String?

    public init(code: String, terminalId: String?) {
        self.code = code
        self.terminalId = terminalId
    }
}

/// One question of a package. In an exam package `answer` is empty, `explanation` is "" and
/// `reference` is absent: the key stays on the center.
public struct QuestionBody: Codable, Sendable, Hashable {
    public var id: String
    public var theme: String
    public var competence: String
    public var situation: String?
    public var situationSeconds: Int
    public var prompt: String
    public var choices: [String]
    /// Indices of the expected choices (0 = A), ascending.
    public var answer: [Int]
    public var explanation: String
    public var reference: String?
    public var expectsSeveralAnswers: Bool

    public init(id: String, theme: String, competence: String, situation: String?, situationSeconds: Int, prompt: String,
                choices: [String], answer: [Int], explanation: String, reference: String?, expectsSeveralAnswers: Bool) {
        self.id = id
        self.theme = theme
        self.competence = competence
        self.situation = situation
        self.situationSeconds = situationSeconds
        self.prompt = prompt
        self.choices = choices
        self.answer = answer
        self.explanation = explanation
        self.reference = reference
        self.expectsSeveralAnswers = expectsSeveralAnswers
    }
}

public struct TimingBody: Codable, Sendable, Hashable {
    public var answerSeconds: Int
    public var timed: Bool
    /// Present when the center asks for the questions to be read aloud (AER): the speech rate in words
    /// per minute; absent otherwise (and in packages of centers from before reading aloud).
    public var readingWordsPerMinute: Int?

    public init(answerSeconds: Int, timed: Bool, readingWordsPerMinute: Int? = nil) {
        self.answerSeconds = answerSeconds
        self.timed = timed
        self.readingWordsPerMinute = readingWordsPerMinute
    }
}

/// `POST /api/v1/sessions/{number}/login` → 200: the candidate and the questions in their order.
public struct LoginResponse: Codable, Sendable, Hashable {
    public var attemptId: String
    public var session: SessionInfoBody
    public var candidateId: String
    public var firstName: String
    public var lastName: String
    public var className: String
    public var extraTime: Bool
    public var bank: String
    public var questions: [QuestionBody]
    public var timing: TimingBody
    public var passMark: Int
    public var contentDigest: String
    /// This attempt's key (HMAC-SHA256 of its result and progress reports); never the session's.
    public var resultKey: String
    /// The surveillant code's slow hash, for a terminal that cannot reach the center.
    public var surveillantCheck: SlowCodeHashBody?
    /// The center's X25519 public key (raw, base64): rescue files are sealed to it.
    public var centerPublicKey: String?
    /// Labels of the questions' themes.
    public var themes: [ThemeBody]
    /// Where the attempt stands on the center, when it was reported before (resume elsewhere).
    public var progress: ProgressBody?
    /// `true` when the candidate must wait for the surveillant's confirmation of presence before
    /// starting (`POST /attempts/{attemptId}/presence`); left out otherwise.
    public var awaitingPresence: Bool?

    public init(attemptId: String, session: SessionInfoBody, candidateId: String, firstName: String, lastName: String,
                className: String, extraTime: Bool, bank: String, questions: [QuestionBody], timing: TimingBody,
                passMark: Int, contentDigest: String, resultKey: String, surveillantCheck: SlowCodeHashBody?,
                centerPublicKey: String?, themes: [ThemeBody], progress: ProgressBody?, awaitingPresence: Bool? = nil) {
        self.attemptId = attemptId
        self.session = session
        self.candidateId = candidateId
        self.firstName = firstName
        self.lastName = lastName
        self.className = className
        self.extraTime = extraTime
        self.bank = bank
        self.questions = questions
        self.timing = timing
        self.passMark = passMark
        self.contentDigest = contentDigest
        self.resultKey = resultKey
        self.surveillantCheck = surveillantCheck
        self.centerPublicKey = centerPublicKey
        self.themes = themes
        self.progress = progress
        self.awaitingPresence = awaitingPresence
    }
}

/// scrypt of the surveillant code: salt (base64), cost (N, a power of two), hash (base64).
public struct SlowCodeHashBody: Codable, Sendable, Hashable {
    public var salt: String
    public var cost: Int
    public var hash: String

    public init(salt: String, cost: Int, hash: String) {
        self.salt = salt
        self.cost = cost
        self.hash = hash
    }
}

public struct ThemeBody: Codable, Sendable, Hashable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

public enum WireAttemptPhase: String, Codable, Sendable, Hashable, CaseIterable {
    case notStarted, reading, situation, answering, finished
}

/// Where an attempt stands: the question (from 0), its phase and time left, every selection so far
/// (choice indices, 0 = A) and the time used on each question.
public struct ProgressBody: Codable, Sendable, Hashable {
    public var index: Int
    public var phase: WireAttemptPhase
    public var remainingMs: Int?
    public var selections: [[Int]]
    public var timeUsedMs: [Int]

    public init(index: Int, phase: WireAttemptPhase, remainingMs: Int?, selections: [[Int]], timeUsedMs: [Int]) {
        self.index = index
        self.phase = phase
        self.remainingMs = remainingMs
        self.selections = selections
        self.timeUsedMs = timeUsedMs
    }
}

/// `POST /api/v1/sessions/{number}/surveillant` request.
public struct SurveillantRequest: Codable, Sendable, Hashable {
    public var code: String
    public var terminalId: String

    public init(code: String, terminalId: String) {
        self.code = code
        self.terminalId = terminalId
    }
}

/// `POST /api/v1/sessions/{number}/surveillant` → 200.
public struct SurveillantResponse: Codable, Sendable, Hashable {
    public var status: String

    public init(status: String = "accepted") {
        self.status = status
    }
}

/// `POST /api/v1/attempts/{attemptId}/progress` request, signed with the attempt's key: `mac` is the
/// HMAC-SHA256 (base64) of the sorted-keys JSON of {attemptId, terminalId, progress, mac: ""}.
public struct ProgressRequest: Codable, Sendable, Hashable {
    public var terminalId: String
    public var progress: ProgressBody
    public var mac: String

    public init(terminalId: String, progress: ProgressBody, mac: String) {
        self.terminalId = terminalId
        self.progress = progress
        self.mac = mac
    }
}

/// `POST /api/v1/attempts/{attemptId}/progress` → 200, with the session's current offline check of
/// the surveillant code (a reissued code reaches the terminal this way).
public struct ProgressResponse: Codable, Sendable, Hashable {
    public var status: String
    public var surveillantCheck: SlowCodeHashBody?
    /// The surveillant ended the attempt from the console, for this reason: the terminal ends it and
    /// sends its result (« Arrêtée par le surveillant »). Left out otherwise.
    public var stopReason: String?

    public init(status: String = "recorded", surveillantCheck: SlowCodeHashBody?, stopReason: String? = nil) {
        self.status = status
        self.surveillantCheck = surveillantCheck
        self.stopReason = stopReason
    }
}

/// `POST /api/v1/sessions/{number}/transfer` request: « Reprendre ici », the candidate's access code
/// and the surveillant code typed on the new terminal. → 200 with a `LoginResponse`.
public struct TransferRequest: Codable, Sendable, Hashable {
    public var code: String
    public var surveillantCode: String
    public var terminalId: String

    public init(code: String, surveillantCode: String, terminalId: String) {
        self.code = code
        self.surveillantCode = surveillantCode
        self.terminalId = terminalId
    }
}

/// `POST /api/v1/results` request: the signed envelope of DESIGN §8 (`epreuve-result/2`, signed
/// with the attempt's key), the JSON a rescue file seals.
public typealias ResultRequest = ResultEnvelope

public enum ReceiptStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// 201: stored now; for a training, `score` and `outOf` are the center's own scoring (an exam's
    /// receipt carries no score).
    case stored
    /// 200: this attempt was stored earlier with the same content.
    case alreadyStored = "already-stored"
}

/// `POST /api/v1/results` → 201 or 200.
public struct ResultReceiptBody: Codable, Sendable, Hashable {
    public var status: ReceiptStatus
    public var score: Int?
    public var outOf: Int?

    public init(status: ReceiptStatus, score: Int? = nil, outOf: Int? = nil) {
        self.status = status
        self.score = score
        self.outOf = outOf
    }
}

/// Every refusal and error of the API: a stable code for programs, a French sentence for people.
public enum WireErrorCode: String, Codable, Sendable, Hashable, CaseIterable {
    case invalidRequest = "invalid-request"
    case payloadTooLarge = "payload-too-large"
    case idempotencyKeyMismatch = "idempotency-key-mismatch"
    case sessionUnknown = "session-unknown"
    case sessionNotStarted = "session-not-started"
    case sessionFinished = "session-finished"
    case codeIncorrect = "code-incorrect"
    case tooManyAttempts = "too-many-attempts"
    case alreadyTaken = "already-taken"
    case invalidResult = "invalid-result"
    case badSignature = "bad-signature"
    case attemptConflict = "attempt-conflict"
    case attemptRunningElsewhere = "attempt-running-elsewhere"
    case nothingToResume = "nothing-to-resume"
    case surveillantCodeIncorrect = "surveillant-code-incorrect"
    case attemptMoved = "attempt-moved"
    case attemptUnknown = "attempt-unknown"
    case internalError = "internal-error"
    case serverBusy = "server-busy"

    public var httpStatus: Int {
        switch self {
        case .invalidRequest, .idempotencyKeyMismatch, .invalidResult: 400
        case .codeIncorrect, .badSignature, .surveillantCodeIncorrect: 401
        case .sessionUnknown, .attemptUnknown: 404
        case .sessionNotStarted, .sessionFinished, .alreadyTaken, .attemptConflict, .attemptRunningElsewhere, .nothingToResume,
             .attemptMoved: 409
        case .payloadTooLarge: 413
        case .tooManyAttempts: 429
        case .internalError: 500
        case .serverBusy: 503
        }
    }
}

/// The body of every 4xx and 5xx answer.
public struct ErrorBody: Codable, Sendable, Hashable, Error {
    public var error: WireErrorCode
    public var message: String
    /// `too-many-attempts`: seconds to wait (also in the `Retry-After` header).
    public var retryAfter: Int?
    /// `session-not-started` and `session-finished`: the scheduled start, ISO 8601 UTC.
    public var startsAt: String?

    public init(error: WireErrorCode, message: String, retryAfter: Int? = nil, startsAt: String? = nil) {
        self.error = error
        self.message = message
        self.retryAfter = retryAfter
        self.startsAt = startsAt
    }
}
