import CSV
import ExamKit
import Foundation

/// What a convoked candidate's line says.
public enum Verdict: Sendable, Hashable {
    /// No result yet and the session may still bring one.
    case pending
    case admitted
    case failed
    /// No result and the session is over.
    case absent
    /// The surveillant ended the attempt (the result keeps the answers given and the reason).
    case stoppedBySurveillant

    /// « Admis », « Échoué », « Absent », « Arrêtée par le surveillant », or « — » while a result may still come.
    public var label: String {
        switch self {
        case .pending: "—"
        case .admitted: "Admis"
        case .failed: "Échoué"
        case .absent: "Absent"
        case .stoppedBySurveillant: "Arrêtée par le surveillant"
        }
    }
}

/// What the head of establishment reads: session sheets and the archive export.
extension CenterService {
    /// One convoked candidate and what became of them.
    public struct Standing: Sendable {
        public let candidate: Candidate
        public let extraTime: Bool
        public let demoCode: String?
        public let result: StoredResult?
        public let sessionOver: Bool

        public var verdict: Verdict {
            if let result {
                if result.stopReason != nil { return .stoppedBySurveillant }
                return result.passed ? .admitted : .failed
            }
            return sessionOver ? .absent : .pending
        }

        /// The verdict as sheets and exports print it, with the surveillant's reason when there is one.
        public var verdictText: String {
            guard verdict == .stoppedBySurveillant, let reason = result?.stopReason else { return verdict.label }
            return "\(verdict.label) : \(reason)"
        }

        public var note: String {
            result.map { "\($0.score)/\($0.questionCount)" } ?? ""
        }
    }

    /// « Q7 (assr1-circulation-003) »: each neutralized question, numbered as the candidate saw it.
    static func neutralizedText(_ result: StoredResult?, questions: [Question], session: CenterSession) -> String {
        guard let result, !result.neutralizedQuestionIds.isEmpty else { return "" }
        let order = CandidateOrder.order(questions, sessionSeed: session.seed, candidateId: result.candidateId).map(\.id)
        return result.neutralizedQuestionIds.map { id in
            order.firstIndex(of: id).map { "Q\($0 + 1) (\(id))" } ?? id
        }.joined(separator: ", ")
    }

    public func standings(session: CenterSession) async throws -> [Standing] {
        let over = state(of: session) == .finished
        let results = try await self.results(session: session.number)
        return try await enrolledCandidates(session: session.number).map { enrolled in
            // A training session may hold several attempts: the latest counts.
            let result = results.last { $0.candidateId == enrolled.candidate.id }
            return Standing(candidate: enrolled.candidate, extraTime: enrolled.enrolment.extraTime,
                            demoCode: enrolled.enrolment.demoCode, result: result, sessionOver: over)
        }
    }

    /// The outcome of each question of a stored result, from the center's own key.
    /// A question neutralized for the candidate (accepted alert) is left out, as in the stored score.
    public func scoreCard(for result: StoredResult, session: CenterSession) throws -> ScoreCard {
        Self.card(answers: result.answers, questions: try questions(of: session), passMark: try profile(of: session).passMark,
                  neutralized: Set(result.neutralizedQuestionIds))
    }

    /// The archive CSV of the handbook: nom, prénom, INE, classe, date de naissance, épreuve, Tps+,
    /// note, résultat, date. `;`-separated UTF-8 with a BOM, as French spreadsheets expect.
    public func exportResults(session number: String?) async throws -> Data {
        let chosen = try await sessions(matching: number)
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: ";", newline: .crlf)
        try writer.write(row: ["Nom", "Prénom", "INE", "Classe", "Date de naissance", "Épreuve", "Tps+", "Note", "Résultat", "Date",
                               "Question neutralisée"])
        for session in chosen {
            let standings = try await standings(session: session)
            let questions = standings.contains { !($0.result?.neutralizedQuestionIds.isEmpty ?? true) } ? try self.questions(of: session) : []
            for standing in standings {
                let candidate = standing.candidate
                let date = standing.result?.finishedAt ?? session.startsAt
                try writer.write(row: [
                    candidate.lastName.uppercased(), candidate.firstName, candidate.ine ?? "", candidate.className,
                    CenterDates.frenchDate(isoDate: candidate.birthDate), "\(session.profileId) \(session.number) \(session.name)",
                    standing.extraTime ? "oui" : "non", standing.result.map { "\($0.score)" } ?? "",
                    standing.verdict == .pending ? "" : standing.verdictText, CenterDates.day.string(from: date),
                    Self.neutralizedText(standing.result, questions: questions, session: session),
                ])
            }
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + data
    }
}

/// Dates as the establishment writes them.
public enum CenterDates {
    public static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter
    }()

    public static let minute: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter
    }()

    /// Parses "JJ/MM/AAAA HH:MM" in the machine's time zone.
    public static func parseMinute(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let date = minute.date(from: trimmed), minute.string(from: date) == trimmed else { return nil }
        return date
    }

    /// yyyy-MM-dd → dd/MM/yyyy (anything else unchanged).
    public static func frenchDate(isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3 else { return isoDate }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
