import Crypto
import ExamKit
import Foundation

/// Results handed in by terminals or restored from rescue files. The center trusts nothing a terminal
/// says beyond the candidate's choices: the attempt must be one it issued to that candidate, on the
/// terminal it runs on, with that attempt's extra time, question order and dates; every position,
/// letter and time is range-checked; the score comes from the center's own key.
extension CenterService {
    /// Leeway for terminal clocks.
    static let clockSkew: TimeInterval = 300

    public func storeResult(_ envelope: ResultEnvelope, source: ResultSource = .terminal) async throws -> Result<ResultReceipt, ResultRefusal> {
        let checked: CheckedResult
        switch try await check(envelope, source: source) {
        case let .success(result): checked = result
        case let .failure(refusal): return .failure(refusal)
        }
        switch try await repository.insertResult(checked.result, onePerCandidate: checked.session.kind == .examen) {
        case let .inserted(acceptedAlerts):
            // An alert accepted while the result was on its way: counted now (the decision rescored
            // nothing, there was no result yet).
            if acceptedAlerts != Set(checked.result.neutralizedQuestionIds) {
                try await rescore(attemptId: envelope.attemptId, session: checked.session)
            }
            // An exam's acknowledgement says nothing of the score: the establishment announces results.
            return .success(checked.session.kind == .examen ? .stored(score: nil, outOf: nil)
                            : .stored(score: checked.result.score, outOf: checked.result.questionCount))
        case .candidateNotEnrolled:
            return .failure(.invalid("le candidat \(envelope.candidateId) n'est pas convoqué à l'épreuve \(checked.session.number)"))
        case let .sameAttemptExists(storedHash):
            return storedHash == checked.result.contentHash ? .success(.alreadyStored) : .failure(.conflict)
        case .candidateAlreadyHasResult:
            return .failure(.invalid("un résultat de ce candidat est déjà enregistré pour l'épreuve \(checked.session.number)"))
        }
    }

    private struct CheckedResult {
        var session: CenterSession
        var result: StoredResult
    }

    private func check(_ envelope: ResultEnvelope, source: ResultSource) async throws -> Result<CheckedResult, ResultRefusal> {
        func invalid(_ reason: String) -> Result<CheckedResult, ResultRefusal> { .failure(.invalid(reason)) }
        // One read for what the checks need (the session, the attempt, the enrolment, accepted alerts).
        let context = try await repository.resultContext(session: envelope.examNumber, attemptId: envelope.attemptId)
        guard let session = context.session else {
            return invalid("épreuve \(envelope.examNumber) inconnue de ce centre")
        }
        if let closedAt = session.closedAt { return invalid(Self.closedSentence(session.number, closedAt)) }
        let canonical = envelope.canonicalJSON()
        switch envelope.format {
        case ResultEnvelope.formatName:
            guard envelope.hasValidMac(key: AttemptKey.derive(sessionKey: session.resultKey, attemptId: envelope.attemptId),
                                       canonical: canonical) else {
                return .failure(.badMac)
            }
        case ResultEnvelope.legacyFormatName:
            // Files of terminals of the first version were signed with the session key.
            guard envelope.hasValidMac(key: session.resultKey, canonical: canonical) else { return .failure(.badMac) }
        default:
            return invalid("format « \(envelope.format) » inconnu")
        }
        // Issued by this center, to this candidate, and still on this terminal.
        guard let attempt = context.attempt, attempt.sessionNumber == session.number,
              attempt.candidateId == envelope.candidateId else {
            return invalid("tentative \(envelope.attemptId) inconnue : seul le centre ouvre une tentative, à la connexion du candidat")
        }
        guard attempt.terminalId == envelope.terminalId else { return .failure(.attemptMoved) }
        guard let enrolment = context.enrolment else {
            return invalid("le candidat \(envelope.candidateId) n'est pas convoqué à l'épreuve \(session.number)")
        }
        guard envelope.extraTime == enrolment.extraTime else { return invalid("tiers-temps différent de celui du candidat") }
        let profile = try profile(of: session)
        guard envelope.bank == profile.bank else { return invalid("banque « \(envelope.bank) » différente de celle de l'épreuve") }

        let questions = try self.questions(of: session)
        let order = CandidateOrder.order(questions, sessionSeed: session.seed, candidateId: attempt.candidateId)
        guard envelope.questions.count == order.count else {
            return invalid("les questions ne sont pas celles de l'épreuve \(session.number)")
        }
        let answerLimit = session.timed ? (profile.answerSeconds(extraTime: enrolment.extraTime) + 2) * 1000 : 24 * 3_600_000
        for (index, answer) in envelope.questions.enumerated() {
            guard answer.position == index + 1, answer.questionId == order[index].id else {
                return invalid("question \(index + 1) : ce n'est pas celle de ce candidat à cette place")
            }
            let letters = order[index].choices.indices.map(ChoiceLetter.letter)
            guard Set(answer.selected).count == answer.selected.count, answer.selected.allSatisfy(letters.contains),
                  order[index].expectsSeveralAnswers || answer.selected.count <= 1 else {
                return invalid("question \(index + 1) : réponse « \(answer.selected.joined(separator: ",")) » impossible")
            }
            guard (0...answerLimit).contains(answer.timeUsedMs) else { return invalid("question \(index + 1) : temps hors limites") }
        }
        guard let started = ResultEnvelope.date(envelope.startedAt), let finished = ResultEnvelope.date(envelope.finishedAt) else {
            return invalid("dates illisibles")
        }
        let now = clock.now()
        guard started >= attempt.openedAt.addingTimeInterval(-Self.clockSkew), finished >= started,
              finished <= now.addingTimeInterval(Self.clockSkew),
              finished.timeIntervalSince(started) <= session.kind.validity + Self.clockSkew else {
            return invalid("dates hors de la tentative (début \(envelope.startedAt), fin \(envelope.finishedAt))")
        }
        if let reason = envelope.stopReason, reason.count > 300 || reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return invalid("motif d'arrêt illisible")
        }

