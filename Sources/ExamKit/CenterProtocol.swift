import Crypto
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
/// For an exam the questions carry no answer key and no explanation, and nothing the terminal holds
/// signs anything but this attempt's result.
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
    /// This attempt's key (`AttemptKey`): signs its result and progress reports, nothing else.
    public var resultKey: String
    /// Checks the surveillant code when the center is unreachable (slow on purpose).
    public var surveillantCheck: SlowCodeHash?
    /// The center's X25519 public key (raw, base64): rescue files are sealed to it.
    public var centerPublicKey: String?
    /// Labels of the questions' themes: a networked terminal reads no local content.
    public var themes: [Theme]
    /// Where the attempt stands on the center (last progress report): the terminal resumes there when
    /// its own journal does not have the attempt (another terminal, or a transfer).
    public var progress: AttemptSnapshot?
    /// The session asks for the surveillant's confirmation of presence (`--presence`) and it has not
    /// come yet: the terminal waits (« En attente de la confirmation du surveillant. »), asking the
    /// center, and goes on by itself once it comes.
    public var awaitingPresence: Bool

    public init(attemptId: String, session: SessionInfo, candidateId: String, firstName: String, lastName: String,
                className: String, extraTime: Bool, bank: String, questions: [Question], timing: AttemptTiming,
                passMark: Int, contentDigest: String, resultKey: String, surveillantCheck: SlowCodeHash? = nil,
                centerPublicKey: String? = nil, themes: [Theme] = [], progress: AttemptSnapshot? = nil,
                awaitingPresence: Bool = false) {
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

    enum CodingKeys: String, CodingKey {
        case attemptId, session, candidateId, firstName, lastName, className, extraTime, bank, questions, timing, passMark,
             contentDigest, resultKey, surveillantCheck, centerPublicKey, themes, progress, awaitingPresence
    }

    /// Packages kept by a terminal of the first version lack the later fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attemptId = try container.decode(String.self, forKey: .attemptId)
        session = try container.decode(SessionInfo.self, forKey: .session)
        candidateId = try container.decode(String.self, forKey: .candidateId)
        firstName = try container.decode(String.self, forKey: .firstName)
        lastName = try container.decode(String.self, forKey: .lastName)
        className = try container.decode(String.self, forKey: .className)
        extraTime = try container.decode(Bool.self, forKey: .extraTime)
        bank = try container.decode(String.self, forKey: .bank)
        questions = try container.decode([Question].self, forKey: .questions)
        timing = try container.decode(AttemptTiming.self, forKey: .timing)
        passMark = try container.decode(Int.self, forKey: .passMark)
        contentDigest = try container.decode(String.self, forKey: .contentDigest)
        resultKey = try container.decode(String.self, forKey: .resultKey)
        surveillantCheck = try container.decodeIfPresent(SlowCodeHash.self, forKey: .surveillantCheck)
        centerPublicKey = try container.decodeIfPresent(String.self, forKey: .centerPublicKey)
        themes = try container.decodeIfPresent([Theme].self, forKey: .themes) ?? []
        progress = try container.decodeIfPresent(AttemptSnapshot.self, forKey: .progress)
        awaitingPresence = try container.decodeIfPresent(Bool.self, forKey: .awaitingPresence) ?? false
    }
}

/// Why a login (or a transfer to this terminal) was refused.
public enum LoginRefusal: Error, Codable, Sendable, Hashable {
    case unknownSession
    case notActive(SessionState, startsAt: Date)
    case wrongCode
    case locked(seconds: Int)
    case alreadyTaken
    /// The candidate's attempt runs on another terminal: the surveillant may move it here.
    case runningElsewhere
    /// A transfer asked for an attempt that does not run elsewhere.
    case nothingToResume
    case surveillantCodeWrong
}

/// What the center says about a result it was given. An exam's acknowledgement carries no score:
/// the candidate learns the result from the establishment.
public enum ResultReceipt: Codable, Sendable, Hashable {
    case stored(score: Int?, outOf: Int?)
    case alreadyStored
}

public enum ResultRefusal: Error, Codable, Sendable, Hashable {
    case invalid(String)
    case badMac
    case conflict
    /// The attempt was moved to another terminal: this one's result does not count.
    case attemptMoved
}

/// The answer to a surveillant code typed on a terminal.
public enum SurveillantCheck: Sendable, Hashable {
    case accepted
    case wrongCode
    case locked(seconds: Int)
    case unknownSession
}

/// Where a running attempt stands, sent by its terminal on every move and every few seconds, signed
/// with the attempt's key so nobody who merely learns an attempt id can move it.
public struct ProgressReport: Codable, Sendable, Hashable {
    public var attemptId: String
    public var terminalId: String
    public var progress: AttemptSnapshot
    public var mac: String

    public init(attemptId: String, terminalId: String, progress: AttemptSnapshot, key: String) {
        self.attemptId = attemptId
        self.terminalId = terminalId
        self.progress = progress
        mac = ""
        mac = Self.mac(of: self, key: key)
    }

    public func hasValidMac(key: String) -> Bool {
        AttemptSignature.matches(mac, expected: Self.mac(of: self, key: key))
    }

    private static func mac(of report: ProgressReport, key: String) -> String {
        var unsigned = report
        unsigned.mac = ""
        return AttemptSignature.mac(of: unsigned, key: key)
    }
}

/// HMAC-SHA256 (base64) with an attempt's key over the sorted-keys JSON of a request whose `mac` is
/// empty: what progress reports, alerts and presence polls are signed with.
public enum AttemptSignature {
    public static func mac(of unsigned: some Encodable, key: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(unsigned)) ?? Data()
        let code = HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Data(key.utf8)))
        return Data(code).base64EncodedString()
    }

    /// Constant time: the comparison must not tell how close a forgery was.
    public static func matches(_ given: String, expected: String) -> Bool {
        guard let given = Data(base64Encoded: given), let expected = Data(base64Encoded: expected) else { return false }
        return given.count == expected.count && zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The center's answer to a progress report.
public enum ProgressReceipt: Sendable, Hashable {
    /// Kept; the session's current offline check of the surveillant code comes with it (a reissued
    /// code reaches terminals this way), and the reason when the surveillant ended the attempt from
    /// the console: the terminal then ends it (« Arrêtée par le surveillant »).
    case recorded(surveillantCheck: SlowCodeHash?, stopReason: String? = nil)
    /// The attempt now runs on another terminal: this one stops.
    case moved
    case unknownAttempt
}
