import CenterService
import ExamKit
import Foundation
import Logging
import PostgresNIO

/// The center's store in a PostgreSQL database, shared by any number of `serve` processes.
///
/// Queries run on postgres-nio's connection pool, whose I/O is non-blocking on NIO's event loops: no
/// caller blocks a thread. Each write method is one transaction at READ COMMITTED; the ones that read
/// before they write first take a transaction-level advisory lock on what they decide about (one
/// candidate in one session, one throttle counter, the candidate list), so for that key the methods
/// run one after the other on every connection of every process, exactly as SQLite's single writer
/// makes them. Primary keys and `ON CONFLICT` settle the rest (one result per attempt id, one session
/// per number).
public final class PostgresCenterRepository: CenterRepository {
    let client: PostgresClient
    let address: PostgresAddress
    let logger: Logger
    private let running: Task<Void, Never>
    let statements: PostgresStatements
    let resultBatches: Batches<ResultToStore, ResultInsertion>
    let contextBatches: Batches<ResultContextRequest, ResultContext>
    /// True when this open created the center's tables: a new center, which gets the demo when it
    /// uses the bundled content (DESIGN §9).
    public let isNewStore: Bool

    /// Enough for the concurrent requests of one `serve` process on a small machine while several
    /// processes stay well under PostgreSQL's default 100 connections; queries beyond it wait their turn.
    public static let defaultMaximumConnections = 10
    /// Results stored (or their checks' reads) by one statement at most, and such statements under
    /// way at once per process: two let one batch commit while the next runs.
    static let maximumBatch = 64
    static let concurrentBatches = 2

    private init(client: PostgresClient, address: PostgresAddress, logger: Logger, running: Task<Void, Never>, isNewStore: Bool) {
        self.client = client
        self.address = address
        self.logger = logger
        self.running = running
        self.isNewStore = isNewStore
        let statements = PostgresStatements(client: client, address: address, logger: logger)
        self.statements = statements
        resultBatches = Batches(maximumBatch: Self.maximumBatch, concurrentBatches: Self.concurrentBatches) {
            await ResultStore(statements: statements).store($0)
        }
        contextBatches = Batches(maximumBatch: Self.maximumBatch, concurrentBatches: Self.concurrentBatches) {
            await ResultContexts(statements: statements).read($0)
        }
    }

    /// Connects once to check the server and apply the migrations (so an unreachable server, a wrong
    /// password or a missing database is one French line at once, not a pool retrying for a minute),
    /// then starts the pool.
    public static func open(_ address: PostgresAddress, maximumConnections: Int = defaultMaximumConnections,
                            logger: Logger = quietLogger) async throws -> PostgresCenterRepository {
        let isNewStore: Bool
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try address.connectionConfiguration, id: 0, logger: logger)
            do {
                isNewStore = try await PostgresSchema.migrate(connection, logger: logger)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw CenterError(PostgresSentences.sentence("ouverture de \(address)", error, address: address))
        }
        let client = PostgresClient(configuration: address.clientConfiguration(maximumConnections: maximumConnections),
                                    backgroundLogger: logger)
        // The pool's first query waits until `run()` has begun (it warns otherwise, on every start):
        // the task says so just before the call, which marks the pool running before it suspends.
        let (started, starting) = AsyncStream.makeStream(of: Never.self)
        let running = Task {
            starting.finish()
            await client.run()
        }
        for await _ in started {}
        return PostgresCenterRepository(client: client, address: address, logger: logger, running: running, isNewStore: isNewStore)
    }

    /// Closes the pool's connections and waits until they are closed. Queries after this fail.
    public func close() async {
        running.cancel()
        await running.value
    }

    deinit {
        // A repository dropped without `close()` still lets its connections go.
        running.cancel()
    }

    /// postgres-nio tells of connections made, dropped and retried at info level: warnings and up
    /// only, so a command's output stays its own.
    public static var quietLogger: Logger {
        var logger = Logger(label: "epreuve.center.postgres")
        logger.logLevel = .warning
        return logger
    }

    /// Rows of one statement run outside any explicit transaction (it sees committed data).
    func rows(_ what: String, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await statements.rows(what, query)
    }

    /// One transaction on one connection of the pool: committed when `body` returns, rolled back
    /// when it throws.
    func transaction<T: Sendable>(_ what: String, _ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                let transaction = Transaction(connection: connection, logger: logger)
                try await transaction.run("BEGIN")
                do {
                    let value = try await body(transaction)
                    try await transaction.run("COMMIT")
                    return value
                } catch {
                    // A connection that cannot roll back must not go back to the pool mid-transaction:
                    // closing it makes the server roll back, and the pool drop it.
                    do {
                        try await transaction.run("ROLLBACK")
                    } catch {
                        try? await connection.close()
                    }
                    throw error
                }
            }
        } catch {
            throw CenterError(PostgresSentences.sentence(what, error, address: address))
        }
    }

    /// The connection of a transaction in progress.
    struct Transaction: Sendable {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
            try await connection.query(query, logger: logger).collect()
        }

        func run(_ query: PostgresQuery) async throws {
            _ = try await rows(query)
        }

        /// Waits until no other transaction holds `lock`, and holds it until this one ends.
        func lock(_ lock: AdvisoryLock) async throws {
            try await run("SELECT pg_advisory_xact_lock(\(lock.key))")
        }
    }
}
