import ExamKit
import Foundation

/// A pupil registered at the center.
public struct Candidate: Sendable, Hashable {
    public var id: String
    public var ine: String?
    public var lastName: String
    public var firstName: String
    /// ISO date, yyyy-MM-dd.
    public var birthDate: String
    public var className: String
    public var sex: String
    public var attestation: String
    public var siecle: Bool
    public var extraTime: Bool
    /// Questions read aloud at every exam of this candidate, whatever the attestation (DESIGN §15).
    public var readsAloud: Bool

    public init(id: String, ine: String?, lastName: String, firstName: String, birthDate: String, className: String,
                sex: String, attestation: String, siecle: Bool, extraTime: Bool, readsAloud: Bool = false) {
        self.id = id
        self.ine = ine
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.className = className
        self.sex = sex
        self.attestation = attestation
        self.siecle = siecle
        self.extraTime = extraTime
        self.readsAloud = readsAloud
    }

    /// "Lily ALEXANDRE"
    public var displayName: String { "\(firstName) \(lastName.uppercased())" }
}

/// An exam or training session ("épreuve") as the center keeps it.
public struct CenterSession: Sendable, Hashable {
    public var number: String
    public var kind: SessionKind
    public var profileId: String
    public var name: String
    public var startsAt: Date
    public var place: String?
    public var timed: Bool
    /// Demo sessions never expire (DESIGN §9).
    public var alwaysActive: Bool
    /// Seeds the candidates' question orders (DESIGN §7).
    public var seed: String
    /// Signs result envelopes (HMAC-SHA256); handed to terminals at login.
    public var resultKey: String
    /// The surveillant code, salted and hashed for the center's own (throttled) check.
    public var surveillantSalt: String
    public var surveillantHash: String
    /// The same code, slowly hashed for terminals that check it offline (none for sessions of the
    /// first version: their terminals ask the center).
    public var surveillantCheck: SlowCodeHash?
    /// Question ids in the session's canonical order.
    public var questionIds: [String]
    public var contentDigest: String
    public var createdAt: Date
    /// On terminals, or on paper (« Examen (sans accès internet) », handbook §5.4).
    public var medium: SessionMedium
    /// A training limited to these themes (handbook §4.1); nil: the profile's quotas.
    public var themeIds: [String]?
    /// The establishment's text for the convocations (300 characters at most).
    public var additionalText: String?
    /// The principal exam this one is the rattrapage of (handbook §9).
    public var rattrapageOf: String?
    /// `sessions create --presence`: a candidate starts only once the surveillant confirmed them (DESIGN §12).
    public var requiresPresence: Bool
    /// `sessions close`: from then on the session takes no login and no result.
    public var closedAt: Date?

    public init(number: String, kind: SessionKind, profileId: String, name: String, startsAt: Date, place: String?,
                timed: Bool, alwaysActive: Bool, seed: String, resultKey: String, surveillantSalt: String,
                surveillantHash: String, surveillantCheck: SlowCodeHash? = nil, questionIds: [String], contentDigest: String,
                createdAt: Date, medium: SessionMedium = .terminal, themeIds: [String]? = nil, additionalText: String? = nil,
                rattrapageOf: String? = nil, requiresPresence: Bool = false, closedAt: Date? = nil) {
        self.number = number
        self.kind = kind
        self.profileId = profileId
        self.name = name
        self.startsAt = startsAt
        self.place = place
        self.timed = timed
        self.alwaysActive = alwaysActive
        self.seed = seed
        self.resultKey = resultKey
        self.surveillantSalt = surveillantSalt
        self.surveillantHash = surveillantHash
        self.surveillantCheck = surveillantCheck
        self.questionIds = questionIds
        self.contentDigest = contentDigest
        self.createdAt = createdAt
        self.medium = medium
        self.themeIds = themeIds
        self.additionalText = additionalText
        self.rattrapageOf = rattrapageOf
        self.requiresPresence = requiresPresence
        self.closedAt = closedAt
    }

    public var window: SessionWindow { SessionWindow(kind: kind, start: startsAt, alwaysActive: alwaysActive) }

    /// The window's state, and « Terminé » from the moment the session was closed.
    public func state(at now: Date) -> SessionState {
        closedAt == nil ? window.state(at: now) : .finished
    }
}

/// Where a session is taken. Raw values are what the stores keep.
public enum SessionMedium: String, Sendable, Hashable, CaseIterable {
    /// On the lab's terminals (codes, packages, results sent by terminals).
    case terminal
    /// On paper: question booklet and answer grids, marks typed in on the center (`results enter`).
    case paper
}

/// A candidate called to a session, with the hash of their access code.
public struct Enrolment: Sendable, Hashable {
    public var sessionNumber: String
    public var candidateId: String
    public var codeSalt: String
    public var codeHash: String
    public var extraTime: Bool
    /// Only for the demo sessions, whose codes are public (README, DESIGN §9).
    public var demoCode: String?
    /// When the surveillant confirmed the candidate's presence (console, key P).
    public var presenceConfirmedAt: Date?

