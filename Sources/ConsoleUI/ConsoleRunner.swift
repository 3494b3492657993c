import CenterService
import ExamKit
import Foundation
import TerminalRuntime
import TerminalUI

/// Where the console reads boards and carries actions out: the center's store, on the center's
/// machine (a surveillant's power needs the store, never a network route).
public protocol SupervisionSource: Sendable {
    func board(session number: String) async throws -> LiveBoard?
    func perform(_ action: ConsoleAction, session number: String) async throws -> ActionOutcome
}

extension CenterService: SupervisionSource {
    public func board(session number: String) async throws -> LiveBoard? {
        try await liveBoard(session: number)
    }

    public func perform(_ action: ConsoleAction, session number: String) async throws -> ActionOutcome {
        switch action {
        case let .confirmPresence(id): try await confirmPresence(session: number, candidate: id)
        case let .authorizeResume(id): try await authorizeResume(session: number, candidate: id)
        case let .stopAttempt(id, reason): try await stopAttempt(session: number, candidate: id, reason: reason)
        case let .reissueAccessCode(id): return .code(try await reissueAccessCode(session: number, candidateId: id))
        case .reissueSurveillantCode: return .code(try await reissueSurveillantCode(session: number))
        case let .incident(id, text): try await recordIncident(session: number, candidate: id, text: text)
        case let .decideAlert(alertId, accept): try await decideAlert(session: number, alertId: alertId, accept: accept)
        }
        return .done
    }
}

/// Runs the console on a terminal: draws, waits for a key, a store answer or the next refresh, and
/// carries effects out as tasks that post back. The loop never waits for the store.
public final class ConsoleRunner {
    public private(set) var app: ConsoleApp
    let source: any SupervisionSource
    let mailbox = Mailbox<ConsoleInput>()
    private var running = true

    public init(app: ConsoleApp, source: any SupervisionSource) {
        self.app = app
        self.source = source
    }

    public func run(on device: any TerminalDevice) {
        StopSignals.install(waking: mailbox.signalDescriptor)
        perform(app.update(.tick, now: Date()))
        while running, StopSignals.received == nil {
            for input in mailbox.drain() { perform(app.update(input, now: Date())) }
            perform(app.update(.tick, now: Date()))
            let size = device.size
            app.resize(width: size.width, height: size.height)
            var frame = Frame(width: size.width, height: size.height)
            app.render(into: &frame)
            device.draw(frame)
            let wait = max(50, Int(app.nextRefresh(after: Date()).timeIntervalSinceNow * 1000) + 1)
            if let key = device.nextKey(timeoutMilliseconds: min(wait, 1000), wakeDescriptor: mailbox.wakeDescriptor) {
                if key == .controlC { break }
                perform(app.update(.key(key), now: Date()))
            }
        }
    }

    private func perform(_ effects: [ConsoleEffect]) {
        let number = app.sessionNumber
        for effect in effects {
            switch effect {
            case .quit:
                running = false
            case .load:
                background { source in .loaded(await Self.load(number, from: source)) }
            case let .perform(action):
                background { source in .performed(action, await Self.carryOut(action, session: number, on: source)) }
            }
        }
    }

    /// Asks the store off the loop; the answer comes back through the mailbox.
    private func background(_ work: @escaping @Sendable (any SupervisionSource) async -> ConsoleInput) {
        let source = self.source
        let mailbox = self.mailbox
        Task.detached { mailbox.post(await work(source)) }
    }

    private static func load(_ number: String, from source: any SupervisionSource) async -> Result<LiveBoard?, ConsoleFailure> {
        do {
            return .success(try await source.board(session: number))
        } catch {
            return .failure(ConsoleFailure(sentence(error)))
        }
    }

    private static func carryOut(_ action: ConsoleAction, session number: String,
                                 on source: any SupervisionSource) async -> Result<ActionOutcome, ConsoleFailure> {
        do {
            return .success(try await source.perform(action, session: number))
        } catch {
            return .failure(ConsoleFailure(sentence(error)))
        }
    }

    static func sentence(_ error: any Error) -> String {
        (error as? CenterError)?.message ?? "\(error)"
    }
}
