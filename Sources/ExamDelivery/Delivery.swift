import ExamKit
import ExamStore
import Foundation

/// What delivery needs of the terminal's store: the outbox.
public protocol OutboxStore: Sendable {
    func outboxEntry(attemptId: String) throws -> OutboxRecord?
    func undelivered() throws -> [OutboxRecord]
    func markDelivered(attemptId: String) throws
    func markFailed(attemptId: String, error: String, nextTryAt: Date) throws
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
    }

    public func deliver(attemptId: String) async -> Outcome {
        do {
            guard let entry = try store.outboxEntry(attemptId: attemptId) else {
                return .failed("aucun résultat en attente pour la tentative \(attemptId)")
            }
            if entry.state == .delivered { return .delivered }
            return await deliver(entry)
        } catch {
            return .failed("\(error)")
        }
    }

    public func deliver(_ entry: OutboxRecord) async -> Outcome {
        let message: String
        do {
            switch try await client.submit(try entry.decodedEnvelope()) {
            case .success:
                try store.markDelivered(attemptId: entry.attemptId)
                return .delivered
            case let .failure(refusal):
                message = refusal.message
            }
        } catch let error as DeliveryError {
            message = error.message
        } catch {
            message = "\(error)"
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

/// Rescue files (DESIGN §8): the signed envelope itself, written atomically into a folder.
public enum RescueFiles {
    public static func write(_ envelopes: [ResultEnvelope], to directory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DeliveryError("\(folder.path) : dossier impossible à créer (\(error.localizedDescription))")
        }
        var written: [String] = []
        for envelope in envelopes {
            let url = folder.appendingPathComponent(envelope.rescueFileName)
            do {
                // .atomic writes a temporary file then renames it: a pulled USB key never holds half a file.
                try envelope.fileData().write(to: url, options: .atomic)
            } catch {
                throw DeliveryError("\(url.path) : écriture impossible (\(error.localizedDescription))")
            }
            written.append(url.path)
        }
        return written
    }

    public static var defaultDirectory: String {
        if let env = ProcessInfo.processInfo.environment["EPREUVE_RESCUE_DIR"], !env.isEmpty { return env }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent("epreuve-secours").path
    }
}
