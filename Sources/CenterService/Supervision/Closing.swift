import ExamKit
import Foundation

/// `sessions close NUMBER [--force]`: the end of an exam day's session (DESIGN §12). Candidates without
/// a result are Absent, the session is locked — no login, no result, no restore, no console action from
/// then on — and the procès-verbal is written from what the store kept.
extension CenterService {
    public struct Closing: Sendable {
        /// The session as closed.
        public let board: LiveBoard
        public let log: [SessionLogEntry]
        public let standings: [Standing]
        /// Attempts that were still running and were stopped by `--force`.
        public let forced: [LiveLine]
        public let catalogTitle: String

        /// The procès-verbal, as text.
        public var procesVerbal: String { ProcesVerbal.text(self) }
    }

    /// The reason written for attempts still running when `--force` closes the session.
    public static let forcedCloseReason = "épreuve close par le surveillant"

    public func closeSession(number: String, force: Bool) async throws -> Closing {
        guard let board = try await liveBoard(session: number) else { throw CenterError("aucune épreuve ne porte le numéro \(number)") }
        if let closedAt = board.session.closedAt {
            throw CenterError("l'épreuve \(number) est déjà close (le \(CenterDates.minute.string(from: closedAt)))")
        }
        if board.session.alwaysActive { throw CenterError("l'épreuve de démonstration \(number) ne se clôt pas") }
        let running = board.lines.filter { $0.state == .running || $0.state == .finished }
        if !running.isEmpty && !force {
            let names = running.prefix(5).map { line in
                line.state == .running ? "\(line.candidate.displayName) (question \(line.question ?? 0)/\(line.questionCount))"
                    : "\(line.candidate.displayName) (résultat pas encore reçu)"
            }.joined(separator: ", ")
            throw CenterError("""
                \(running.count) épreuve(s) encore en cours : \(names)\(running.count > 5 ? "…" : ""). Attendez leur résultat, \
                arrêtez-les depuis la console (sessions watch \(number), touche T), ou fermez quand même avec --force
                """)
        }
        for line in running where line.state == .running || line.state == .finished {
            try? await stopAttempt(session: number, candidate: line.candidate.id, reason: Self.forcedCloseReason)
        }
        let absent = board.lines.filter { $0.result == nil }.count
        let entry = SessionLogEntry(sessionNumber: number, at: clock.now(), kind: .sessionClosed,
                                    detail: "\(absent) sans résultat\(force && !running.isEmpty ? ", fermeture forcée" : "")")
        guard try await repository.supervise(.close, log: entry) else {
            throw CenterError("l'épreuve \(number) vient d'être close par ailleurs")
        }
        guard let closed = try await liveBoard(session: number), let session = try await session(number: number) else {
            throw CenterError("épreuve \(number) introuvable après sa clôture")
        }
        return Closing(board: closed, log: try await repository.sessionLog(session: number),
                       standings: try await standings(session: session), forced: force ? running : [],
                       catalogTitle: catalog.profile(session.profileId)?.title ?? session.profileId)
    }
}
