import ExamKit
import Foundation

/// A body that does not carry what its type needs (an unknown state, an unreadable date).
public struct WireDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Dates on the wire: ISO 8601 UTC, whole seconds (2026-11-22T09:15:00Z).
public enum WireDate {
    public static func string(_ date: Date) -> String { ResultEnvelope.timestamp(date) }

    public static func date(_ text: String, field: String) throws(WireDecodingError) -> Date {
        guard let date = ResultEnvelope.date(text) else { throw WireDecodingError("\(field) : date illisible « \(text) »") }
        return date
    }
}

extension SessionInfoBody {
    public init(_ info: SessionInfo) {
        self.init(number: info.number, name: info.name, profileId: info.profileId, profileTitle: info.profileTitle,
                  kind: WireSessionKind(info.kind), state: WireSessionState(info.state),
                  startsAt: WireDate.string(info.startsAt), endsAt: WireDate.string(info.endsAt))
    }

    public func sessionInfo() throws(WireDecodingError) -> SessionInfo {
        SessionInfo(number: number, name: name, profileId: profileId, profileTitle: profileTitle, kind: kind.sessionKind,
                    state: state.sessionState, startsAt: try WireDate.date(startsAt, field: "startsAt"),
                    endsAt: try WireDate.date(endsAt, field: "endsAt"))
    }
}

extension WireSessionKind {
    public init(_ kind: SessionKind) {
        switch kind {
        case .examen: self = .examen
        case .entrainement: self = .entrainement
        }
    }

    public var sessionKind: SessionKind {
        switch self {
        case .examen: .examen
        case .entrainement: .entrainement
        }
    }
}

extension WireSessionState {
    public init(_ state: SessionState) {
        switch state {
        case .upcoming: self = .upcoming
        case .active: self = .active
        case .finished: self = .finished
        }
    }

    public var sessionState: SessionState {
        switch self {
        case .upcoming: .upcoming
        case .active: .active
        case .finished: .finished
        }
    }
}

extension QuestionBody {
    public init(_ question: Question) {
        self.init(id: question.id, theme: question.theme, competence: question.competence, situation: question.situation,
                  situationSeconds: question.situationSeconds, prompt: question.prompt, choices: question.choices,
                  answer: question.answer, explanation: question.explanation, reference: question.reference,
                  expectsSeveralAnswers: question.expectsSeveralAnswers)
    }

    public var question: Question {
        Question(id: id, theme: theme, competence: competence, situation: situation, situationSeconds: situationSeconds,
                 prompt: prompt, choices: choices, answer: answer, explanation: explanation, reference: reference,
                 expectsSeveralAnswers: expectsSeveralAnswers)
    }
}

extension LoginResponse {
    public init(_ package: ExamPackage) {
        self.init(attemptId: package.attemptId, session: SessionInfoBody(package.session), candidateId: package.candidateId,
                  firstName: package.firstName, lastName: package.lastName, className: package.className,
                  extraTime: package.extraTime, bank: package.bank, questions: package.questions.map(QuestionBody.init),
                  timing: TimingBody(answerSeconds: package.timing.answerSeconds, timed: package.timing.timed,
                                    readingWordsPerMinute: package.timing.readingWordsPerMinute),
                  passMark: package.passMark, contentDigest: package.contentDigest, resultKey: package.resultKey,
                  surveillantCheck: package.surveillantCheck.map(SlowCodeHashBody.init), centerPublicKey: package.centerPublicKey,
                  themes: package.themes.map { ThemeBody(id: $0.id, label: $0.label) }, progress: package.progress.map(ProgressBody.init),
                  awaitingPresence: package.awaitingPresence ? true : nil)
    }

    public func examPackage() throws(WireDecodingError) -> ExamPackage {
        ExamPackage(attemptId: attemptId, session: try session.sessionInfo(), candidateId: candidateId, firstName: firstName,
                    lastName: lastName, className: className, extraTime: extraTime, bank: bank,
                    questions: questions.map(\.question),
                    timing: AttemptTiming(answerSeconds: timing.answerSeconds, timed: timing.timed,
                                          readingWordsPerMinute: timing.readingWordsPerMinute), passMark: passMark,
                    contentDigest: contentDigest, resultKey: resultKey, surveillantCheck: surveillantCheck?.slowCodeHash,
                    centerPublicKey: centerPublicKey, themes: themes.map { Theme(id: $0.id, label: $0.label) },
                    progress: progress?.snapshot, awaitingPresence: awaitingPresence ?? false)
    }
}

extension SlowCodeHashBody {
    public init(_ hash: SlowCodeHash) {
        self.init(salt: hash.salt, cost: hash.cost, hash: hash.hash)
    }

    public var slowCodeHash: SlowCodeHash { SlowCodeHash(salt: salt, cost: cost, hash: hash) }
}

