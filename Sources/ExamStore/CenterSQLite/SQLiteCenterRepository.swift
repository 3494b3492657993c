import CenterService
import ExamKit
import Foundation
import GRDB

/// The center's store in one SQLite file (WAL, synchronous FULL), through GRDB's async access so
/// no caller blocks a thread of the cooperative pool. Each write method is atomic (a savepoint of
/// its own) inside IMMEDIATE transactions that group the writes arriving together (`GroupCommit`):
/// several processes sharing the file stay correct (SQLite serializes the writers, the busy
/// timeout makes the others wait).
public final class SQLiteCenterRepository: CenterRepository {
    let pool: DatabasePool
    private let commits: GroupCommit

    /// `statementObserver` sees every SQL statement run (benchmarks count them).
    public init(path: String, statementObserver: (@Sendable (String) -> Void)? = nil) throws {
        do {
            let checkpointer: WALCheckpointer
            (pool, checkpointer) = try DatabaseOpener.open(path: path, migrator: CenterSchema.migrator,
                                                           statementObserver: statementObserver)
            commits = GroupCommit(pool: pool, checkpointer: checkpointer)
        } catch let error as DatabaseError {
            throw CenterError(DatabaseOpener.sentence("ouverture de \(path)", error))
        }
    }

    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        // `asyncRead` and a continuation: one hop to a reader's queue and one back. GRDB's async
        // `read` goes through three actors on dispatch queues, and with the CPUs busy each hop waited
        // longer than the read took.
        try await Self.sentences(what) {
            try await withCheckedThrowingContinuation { continuation in
                self.pool.asyncRead { database in
                    continuation.resume(with: Result { try body(try database.get()) })
                }
            }
        }
    }

    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.sentences(what) { try await self.commits.write(body) }
    }

    private static func sentences<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw CenterError(DatabaseOpener.sentence(what, error))
        }
    }
}

/// The center of a home folder (`center.sqlite`, DESIGN §6), with the demo when the file is new and
/// the content is the bundled one (DESIGN §9).
public enum CenterHome {
    public static func open(home: URL, catalog: Catalog, bundledContent: Bool, clock: any WallClock = SystemWallClock(),
                            surveillantHashCost: Int = SlowCodeHash.defaultCost) async throws -> CenterService {
        let path = home.appendingPathComponent("center.sqlite").path
        let isNew = !FileManager.default.fileExists(atPath: path)
        let service = CenterService(repository: try SQLiteCenterRepository(path: path), catalog: catalog, clock: clock,
                                    surveillantHashCost: surveillantHashCost)
        if isNew && bundledContent { try await service.installDemo() }
        return service
    }
}
