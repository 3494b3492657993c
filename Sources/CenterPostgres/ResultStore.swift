import CenterService
import Foundation
import PostgresNIO

/// One result to store, as `insertResult` receives it.
struct ResultToStore: Sendable {
    let result: StoredResult
    let onePerCandidate: Bool

    var lockKey: Int64 {
        AdvisoryLock.candidateInSession(session: result.sessionNumber, candidate: result.candidateId).key
    }
}

/// Terminals' results on PostgreSQL, stored in batches (`Batches`): the results that arrive together
/// go in one call of `store_results` (schema 7), one round trip and one commit, each through
/// `store_result` with its lock and checks, so every result gets the answer it would have had alone.
struct ResultStore: Sendable {
    let statements: PostgresStatements

    static let what = "enregistrement du résultat"

    /// A batch, answered in its order. Two or more go in one statement, sorted by lock key (so two
    /// batches never wait on each other in a cycle; results of one candidate keep their order). If
    /// the server refuses that statement, each result is tried alone, so an error is only its own
    /// caller's; if the database cannot be reached, the whole batch fails at once, rather than once
    /// per result.
    func store(_ batch: [ResultToStore]) async -> [Result<ResultInsertion, any Error>] {
        if batch.count > 1 {
            let order = batch.indices.sorted { (batch[$0].lockKey, $0) < (batch[$1].lockKey, $1) }
            do {
                let outcomes = try await storeTogether(order.map { batch[$0] })
                var answers = [Result<ResultInsertion, any Error>](repeating: .failure(BatchError.unanswered), count: batch.count)
                for (position, index) in order.enumerated() { answers[index] = outcomes[position] }
                return answers
            } catch let error as PSQLError where error.code == .server {
                // Refused by the server (one result's value, a deadlock): each alone below.
            } catch {
                let failure = CenterError(PostgresSentences.sentence(Self.what, error, address: statements.address))
                return batch.map { _ in .failure(failure) }
            }
        }
        var answers: [Result<ResultInsertion, any Error>] = []
        for item in batch {
            do {
                answers.append(.success(try await storeAlone(item)))
            } catch {
                answers.append(.failure(error))
            }
        }
        return answers
    }

    private func storeAlone(_ item: ResultToStore) async throws -> ResultInsertion {
        let result = item.result
        let answers = StoredJSON.answers(result.answers)
        let neutralized = StoredJSON.strings(result.neutralizedQuestionIds)
        guard let row = try await rows("""
            SELECT outcome, stored_hash, accepted_alerts FROM store_result(
                \(item.lockKey), \(result.attemptId), \(result.sessionNumber), \(result.candidateId), \(result.terminalId),
                \(result.startedAt), \(result.finishedAt), \(answers)::jsonb, \(result.contentHash), \(result.envelope),
                \(result.score), \(result.questionCount), \(result.passed), \(result.source.rawValue), \(result.storedAt),
                \(result.stopReason), \(neutralized)::jsonb, \(item.onePerCandidate))
            """).first else {
            throw CenterError("\(Self.what) : store_result n'a rien répondu")
        }
        return try Self.insertion(row, attemptId: result.attemptId)
    }

    /// Outcomes in `batch`'s order; an outcome row that cannot be read fails its result only. The
    /// statement's error is thrown as postgres-nio's, for `store` to tell a refusal from an outage.
    func storeTogether(_ batch: [ResultToStore]) async throws -> [Result<ResultInsertion, any Error>] {
        let results = batch.map(\.result)
        let stopReasons = try jsonText(results.map(\.stopReason))
        let rows = try await statements.client.query("""
            SELECT item, outcome, stored_hash, accepted_alerts FROM store_results(
                \(batch.map(\.lockKey)), \(results.map(\.attemptId)), \(results.map(\.sessionNumber)),
                \(results.map(\.candidateId)), \(results.map(\.terminalId)), \(results.map(\.startedAt)),
                \(results.map(\.finishedAt)), \(results.map { StoredJSON.answers($0.answers) }), \(results.map(\.contentHash)),
                \(results.map(\.envelope)), \(results.map(\.score)), \(results.map(\.questionCount)), \(results.map(\.passed)),
                \(results.map(\.source.rawValue)), \(results.map(\.storedAt)), \(stopReasons)::jsonb,
                \(results.map { StoredJSON.strings($0.neutralizedQuestionIds) }), \(batch.map(\.onePerCandidate)))
            """, logger: statements.logger).collect()
        return try PostgresStatements.answersByItem(rows, count: batch.count, table: "result") { row, index in
            try Self.insertion(row, attemptId: results[index].attemptId)
        }
    }

    private func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await statements.rows(Self.what, query)
    }

    /// `store_result`'s answer: outcome, the stored copy's hash, the attempt's accepted alerts.
    static func insertion(_ row: PostgresRow, attemptId: String) throws -> ResultInsertion {
        let read = ColumnReader(row, table: "result", id: "outcome")
        switch try read("outcome") as String {
        case "inserted":
            let alerts: [String]
            do {
                alerts = try row.makeRandomAccess()["accepted_alerts"].decode([String].self)
            } catch {
                throw CenterError.unreadableRow(table: "alert", id: attemptId, column: "question_id", detail: nil)
            }
            return .inserted(acceptedAlerts: Set(alerts))
        case "not_enrolled": return .candidateNotEnrolled
        case "candidate_has_result": return .candidateAlreadyHasResult
        case "same_attempt":
            guard let hash = try read.optional("stored_hash") as String? else {
                throw CenterError("\(what) : tentative \(attemptId) ni enregistrée ni présente")
            }
            return .sameAttemptExists(contentHash: hash)
        case let outcome:
            throw CenterError.unreadableRow(table: "result", id: attemptId, column: "outcome", detail: outcome)
        }
    }
}
