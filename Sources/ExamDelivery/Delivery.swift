import ExamKit
import ExamStore
import Foundation

/// What delivery needs of the terminal's store: the outbox.
public protocol OutboxStore: Sendable {
    func outboxEntry(attemptId: String) throws -> OutboxRecord?
    func undelivered() throws -> [OutboxRecord]
    func markDelivered(attemptId: String) throws
    func markFailed(attemptId: String, error: String, nextTryAt: Date) throws
    /// The attempt went on on another terminal: not resumable, its result not sent.
    func markMoved(attemptId: String) throws
}

extension TerminalStore: OutboxStore {}

/// Sends what waits in the outbox and records each outcome. A result leaves the outbox only when
/// the center acknowledged it (stored now or already stored).
public struct Delivery: Sendable {
    public let store: any OutboxStore
    public let client: any CenterClient
    public let clock: any WallClock

    public init(store: any OutboxStore, client: any CenterClient, clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.client = client
        self.clock = clock
    }

    public enum Outcome: Sendable, Hashable {
        case delivered
        case failed(String)
        /// The center says the attempt went on on another terminal: this result will never count.
        case superseded
    }

    public func deliver(attemptId: String) async -> Outcome {
        do {
            guard let entry = try store.outboxEntry(attemptId: attemptId) else {
                return .failed("aucun résultat en attente pour la tentative \(attemptId)")
            }
            switch entry.state {
            case .delivered: return .delivered
            case .superseded: return .superseded
            case .pending: return await deliver(entry)
            }
        } catch {
            return .failed(FileProblem.describe(error))
        }
    }

    public func deliver(_ entry: OutboxRecord) async -> Outcome {
        let message: String
        do {
            switch try await client.submit(try entry.decodedEnvelope()) {
            case .success:
                try store.markDelivered(attemptId: entry.attemptId)
                return .delivered
            case .failure(.attemptMoved):
                try store.markMoved(attemptId: entry.attemptId)
                return .superseded
            case let .failure(refusal):
                message = refusal.message
            }
        } catch let error as DeliveryError {
            message = error.message
        } catch {
            message = FileProblem.describe(error)
        }
        let delay = Backoff.delay(afterTries: entry.tries + 1)
        try? store.markFailed(attemptId: entry.attemptId, error: message, nextTryAt: clock.now().addingTimeInterval(delay))
        return .failed(message)
    }
}

/// Retry delays: 1 s doubling to 60 s, with jitter so a lab of terminals does not retry in step.
public enum Backoff {
    public static func delay(afterTries tries: Int, jitter: Double = Double.random(in: 0.5...1.0)) -> TimeInterval {
        let base = min(60, pow(2, Double(max(0, tries - 1))))
        return base * jitter
    }
}

/// Rescue files (DESIGN §8, §11): the signed result sealed to the center (`epreuve-rescue/2`), written
/// atomically into a folder; the signed result itself only for packages of the first version, which
/// carry no center key.
public enum RescueFiles {
    public static func write(_ results: [(envelope: ResultEnvelope, centerPublicKey: String?)], to directory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DeliveryError(FileProblem.sentence(error, path: folder.path, doing: "dossier impossible à créer"))
        }
        var written: [String] = []
        for (envelope, centerKey) in results {
            let url = folder.appendingPathComponent(envelope.rescueFileName)
            let data: Data
            if let centerKey {
                do {
                    data = try SealedRescue.seal(envelope, centerPublicKey: centerKey).fileData()
                } catch let error as IntegrityError {
                    throw DeliveryError("\(url.path) : \(error.message)")
                }
            } else {
                data = envelope.fileData()
            }
            do {
                // .atomic writes a temporary file then renames it: a pulled USB key never holds half a file.
                try data.write(to: url, options: .atomic)
            } catch {
                throw DeliveryError(FileProblem.sentence(error, path: url.path, doing: "écriture impossible"))
            }
            written.append(url.path)
        }
        return written
    }

    /// `$EPREUVE_RESCUE_DIR`, else `epreuve-secours` in the user's home. As text: it is read before
    /// the terminal's first frame, where `FileManager.default` and `URL` cost about a millisecond.
    public static var defaultDirectory: String {
        if let env = getenv("EPREUVE_RESCUE_DIR").map({ String(cString: $0) }), !env.isEmpty { return env }
        return HomeFolder.join(HomeFolder.userHome, "epreuve-secours")
    }
}
