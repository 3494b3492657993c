import Synchronization

/// Group commit for a database reached over the network: the requests that arrive while earlier
/// ones are running wait, then run together in one call of `run` (up to `maximumBatch` of them), with
/// at most `concurrentBatches` calls under way at once. A lone request starts at once, so a quiet
/// center waits for nothing; under load, one round trip and one commit serve many callers.
final class Batches<Request: Sendable, Response: Sendable>: Sendable {
    /// Runs a batch and answers every request of it, in its order.
    typealias Run = @Sendable ([Request]) async -> [Result<Response, any Error>]

    private struct Waiting: Sendable {
        let request: Request
        let continuation: CheckedContinuation<Response, any Error>
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        var running = 0
    }

    private let state = Mutex(State())
    private let maximumBatch: Int
    private let concurrentBatches: Int
    private let run: Run

    init(maximumBatch: Int, concurrentBatches: Int, run: @escaping Run) {
        precondition(maximumBatch > 0 && concurrentBatches > 0)
        self.maximumBatch = maximumBatch
        self.concurrentBatches = concurrentBatches
        self.run = run
    }

    /// Requests not yet in a batch.
    var waitingCount: Int {
        state.withLock { $0.waiting.count }
    }

    func submit(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLock { state in
                state.waiting.append(Waiting(request: request, continuation: continuation))
                guard state.running < concurrentBatches else { return false }
                state.running += 1
                return true
            }
            if starts { Task { await self.drain() } }
        }
    }

    /// Runs batches until nothing waits.
    private func drain() async {
        while true {
            let batch: [Waiting] = state.withLock { state in
                let batch = Array(state.waiting.prefix(maximumBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.running -= 1 }
                return batch
            }
            if batch.isEmpty { return }
            let responses = await run(batch.map(\.request))
            for (index, waiting) in batch.enumerated() {
                waiting.continuation.resume(with: index < responses.count ? responses[index] : .failure(BatchError.unanswered))
            }
        }
    }
}

/// A batch's runner answered fewer requests than it was given (a bug, said rather than hung on).
enum BatchError: Error {
    case unanswered
}