        let selections = envelope.selectionsByQuestion
        let neutralized = context.acceptedAlerts
        let card = ScoreCard(questions: questions, selections: questions.map { selections[$0.id] ?? [] }, passMark: profile.passMark,
                             neutralized: neutralized)
        let contentHash = Hex.encode(SHA256.hash(data: canonical))
        let result = StoredResult(
            attemptId: envelope.attemptId, sessionNumber: session.number, candidateId: attempt.candidateId,
            terminalId: envelope.terminalId, startedAt: started, finishedAt: finished,
            answers: Dictionary(uniqueKeysWithValues: envelope.questions.map { ($0.questionId, $0.selected) }),
            contentHash: contentHash, envelope: envelope.storedJSON(canonical: canonical),
            score: card.right, questionCount: card.total, passed: card.passed, source: source, storedAt: now,
            // Ended from the console: the surveillant's reason stands even if the terminal finished first.
            stopReason: envelope.stopReason ?? attempt.stopReason,
            neutralizedQuestionIds: session.questionIds.filter(neutralized.contains))
        return .success(CheckedResult(session: session, result: result))
    }

    public func results(session number: String? = nil) async throws -> [StoredResult] {
        try await repository.results(session: number)
    }

    public enum RestoreOutcome: Sendable, Hashable {
        case imported(score: Int, outOf: Int)
        case alreadyPresent
        case refused(String)
    }

    /// Imports one rescue file: sealed to this center (`epreuve-rescue/2`), or the signed result of the
    /// first version (`epreuve-result/1`). The file must be byte for byte what a terminal wrote.
    public func restore(fileData data: Data) async throws -> RestoreOutcome {
        let envelope: ResultEnvelope
        if let sealed = try? JSONDecoder().decode(SealedRescue.self, from: data), sealed.format == SealedRescue.formatName {
            guard sealed.fileData() == data else { return .refused("fichier modifié depuis son écriture par le terminal") }
            do {
                envelope = try sealed.open(centerPrivateKey: try await centerPrivateKey())
            } catch let error as IntegrityError {
                return .refused(error.message)
            }
        } else {
            guard let plain = try? JSONDecoder().decode(ResultEnvelope.self, from: data) else {
                return .refused("ce n'est pas un fichier de résultat Épreuve (JSON illisible)")
            }
            guard plain.fileData() == data else { return .refused("fichier modifié depuis son écriture par le terminal") }
            envelope = plain
        }
        switch try await storeResult(envelope, source: .rescue) {
        case .success(.stored):
            let stored = try await repository.result(attemptId: envelope.attemptId)
            return .imported(score: stored?.score ?? 0, outOf: stored?.questionCount ?? 0)
        case .success(.alreadyStored): return .alreadyPresent
        case let .failure(refusal):
            switch refusal {
            case .badMac: return .refused("signature invalide (fichier modifié ou d'un autre centre)")
            case .conflict: return .refused("un autre résultat existe déjà pour cette tentative")
            case .attemptMoved: return .refused("la tentative a été reprise sur un autre poste : ce fichier ne compte plus")
            case let .invalid(reason): return .refused(reason)
            }
        }
    }
}
