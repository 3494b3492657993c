import Foundation
import GRDB
import Synchronization
import Testing
@testable import ExamStore

/// Writes arriving together share one commit, each stays atomic on its own, and nobody hears back
/// before the commit that holds their write.
struct GroupCommitTests {
    final class Commits: TransactionObserver, Sendable {
        let count = Mutex(0)
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { count.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    struct Refused: Error {}

    static func path() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("test.sqlite").path
    }

    /// `automaticCheckpoints: false`: SQLite never checkpoints on commit, so only `WALCheckpointer` does.
    static func pool(at path: String? = nil, automaticCheckpoints: Bool = true) throws -> DatabasePool {
        var configuration = Configuration()
        if !automaticCheckpoints { configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") } }
        let pool = try DatabasePool(path: try path ?? Self.path(), configuration: configuration)
        try pool.write { db in try db.execute(sql: "CREATE TABLE row (id INTEGER PRIMARY KEY, filler BLOB)") }
        return pool
    }

    static func group(_ pool: DatabasePool, interval: DispatchTimeInterval = .milliseconds(200)) throws -> GroupCommit {
        GroupCommit(pool: pool, checkpointer: try WALCheckpointer(path: pool.path, configuration: Configuration(), interval: interval))
    }

    @Test func sixtyFourConcurrentWritesShareFewerCommitsAndAllLand() async throws {
        let pool = try Self.pool()
        let commits = Commits()
        pool.add(transactionObserver: commits, extent: .databaseLifetime)
        let group = try Self.group(pool)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for id in 0..<64 {
                tasks.addTask {
                    try await group.write { db in try db.execute(sql: "INSERT INTO row (id) VALUES (?)", arguments: [id]) }
                    // Acknowledged means committed: another connection sees the row.
                    let seen = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM row WHERE id = ?", arguments: [id]) }
                    #expect(seen == 1)
                }
            }
            try await tasks.waitForAll()
        }
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM row") } == 64)
        #expect(commits.count.withLock { $0 } < 64)
    }

    @Test func aWriteThatFailsRollsBackAloneInItsBatch() async throws {
        let pool = try Self.pool()
        let group = try Self.group(pool)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { tasks in
            for id in 0..<32 {
                tasks.addTask {
                    do {
                        try await group.write { db in
                            try db.execute(sql: "INSERT INTO row (id) VALUES (?)", arguments: [id])
                            if id == 7 { throw Refused() }
                        }
                        return (id, true)
                    } catch {
                        return (id, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (id, stored) in tasks { outcomes[id] = stored }
            return outcomes
        }
        #expect(outcomes.filter { !$0.value }.map(\.key) == [7])
        let ids = try await pool.read { db in try Int.fetchAll(db, sql: "SELECT id FROM row ORDER BY id") }
        #expect(ids == Array(0..<32).filter { $0 != 7 })
    }

    /// The WAL reaches the database file without any commit checkpointing it itself.
    @Test func theWALIsCheckpointedOffTheCommitPath() async throws {
        let path = try Self.path()
        let pool = try Self.pool(at: path, automaticCheckpoints: false)
        let group = try Self.group(pool, interval: .milliseconds(10))
        func fileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
        let before = try fileSize()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for id in 0..<200 {
                tasks.addTask {
                    try await group.write { db in
                        try db.execute(sql: "INSERT INTO row (id, filler) VALUES (?, zeroblob(4096))", arguments: [id])
                    }
                }
            }
            try await tasks.waitForAll()
        }
        // Waits for the effect: a checkpoint that copied the rows into the file (800 KB of them).
        let deadline = ContinuousClock.now + .seconds(10)
        func checkpointed() throws -> Bool { try group.checkpointer.completed.withLock { $0 } > 0 && fileSize() >= before + 800_000 }
        while try !checkpointed(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try fileSize() >= before + 800_000)
        #expect(group.checkpointer.completed.withLock { $0 } >= 1)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM row") } == 200)
    }
}
