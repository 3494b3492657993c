import CSV
import ExamKit
import Foundation

/// What the head of establishment reads: session sheets, archive export, statistics.
extension Center {
    /// One convoked candidate and what became of them.
    public struct Standing: Sendable {
        public let candidate: CandidateRecord
        public let extraTime: Bool
        public let demoCode: String?
        public let result: ResultRecord?
        public let sessionOver: Bool

        /// « Admis », « Échoué », « Absent » once the session is over, or « — » while it may still come.
        public var verdict: String {
            if let result { return result.passed ? "Admis" : "Échoué" }
            return sessionOver ? "Absent" : "—"
        }

        public var note: String {
            result.map { "\($0.score)/\($0.questionCount)" } ?? ""
        }
    }

    public func standings(session: SessionRecord) throws -> [Standing] {
        let over = state(of: session) == .finished
        let results = try self.results(session: session.number)
        return try sessionCandidates(number: session.number).map { candidate, link in
            // A training session may hold several attempts: the latest counts.
            let result = results.last { $0.candidateId == candidate.id }
            return Standing(candidate: candidate, extraTime: link.extraTime, demoCode: link.demoCode, result: result, sessionOver: over)
        }
    }

    /// The outcome of each question of a stored result, from the center's own key.
    public func scoreCard(for result: ResultRecord, session: SessionRecord) throws -> ScoreCard {
        let answers = (try? JSONDecoder().decode([String: [String]].self, from: Data(result.answers.utf8))) ?? [:]
        let questions = try questions(of: session)
        let selections = questions.map { question in
            Set((answers[question.id] ?? []).compactMap { $0.first.flatMap(ChoiceLetter.index(of:)) })
        }
        return ScoreCard(questions: questions, selections: selections, passMark: catalog.profile(session.profileId)?.passMark ?? 10)
    }

    /// One session by number, or all of them when no number is given.
    func sessions(matching number: String?) throws -> [SessionRecord] {
        guard let number else { return try sessions() }
        guard let session = try session(number: number) else { throw StoreError("épreuve \(number) inconnue") }
        return [session]
    }

    /// The archive CSV of the handbook: nom, prénom, INE, classe, date de naissance, épreuve, Tps+,
    /// note, résultat, date. `;`-separated UTF-8 with a BOM, as French spreadsheets expect.
    public func exportResults(session number: String?) throws -> Data {
        let chosen = try sessions(matching: number)
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, delimiter: ";", newline: .crlf)
        try writer.write(row: ["Nom", "Prénom", "INE", "Classe", "Date de naissance", "Épreuve", "Tps+", "Note", "Résultat", "Date"])
        for session in chosen {
            for standing in try standings(session: session) {
                let candidate = standing.candidate
                let date = standing.result?.finishedAt ?? session.startsAt
                try writer.write(row: [
                    candidate.lastName.uppercased(), candidate.firstName, candidate.ine ?? "", candidate.className,
                    Self.frenchDate(isoDate: candidate.birthDate), "\(session.profileId) \(session.number) \(session.name)",
                    standing.extraTime ? "oui" : "non", standing.result.map { "\($0.score)" } ?? "",
                    standing.verdict == "—" ? "" : standing.verdict, Self.dayFormatter.string(from: date),
                ])
            }
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + data
    }

    static func frenchDate(isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3 else { return isoDate }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    public static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter
    }()

    public static let minuteFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter
    }()

    /// Parses "JJ/MM/AAAA HH:MM" in the machine's time zone.
    public static func parseMinute(_ text: String) -> Date? {
        guard let date = minuteFormatter.date(from: text.trimmingCharacters(in: .whitespaces)),
              minuteFormatter.string(from: date) == text.trimmingCharacters(in: .whitespaces) else { return nil }
        return date
    }

    // MARK: Statistics

    public struct GroupLine: Sendable, Hashable {
        public let label: String
        public let registered: Int
        public let present: Int
        public let admitted: Int

        public init(label: String, registered: Int, present: Int, admitted: Int) {
            self.label = label
            self.registered = registered
            self.present = present
            self.admitted = admitted
        }

        public var successRate: Int { present == 0 ? 0 : Int((Double(admitted) * 100 / Double(present)).rounded()) }
    }

    public struct Statistics: Sendable {
        public let themes: [ThemeStat]
        public let candidates: [(candidate: CandidateRecord, card: ScoreCard)]
        public let byClass: [GroupLine]
        public let bySex: [GroupLine]
    }

    public func statistics(session number: String?) throws -> Statistics {
        let chosen = try sessions(matching: number)
        var cards: [(CandidateRecord, ScoreCard)] = []
        var standings: [Standing] = []
        for session in chosen {
            let list = try self.standings(session: session)
            standings += list
            for standing in list {
                if let result = standing.result { cards.append((standing.candidate, try scoreCard(for: result, session: session))) }
            }
        }
        func group(_ key: (CandidateRecord) -> String) -> [GroupLine] {
            Dictionary(grouping: standings) { key($0.candidate) }.map { label, members in
                GroupLine(label: label, registered: members.count, present: members.count { $0.result != nil },
                          admitted: members.count { $0.result?.passed == true })
            }.sorted { $0.label < $1.label }
        }
        return Statistics(
            themes: ThemeStat.table(cards: cards.map(\.1), themeOrder: catalog.themes.map(\.id)),
            candidates: cards, byClass: group(\.className), bySex: group(\.sex))
    }
}
