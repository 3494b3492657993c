import Dispatch
import GRDB
import Synchronization

/// Moves the center's WAL into the database file off the commit path. SQLite checkpoints in the
/// connection that commits once the WAL passes 1,000 pages: the commit that crossed the line wrote
/// and synced 4 MB more, and every write waiting behind it in the group commit waited too (a
/// result's p99 was 32 ms under load instead of 19). Here a connection of its own checkpoints
/// (PASSIVE: the writer goes on meanwhile) within `interval` of a commit. Short intervals keep each
/// checkpoint small: its sync of the database file delays the commits' syncs of the WAL. In
/// `epreuve-delivery-bench`, 1 s gave 100 ms stalls and 200 ms 50 ms ones; 10 ms and 50 ms gave the
/// same p99 (17–20 ms), 10 ms the shorter slowest results; checkpointing after every batch (0 ms)
/// did worse. The writer keeps an automatic checkpoint at `backstopPages` in case this one falls
/// behind.
final class WALCheckpointer: Sendable {
    static let backstopPages = 10_000
    static let interval: DispatchTimeInterval = .milliseconds(10)

    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "epreuve.center.checkpoint")
    private let scheduled = Mutex(false)
    private let interval: DispatchTimeInterval
    /// Checkpoints run to the end (tests wait on it).
    let completed = Mutex(0)

    init(path: String, configuration: Configuration, interval: DispatchTimeInterval = WALCheckpointer.interval) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
    }

    /// A commit happened: a checkpoint runs within `interval` unless one is already due.
    func commitHappened() {
        let schedule = scheduled.withLock { scheduled in
            defer { scheduled = true }
            return !scheduled
        }
        guard schedule else { return }
        queue.asyncAfter(deadline: .now() + interval) { [self] in
            scheduled.withLock { $0 = false }
            // A checkpoint that fails (the disk, a long reader) leaves the WAL as it is: the next
            // one, or the writer's backstop, catches up. Nothing committed depends on it.
            do {
                _ = try connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
                completed.withLock { $0 += 1 }
            } catch {}
        }
    }
}