extension ProgressBody {
    public init(_ snapshot: AttemptSnapshot) {
        self.init(index: snapshot.index, phase: WireAttemptPhase(rawValue: snapshot.phase.rawValue) ?? .notStarted,
                  remainingMs: snapshot.remainingMs, selections: snapshot.selections, timeUsedMs: snapshot.timeUsedMs)
    }

    public var snapshot: AttemptSnapshot {
        AttemptSnapshot(index: index, phase: AttemptSnapshot.Phase(rawValue: phase.rawValue) ?? .notStarted,
                        remainingMs: remainingMs, selections: selections, timeUsedMs: timeUsedMs)
    }
}

extension ProgressRequest {
    public init(_ report: ProgressReport) {
        self.init(terminalId: report.terminalId, progress: ProgressBody(report.progress), mac: report.mac)
    }

    /// The signed report, with the attempt id of the route.
    public func report(attemptId: String) -> ProgressReport {
        var report = ProgressReport(attemptId: attemptId, terminalId: terminalId, progress: progress.snapshot, key: "")
        report.mac = mac
        return report
    }
}

extension ResultReceiptBody {
    public init(_ receipt: ResultReceipt) {
        switch receipt {
        case let .stored(score, outOf): self.init(status: .stored, score: score, outOf: outOf)
        case .alreadyStored: self.init(status: .alreadyStored)
        }
    }

    public func receipt() throws(WireDecodingError) -> ResultReceipt {
        switch status {
        case .stored:
            guard (score == nil) == (outOf == nil) else { throw WireDecodingError("reçu « stored » avec score sans outOf") }
            return .stored(score: score, outOf: outOf)
        case .alreadyStored:
            return .alreadyStored
        }
    }
}

extension ErrorBody {
    public init(_ refusal: LoginRefusal) {
        switch refusal {
        case .unknownSession:
            self.init(error: .sessionUnknown, message: "Épreuve inconnue.")
        case let .notActive(state, startsAt):
            // `.active` is never refused as not active; it reads as "not started" if it ever were.
            self.init(error: state == .finished ? .sessionFinished : .sessionNotStarted,
                      message: state == .finished ? "Cette épreuve est terminée." : "Cette épreuve n'a pas encore commencé.",
                      startsAt: WireDate.string(startsAt))
        case .wrongCode:
            self.init(error: .codeIncorrect, message: "Code d'accès incorrect.")
        case let .locked(seconds):
            self.init(error: .tooManyAttempts, message: "Trop de codes incorrects : réessayez dans \(seconds) s.",
                      retryAfter: seconds)
        case .alreadyTaken:
            self.init(error: .alreadyTaken, message: "Ce candidat a déjà passé cette épreuve.")
        case .runningElsewhere:
            self.init(error: .attemptRunningElsewhere, message: "Cette épreuve est déjà en cours sur un autre poste.")
        case .nothingToResume:
            self.init(error: .nothingToResume, message: "Aucune épreuve de ce candidat n'est en cours sur un autre poste.")
        case .surveillantCodeWrong:
            self.init(error: .surveillantCodeIncorrect, message: "Code surveillant incorrect.")
        }
    }

    public init(_ refusal: ResultRefusal) {
        switch refusal {
        case let .invalid(reason): self.init(error: .invalidResult, message: reason)
        case .badMac: self.init(error: .badSignature, message: "Signature invalide.")
        case .conflict: self.init(error: .attemptConflict, message: "Un autre résultat existe déjà pour cette tentative.")
        case .attemptMoved: self.init(error: .attemptMoved, message: "Cette épreuve a été reprise sur un autre poste.")
        }
    }

    /// The login refusal this body stands for, or nil when it is no login refusal.
    public func loginRefusal() throws(WireDecodingError) -> LoginRefusal? {
        switch error {
        case .sessionUnknown: return .unknownSession
        case .sessionNotStarted, .sessionFinished:
            guard let startsAt else { throw WireDecodingError("\(error.rawValue) sans startsAt") }
            return .notActive(error == .sessionFinished ? .finished : .upcoming,
                              startsAt: try WireDate.date(startsAt, field: "startsAt"))
        case .codeIncorrect: return .wrongCode
        case .tooManyAttempts:
            guard let retryAfter else { throw WireDecodingError("too-many-attempts sans retryAfter") }
            return .locked(seconds: retryAfter)
        case .alreadyTaken: return .alreadyTaken
        case .attemptRunningElsewhere: return .runningElsewhere
        case .nothingToResume: return .nothingToResume
        case .surveillantCodeIncorrect: return .surveillantCodeWrong
        default: return nil
        }
    }

    /// The result refusal this body stands for, or nil when it is no result refusal.
    public var resultRefusal: ResultRefusal? {
        switch error {
        case .invalidResult: .invalid(message)
        case .badSignature: .badMac
        case .attemptConflict: .conflict
        case .attemptMoved: .attemptMoved
        default: nil
        }
    }
}
