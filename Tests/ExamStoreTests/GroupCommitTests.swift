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

    static func pool() throws -> DatabasePool {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: folder.appendingPathComponent("test.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE row (id INTEGER PRIMARY KEY)") }
        return pool
    }

    @Test func sixtyFourConcurrentWritesShareFewerCommitsAndAllLand() async throws {
        let pool = try Self.pool()
        let commits = Commits()
        pool.add(transactionObserver: commits, extent: .databaseLifetime)
        let group = GroupCommit(pool: pool)
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
        let group = GroupCommit(pool: pool)
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
}
