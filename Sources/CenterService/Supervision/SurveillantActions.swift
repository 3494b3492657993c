import ExamKit
import Foundation

/// The surveillant's actions from the console (DESIGN §12), run on the center's machine with the
/// store: each is checked here, applied with its log line in one transaction, and refused in French
/// when it no longer applies.
extension CenterService {
    /// The console's picture of a session now; nil when no session has this number.
    public func liveBoard(session number: String) async throws -> LiveBoard? {
        try await repository.supervision(session: number).map { LiveBoard($0, at: clock.now()) }
    }

    public func confirmPresence(session number: String, candidate id: String) async throws {
        try await supervise(.confirmPresence(candidateId: id), number, .presenceConfirmed, candidate: id,
                            refusal: "le candidat n'est pas convoqué à cette épreuve")
    }

    /// « Autoriser la reprise »: the candidate's next login on another terminal takes the attempt over.
    public func authorizeResume(session number: String, candidate id: String) async throws {
        let attempt = try await openAttempt(session: number, candidate: id)
        try await supervise(.authorizeTransfer(attemptId: attempt.id), number, .transferAuthorized, candidate: id,
                            detail: "depuis le poste \(attempt.terminalId)", refusal: "l'épreuve de ce candidat est déjà finie")
    }

    /// Ends the candidate's attempt: its terminal stops at its next progress report (5 s at most) and
    /// sends the result with the reason.
    public func stopAttempt(session number: String, candidate id: String, reason: String) async throws {
        let reason = try Self.checkedText(reason, what: "le motif", limit: 300)
        let attempt = try await openAttempt(session: number, candidate: id)
        try await supervise(.stopAttempt(attemptId: attempt.id, reason: reason), number, .attemptStopped, candidate: id,
                            detail: reason, refusal: "l'épreuve de ce candidat est déjà finie ou arrêtée")
    }

    /// A new access code for one candidate of a session (the old one stops working), in the session's log.
    public func reissueAccessCode(session number: String, candidateId id: String) async throws -> String {
        guard let session = try await repository.session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        var generator = SystemRandomNumberGenerator()
        var maker = AccessCodeMaker(session: session, existing: try await repository.enrolments(session: number))
        let (code, hash) = maker.make(using: &generator)
        try await supervise(.replaceAccessCode(candidateId: id, salt: maker.salt, hash: hash, demoCode: code),
                            number, .accessCodeReissued, candidate: id,
                            refusal: "le candidat « \(id) » n'est pas convoqué à l'épreuve \(number)")
        return code
    }

    /// A new surveillant code for a session: the old one stops working on the center at once, and on
    /// networked terminals with their next progress report (which brings the new offline check).
    public func reissueSurveillantCode(session number: String) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = SixDigits.generate(using: &generator)
        let salt = SecretHash.makeSalt(using: &generator)
        let check = try SlowCodeHash.make(code, cost: surveillantHashCost)
        try await supervise(.replaceSurveillantCode(salt: salt, hash: SecretHash.hash(code, salt: salt), check: check), number,
                            .surveillantCodeReissued, candidate: nil, refusal: "épreuve \(number) inconnue")
        return code
    }

    /// An incident in the session's log, about a candidate or the whole room.
    public func recordIncident(session number: String, candidate id: String?, text: String) async throws {
        let text = try Self.checkedText(text, what: "l'incident", limit: 1000)
        try await supervise(.incident, number, .incident, candidate: id, detail: text, refusal: "épreuve \(number) inconnue")
    }

    /// Accepts (the question is neutralized for this candidate: left out of the score) or rejects an alert.
    public func decideAlert(session number: String, alertId: String, accept: Bool) async throws {
        guard let alert = try await repository.alerts(session: number).first(where: { $0.id == alertId }) else {
            throw CenterError("signalement inconnu")
        }
        try await supervise(.decideAlert(alertId: alertId, accepted: accept), number, accept ? .alertAccepted : .alertRejected,
                            candidate: alert.candidateId,
                            detail: "question \(alert.position) (\(alert.questionId)), \(alert.kind.rawValue)",
                            refusal: "ce signalement a déjà reçu une réponse")
        if accept, let session = try await session(number: number) { try await rescore(attemptId: alert.attemptId, session: session) }
    }

    public func sessionLog(session number: String) async throws -> [SessionLogEntry] {
        try await repository.sessionLog(session: number)
    }

    // MARK: Parts

    private func supervise(_ action: SupervisionAction, _ number: String, _ kind: SessionLogKind, candidate: String?,
                           detail: String = "", refusal: String) async throws {
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        if let closedAt = session.closedAt { throw CenterError(Self.closedSentence(number, closedAt)) }
        let entry = SessionLogEntry(sessionNumber: number, at: clock.now(), kind: kind, candidateId: candidate, detail: detail)
        guard try await repository.supervise(action, log: entry) else { throw CenterError(refusal) }
    }

    private func openAttempt(session number: String, candidate id: String) async throws -> CenterAttempt {
        guard let attempt = try await repository.openAttempt(session: number, candidate: id) else {
            throw CenterError("ce candidat n'a pas d'épreuve en cours")
        }
        return attempt
    }

    static func checkedText(_ text: String, what: String, limit: Int) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CenterError("\(what) est vide") }
        guard trimmed.count <= limit else { throw CenterError("\(what) dépasse \(limit) caractères") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CenterError("\(what) contient des caractères de contrôle")
        }
        return trimmed
    }

    static func closedSentence(_ number: String, _ closedAt: Date) -> String {
        "l'épreuve \(number) est close depuis le \(CenterDates.minute.string(from: closedAt)) : plus rien ne s'y enregistre"
    }

    /// Recomputes a stored result with the attempt's accepted alerts (nothing when there is no result yet:
    /// it will be scored with them when it comes).
    func rescore(attemptId: String, session: CenterSession) async throws {
        let questions = try questions(of: session)
        let passMark = try profile(of: session).passMark
        let order = Dictionary(session.questionIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        _ = try await repository.rescoreResult(attemptId: attemptId) { result, neutralized in
            var changed = result
            let card = Self.card(answers: result.answers, questions: questions, passMark: passMark, neutralized: neutralized)
            changed.score = card.right
            changed.questionCount = card.total
            changed.passed = card.passed
            changed.neutralizedQuestionIds = neutralized.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
            return changed
        }
    }

    static func card(answers: [String: [String]], questions: [Question], passMark: Int, neutralized: Set<String>) -> ScoreCard {
        let selections = questions.map { question in
            Set((answers[question.id] ?? []).compactMap { $0.first.flatMap(ChoiceLetter.index(of:)) })
        }
        return ScoreCard(questions: questions, selections: selections, passMark: passMark, neutralized: neutralized)
    }
}
