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
}