    public init(sessionNumber: String, candidateId: String, codeSalt: String, codeHash: String, extraTime: Bool,
                demoCode: String?, presenceConfirmedAt: Date? = nil) {
        self.sessionNumber = sessionNumber
        self.candidateId = candidateId
        self.codeSalt = codeSalt
        self.codeHash = codeHash
        self.extraTime = extraTime
        self.demoCode = demoCode
        self.presenceConfirmedAt = presenceConfirmedAt
    }
}

/// An enrolment with its candidate, as session sheets list them.
public struct EnrolledCandidate: Sendable, Hashable {
    public var candidate: Candidate
    public var enrolment: Enrolment

    public init(candidate: Candidate, enrolment: Enrolment) {
        self.candidate = candidate
        self.enrolment = enrolment
    }
}

/// An attempt opened by a successful login, and where it stands as its terminal last reported.
public struct CenterAttempt: Sendable, Hashable {
    public var id: String
    public var sessionNumber: String
    public var candidateId: String
    /// The terminal the attempt runs on: the only one whose progress and result count.
    public var terminalId: String
    public var openedAt: Date
    /// The last progress report (answers, question, time left).
    public var progress: AttemptSnapshot?
    /// When the terminal was last heard from.
    public var progressAt: Date?
    /// The surveillant let the candidate's next login from another terminal take the attempt over.
    public var transferAuthorized: Bool
    /// The surveillant ended the attempt from the console, for this reason: the terminal learns it
    /// with its next progress receipt and sends the result, marked « Arrêtée par le surveillant ».
    public var stopReason: String?
    public var stoppedAt: Date?

    public init(id: String, sessionNumber: String, candidateId: String, terminalId: String, openedAt: Date,
                progress: AttemptSnapshot? = nil, progressAt: Date? = nil, transferAuthorized: Bool = false,
                stopReason: String? = nil, stoppedAt: Date? = nil) {
        self.id = id
        self.sessionNumber = sessionNumber
        self.candidateId = candidateId
        self.terminalId = terminalId
        self.openedAt = openedAt
        self.progress = progress
        self.progressAt = progressAt
        self.transferAuthorized = transferAuthorized
        self.stopReason = stopReason
        self.stoppedAt = stoppedAt
    }
}

/// How a result reached the center. Raw values are what the store keeps (kept from the first schema).
public enum ResultSource: String, Sendable, Hashable, CaseIterable {
    /// Sent by a terminal (HTTP or the local client).
    case terminal
    /// Imported from a rescue file (`epreuve-center restore`).
    case rescue = "secours"
    /// A paper answer grid typed in (`results enter … --reponses`), scored by the center.
    case paperAnswers = "grille"
    /// A mark typed in (`results enter … --note`): no answers, so no per-theme figures.
    case paperMark = "note"

    /// The answers are known, so per-theme figures can be drawn from them.
    public var hasAnswers: Bool { self != .paperMark }

    /// Typed in on the center from paper (`results enter`): a later entry replaces it.
    public var hasTypedOrigin: Bool { self == .paperAnswers || self == .paperMark }
}

/// A stored result: the envelope as received and the score the center recomputed itself.
public struct StoredResult: Sendable, Hashable {
    public var attemptId: String
    public var sessionNumber: String
    public var candidateId: String
    public var terminalId: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Selected letters per question id.
    public var answers: [String: [String]]
    /// SHA-256 of the canonical envelope: the same attempt with other content is a conflict.
    public var contentHash: String
    public var envelope: String
    public var score: Int
    public var questionCount: Int
    public var passed: Bool
    public var source: ResultSource
    public var storedAt: Date
    /// The surveillant ended the attempt, for this reason.
    public var stopReason: String?
    /// Questions left out of `score` and `questionCount` (accepted alerts), by id.
    public var neutralizedQuestionIds: [String]

    public init(attemptId: String, sessionNumber: String, candidateId: String, terminalId: String, startedAt: Date,
                finishedAt: Date, answers: [String: [String]], contentHash: String, envelope: String, score: Int,
                questionCount: Int, passed: Bool, source: ResultSource, storedAt: Date, stopReason: String? = nil,
                neutralizedQuestionIds: [String] = []) {
        self.attemptId = attemptId
        self.sessionNumber = sessionNumber
        self.candidateId = candidateId
        self.terminalId = terminalId
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.answers = answers
        self.contentHash = contentHash
        self.envelope = envelope
        self.score = score
        self.questionCount = questionCount
        self.passed = passed
        self.source = source
        self.storedAt = storedAt
        self.stopReason = stopReason
        self.neutralizedQuestionIds = neutralizedQuestionIds
    }
}
