import ExamKit
import Foundation

/// What a terminal sends about supervision: a candidate's alert, and the wait for the presence
/// confirmation. Both are signed with the attempt's key and count only from the terminal the attempt
/// runs on.
extension CenterService {
    /// « Signaler un problème »: stored once per question of the attempt; it shows on the console at once.
    public func raiseAlert(_ report: AlertReport) async throws -> AlertReceipt {
        guard let attempt = try await repository.attempt(id: report.attemptId),
              let session = try await repository.session(number: attempt.sessionNumber) else { return .unknownAttempt }
        guard report.hasValidMac(key: AttemptKey.derive(sessionKey: session.resultKey, attemptId: attempt.id)) else {
            throw ResultRefusal.badMac
        }
        guard attempt.terminalId == report.terminalId else { return .moved }
        guard let kind = AlertKind(rawValue: report.kind) else {
            throw ResultRefusal.invalid("signalement « \(report.kind) » inconnu (illisible, affichage ou autre)")
        }
        if let closedAt = session.closedAt { throw ResultRefusal.invalid(Self.closedSentence(session.number, closedAt)) }
        let order = CandidateOrder.order(try questions(of: session), sessionSeed: session.seed, candidateId: attempt.candidateId)
        guard order.indices.contains(report.position - 1), order[report.position - 1].id == report.questionId else {
            throw ResultRefusal.invalid("question \(report.position) : ce n'est pas celle de ce candidat à cette place")
        }
        let alert = CandidateAlert(id: UUID().uuidString.lowercased(), sessionNumber: session.number, attemptId: attempt.id,
                                   candidateId: attempt.candidateId, questionId: report.questionId, position: report.position,
                                   kind: kind, raisedAt: clock.now())
        _ = try await repository.raiseAlert(alert)
        return .received
    }

    /// A terminal waiting for the surveillant's P asks whether it came (and is thereby seen alive).
    public func pollPresence(_ request: PresenceRequest) async throws -> PresenceAnswer {
        guard let attempt = try await repository.attempt(id: request.attemptId),
              let session = try await repository.session(number: attempt.sessionNumber) else { return .unknownAttempt }
        guard request.hasValidMac(key: AttemptKey.derive(sessionKey: session.resultKey, attemptId: attempt.id)) else {
            throw ResultRefusal.badMac
        }
        switch try await repository.pollPresence(attemptId: attempt.id, terminalId: request.terminalId, at: clock.now()) {
        case .confirmed: return .confirmed
        case .waiting: return session.requiresPresence ? .waiting : .confirmed
        case .movedElsewhere: return .moved
        case .unknownAttempt: return .unknownAttempt
        }
    }
}
