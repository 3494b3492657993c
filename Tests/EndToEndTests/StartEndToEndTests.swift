import ExamStore
import Foundation
import GRDB
import Testing

extension OnTerminals {
    /// The terminal's start as the candidate sees it.
    @Suite(.serialized) struct StartEndToEndTests {
        /// The home screen is drawn before the terminal's store has opened, and the interface runs
        /// on once it has. Another process holds the store here, so the store's opening waits (up to
        /// its 10 s busy timeout); drawn after the store, the home screen would wait with it.
        @Test func theHomeScreenComesBeforeTheStoreHasOpened() async throws {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: home) }
            // The store as any earlier start leaves it, then held by another connection.
            _ = try TerminalStore.open(homePath: home)
            let holder = try StoreHolder(path: home + "/terminal.sqlite")
            let tmux = try Tmux(command: "\(Binaries.path("epreuve")) --home \(home) --content \(Binaries.fixtureContent)")
            try await tmux.waitFor("Passer une épreuve", timeout: 5)
            // A key typed now waits in the terminal until the store has opened, then counts.
            try tmux.keys("Enter")
            try holder.release()
            try await tmux.waitFor("Numéro de l'épreuve")
        }
    }
}

/// A connection that keeps every other one out of an SQLite database until `release`: in exclusive
/// locking mode, set before its first read, it takes the lock on that read and keeps it.
private final class StoreHolder {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            try db.execute(sql: "COMMIT")
        }
    }

    func release() throws {
        try queue.close()
    }
}
