import Foundation

/// Public facts about a session, as a terminal sees them before login.
public struct SessionInfo: Codable, Sendable, Hashable {
    public var number: String
    public var name: String
    public var profileId: String
    public var profileTitle: String
    public var kind: SessionKind
    public var state: SessionState
    public var startsAt: Date
    public var endsAt: Date

    public init(number: String, name: String, profileId: String, profileTitle: String, kind: SessionKind,
                state: SessionState, startsAt: Date, endsAt: Date) {
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

/// What a terminal receives at login: who the candidate is and the questions in their order.
/// For an exam the questions carry no answer key and no explanation.
public struct ExamPackage: Codable, Sendable, Hashable {
    public var attemptId: String
    public var session: SessionInfo
    public var candidateId: String
    public var firstName: String
    public var lastName: String
    public var className: String
    public var extraTime: Bool
    public var bank: String
    public var questions: [Question]
    public var timing: AttemptTiming
    public var passMark: Int
    public var contentDigest: String
    /// Key of the result mac (HMAC-SHA256).
    public var resultKey: String
    /// Lets the terminal check the surveillant code when the center is unreachable.
    public var surveillantSalt: String
    public var surveillantHash: String

    public init(attemptId: String, session: SessionInfo, candidateId: String, firstName: String, lastName: String,
                className: String, extraTime: Bool, bank: String, questions: [Question], timing: AttemptTiming,
                passMark: Int, contentDigest: String, resultKey: String, surveillantSalt: String, surveillantHash: String) {
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
        self.surveillantSalt = surveillantSalt
        self.surveillantHash = surveillantHash
    }
}

/// Why a login was refused.
public enum LoginRefusal: Error, Codable, Sendable, Hashable {
    case unknownSession
    case notActive(SessionState, startsAt: Date)
    case wrongCode
    case locked(seconds: Int)
    case alreadyTaken
}

/// What the center says about a result it was given.
public enum ResultReceipt: Codable, Sendable, Hashable {
    case stored(score: Int, outOf: Int)
    case alreadyStored
}

public enum ResultRefusal: Error, Codable, Sendable, Hashable {
    case invalid(String)
    case badMac
    case conflict
}
