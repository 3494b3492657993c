import CSV
import Crypto
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
    /// A training taken: it has a note, never « Admis » or « Échoué ».
    case done

    /// « Admis », « Échoué », « Absent », « Arrêtée par le surveillant », or « — » while a result may still come.
    public var label: String {
        switch self {
        case .pending: "—"
        case .admitted: "Admis"
        case .failed: "Échoué"
        case .absent: "Absent"
        case .stoppedBySurveillant: "Arrêtée par le surveillant"
        case .done: "Effectué"
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
        public let sessionKind: SessionKind

        public init(candidate: Candidate, extraTime: Bool, demoCode: String?, result: StoredResult?, sessionOver: Bool,
                    sessionKind: SessionKind) {
            self.candidate = candidate
            self.extraTime = extraTime
            self.demoCode = demoCode
            self.result = result
            self.sessionOver = sessionOver
            self.sessionKind = sessionKind
        }

        public var verdict: Verdict {
            if let result {
                if result.stopReason != nil { return .stoppedBySurveillant }
                if sessionKind == .entrainement { return .done }
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
                            demoCode: enrolled.enrolment.demoCode, result: result, sessionOver: over, sessionKind: session.kind)
        }
    }

    /// The outcome of each question of a stored result, from the center's own key.
    /// A question neutralized for the candidate (accepted alert) is left out, as in the stored score.
    public func scoreCard(for result: StoredResult, session: CenterSession) throws -> ScoreCard {
        Self.card(answers: result.answers, questions: try questions(of: session), passMark: try profile(of: session).passMark,
                  neutralized: Set(result.neutralizedQuestionIds))
    }

    /// What a session is, as exports and lists name it: « Examen », « Rattrapage », « Examen (sans
    /// accès internet) », « Entraînement ».
    public func typeLabel(_ session: CenterSession) -> String {
        switch (session.kind, session.medium, session.rattrapageOf) {
        case (.entrainement, _, _): "Entraînement"
        case (.examen, .paper, nil): "Examen (sans accès internet)"
        case (.examen, .paper, _?): "Rattrapage (sans accès internet)"
        case (.examen, .terminal, _?): "Rattrapage"
        case (.examen, .terminal, nil): "Examen"
        }
    }

    /// The sessions of official figures: one by number (even a training or the demo), else every
    /// exam but the demo's, trainings too when `withTrainings`.
    func officialSessions(matching number: String?, withTrainings: Bool) async throws -> [CenterSession] {
        let chosen = try await sessions(matching: number)
        return number == nil && !withTrainings ? chosen.filter { $0.kind == .examen } : chosen
    }

    /// The archive CSV of the handbook: nom, prénom, INE, classe, date de naissance, épreuve, type,
    /// Tps+, note, résultat, date, and the questions an accepted alert left out. Exams only unless `withTrainings` (or a session is named).
    /// `;`-separated UTF-8 with a BOM, as French spreadsheets expect; cells that a spreadsheet would
    /// take for a formula are neutralised.
    public func exportResults(session number: String?, withTrainings: Bool = false) async throws -> Data {
        try await export(session: number, withTrainings: withTrainings).data
    }

    /// Writes the export to `url` and records it (path, SHA-256, sessions) for `archives purge`.
    public func exportResults(session number: String?, withTrainings: Bool = false, to url: URL) async throws {
        let (data, sessions) = try await export(session: number, withTrainings: withTrainings)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CenterError(FileProblem.sentence(error, path: url.path, doing: "écriture impossible"))
        }
        try await repository.recordExport(ExportRecord(
            writtenAt: clock.now(), path: url.standardizedFileURL.path, sha256: SpreadsheetCSV.sha256(data), sessions: sessions))
    }

    private func export(session number: String?, withTrainings: Bool) async throws -> (data: Data, sessions: [String]) {
        let chosen = try await officialSessions(matching: number, withTrainings: withTrainings)
        var rows: [[String]] = []
        for session in chosen.sorted(by: { $0.startsAt < $1.startsAt }) {
            let standings = try await standings(session: session)
            let questions = standings.contains { !($0.result?.neutralizedQuestionIds.isEmpty ?? true) } ? try self.questions(of: session) : []
            for standing in standings {
                let candidate = standing.candidate
                let date = standing.result?.finishedAt ?? session.startsAt
                rows.append([
                    candidate.lastName.uppercased(), candidate.firstName, candidate.ine ?? "", candidate.className,
                    CenterDates.frenchDate(isoDate: candidate.birthDate), "\(session.profileId) \(session.number) \(session.name)",
                    typeLabel(session), standing.extraTime ? "oui" : "non", standing.result.map { "\($0.score)" } ?? "",
                    standing.verdict == .pending ? "" : standing.verdictText, CenterDates.day.string(from: date),
                    Self.neutralizedText(standing.result, questions: questions, session: session),
                ])
            }
        }
        let header = ["Nom", "Prénom", "INE", "Classe", "Date de naissance", "Épreuve", "Type", "Tps+", "Note", "Résultat", "Date",
                      "Question neutralisée"]
        return (try SpreadsheetCSV.data([header] + rows), chosen.map(\.number))
    }
}

/// `;`-separated UTF-8 with a BOM and CRLF, every cell neutralised (`SpreadsheetCell`).
public enum SpreadsheetCSV {
    public static func data(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: ";", newline: .crlf)
        for row in rows { try writer.write(row: row.map(SpreadsheetCell.neutralised)) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + data
    }

    public static func sha256(_ data: Data) -> String {
        Hex.encode(SHA256.hash(data: data))
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

    /// Parses "JJ/MM/AAAA HH:MM" in the machine's time zone; the hour may have one digit and be
    /// written as the French do (`9:00`, `09:00`, `9h00`, `9h`, `9 h 00`).
    public static func parseMinute(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count >= 2 else { return nil }
        let day = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let time = parts.dropFirst().joined().lowercased()
        let clock = time.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "h" })
        guard day.count == 3, day[2].count == 4, (1...2).contains(day[0].count), (1...2).contains(day[1].count),
              clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2 || (clock[1].isEmpty && time.hasSuffix("h")),
              let dd = Int(day[0]), let mm = Int(day[1]), let yyyy = Int(day[2]), let hour = Int(clock[0]),
              let minute = clock[1].isEmpty ? 0 : Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let calendar = Calendar(identifier: .gregorian)
        let components = DateComponents(year: yyyy, month: mm, day: dd, hour: hour, minute: minute)
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == yyyy, back.month == mm, back.day == dd, back.hour == hour, back.minute == minute else { return nil }
        return date
    }

    /// yyyy-MM-dd → dd/MM/yyyy (anything else unchanged).
    public static func frenchDate(isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3 else { return isoDate }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
