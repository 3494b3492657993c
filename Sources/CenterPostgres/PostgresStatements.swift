import CenterService
import Logging
import PostgresNIO

/// Statements run on the pool outside any explicit transaction, each its own (it sees committed
/// data); a failure is one French sentence naming what was being done.
struct PostgresStatements: Sendable {
    let client: PostgresClient
    let address: PostgresAddress
    let logger: Logger

    func rows(_ what: String, _ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw CenterError(PostgresSentences.sentence(what, error, address: address))
        }
    }

    /// A batch statement's rows, each numbered by its request (`item`, from 1), as answers in the
    /// batch's order: `answer(row, index)` for each; a request left without a row is `unanswered`.
    static func answersByItem<Response>(_ rows: [PostgresRow], count: Int, table: String,
                                        _ answer: (PostgresRow, Int) throws -> Response) throws -> [Result<Response, any Error>] {
        var answers = [Result<Response, any Error>](repeating: .failure(BatchError.unanswered), count: count)
        for row in rows {
            let item = try ColumnReader(row, table: table, id: "item")("item") as Int
            guard answers.indices.contains(item - 1) else { throw BatchError.unanswered }
            answers[item - 1] = Result { try answer(row, item - 1) }
        }
        return answers
    }
}
