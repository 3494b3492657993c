import Crypto
import ExamKit
import Foundation

/// Results handed in by terminals or restored from rescue files.
extension CenterService {
    /// Stores a result once per attempt id: the same content again is "already stored", other
    /// content for the same attempt is a conflict. Checks the mac, the session, the candidate and
    /// that the questions are exactly the session's; scores from the center's own key.
    public func storeResult(_ envelope: ResultEnvelope, source: ResultSource = .terminal) async throws -> Result<ResultReceipt, ResultRefusal> {
        guard envelope.format == ResultEnvelope.formatName else {
            return .failure(.invalid("format « \(envelope.format) » inconnu"))
        }
        guard let session = try await session(number: envelope.examNumber) else {
            return .failure(.invalid("épreuve \(envelope.examNumber) inconnue de ce centre"))
        }
        guard envelope.hasValidMac(key: session.resultKey) else { return .failure(.badMac) }
        guard let started = ResultEnvelope.date(envelope.startedAt), let finished = ResultEnvelope.date(envelope.finishedAt) else {
            return .failure(.invalid("dates illisibles"))
        }
        let expected = try questions(of: session)
        let givenIds = envelope.questions.map(\.questionId)
        guard Set(givenIds) == Set(expected.map(\.id)), givenIds.count == expected.count else {
            return .failure(.invalid("les questions ne sont pas celles de l'épreuve \(session.number)"))
        }
        guard let profile = catalog.profile(session.profileId) else {
            return .failure(.invalid("profil \(session.profileId) absent du contenu"))
        }
        let selections = envelope.selectionsByQuestion
        let card = ScoreCard(questions: expected, selections: expected.map { selections[$0.id] ?? [] }, passMark: profile.passMark)
        let contentHash = SHA256.hash(data: envelope.canonicalJSON()).map { String(format: "%02x", $0) }.joined()
        let result = StoredResult(
            attemptId: envelope.attemptId, sessionNumber: session.number, candidateId: envelope.candidateId,
            terminalId: envelope.terminalId, startedAt: started, finishedAt: finished,
            answers: Dictionary(uniqueKeysWithValues: envelope.questions.map { ($0.questionId, $0.selected) }),
            contentHash: contentHash, envelope: String(decoding: envelope.fileData(), as: UTF8.self),
            score: card.right, questionCount: card.total, passed: card.passed, source: source, storedAt: clock.now())

        switch try await repository.insertResult(result, onePerCandidate: session.kind == .examen) {
        case .inserted:
            return .success(.stored(score: card.right, outOf: card.total))
        case .candidateNotEnrolled:
            return .failure(.invalid("le candidat \(envelope.candidateId) n'est pas convoqué à l'épreuve \(session.number)"))
        case let .sameAttemptExists(storedHash):
            return storedHash == contentHash ? .success(.alreadyStored) : .failure(.conflict)
        case .candidateAlreadyHasResult:
            return .failure(.invalid("un résultat de ce candidat est déjà enregistré pour l'épreuve \(session.number)"))
        }
    }

    public func results(session number: String? = nil) async throws -> [StoredResult] {
        try await repository.results(session: number)
    }

    public enum RestoreOutcome: Sendable, Hashable {
        case imported(score: Int, outOf: Int)
        case alreadyPresent
        case refused(String)
    }

    /// Imports one rescue file. The file must be byte for byte what a terminal wrote: the mac
    /// covers the content, and any other change (even white space) means someone edited it.
    public func restore(fileData data: Data) async throws -> RestoreOutcome {
        guard let envelope = try? JSONDecoder().decode(ResultEnvelope.self, from: data) else {
            return .refused("ce n'est pas un fichier de résultat Épreuve (JSON illisible)")
        }
        guard envelope.fileData() == data else {
            return .refused("fichier modifié depuis son écriture par le terminal")
        }
        switch try await storeResult(envelope, source: .rescue) {
        case let .success(.stored(score, outOf)): return .imported(score: score, outOf: outOf)
        case .success(.alreadyStored): return .alreadyPresent
        case let .failure(refusal):
            switch refusal {
            case .badMac: return .refused("signature invalide (fichier modifié ou d'un autre centre)")
            case .conflict: return .refused("un autre résultat existe déjà pour cette tentative")
            case let .invalid(reason): return .refused(reason)
            }
        }
    }
}
