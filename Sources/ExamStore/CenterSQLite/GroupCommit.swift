import GRDB
import Synchronization

/// Group commit: the writes that arrive while one transaction is being committed wait for it, then
/// run together in the next transaction, each in a savepoint of its own. One fsync then
/// acknowledges a whole batch, so 32 terminals handing in results at once cost about as much disk
/// time as one, while every caller still hears back only once its write is on disk (synchronous
/// FULL), and a write that fails rolls back alone.
final class GroupCommit: Sendable {
    /// Runs one write inside the batch's transaction and returns how to answer its caller once the
    /// transaction is committed.
    private typealias Execute = @Sendable (Database) -> @Sendable () -> Void
    private struct Pending: Sendable {
        let execute: Execute
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var pending: [Pending] = []
        var draining = false
    }

    private let pool: DatabasePool
    let checkpointer: WALCheckpointer
    private let queue = Mutex(Queue())
    /// Larger batches add latency for the first writer without saving more fsyncs.
    private let maximumBatch = 256

    init(pool: DatabasePool, checkpointer: WALCheckpointer) {
        self.pool = pool
        self.checkpointer = checkpointer
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = Pending(execute: { db in
                let outcome: Result<T, any Error>
                do {
                    var value: T?
                    try db.inSavepoint {
                        value = try body(db)
                        return .commit
                    }
                    outcome = .success(value!)
                } catch {
                    outcome = .failure(error)
                }
                return { continuation.resume(with: outcome) }
            }, fail: { continuation.resume(throwing: $0) })
            let startDraining = queue.withLock { queue in
                queue.pending.append(pending)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if startDraining { Task { await self.drain() } }
        }
    }

    /// Commits batches until no write is waiting.
    private func drain() async {
        while true {
            let batch: [Pending] = queue.withLock { queue in
                let batch = Array(queue.pending.prefix(maximumBatch))
                queue.pending.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                let answers = try await pool.write { db in batch.map { $0.execute(db) } }
                checkpointer.commitHappened()
                for answer in answers { answer() }
            } catch {
                // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
                for pending in batch { pending.fail(error) }
            }
        }
    }
}
