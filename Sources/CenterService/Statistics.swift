import ExamKit
import Foundation

/// The establishment's figures (handbook §11): per theme, per candidate, and per attestation, class
/// and sex the number of candidates — not enrolments — registered, present and admitted, for the
/// principal exam and for the rattrapage apart. Trainings count only when asked for, with their
/// notes and never « Admis » or « Échoué ».
extension CenterService {
    /// Which sessions a figure is about.
    public enum Round: String, Sendable, Hashable, CaseIterable {
        case principal, rattrapage, training

        public var label: String {
            switch self {
            case .principal: "Épreuve principale"
            case .rattrapage: "Rattrapage"
            case .training: "Entraînements"
            }
        }

        static func of(_ session: CenterSession) -> Round {
            session.kind == .entrainement ? .training : session.rattrapageOf == nil ? .principal : .rattrapage
        }
    }

    /// Candidates of one group in one round, each counted once however many sessions they sat.
    public struct Figures: Sendable, Hashable {
        public let registered: Int
        public let present: Int
        public let admitted: Int
        /// Mean note out of 20 of the results (trainings).
        public let meanNote: Double?

        public init(registered: Int, present: Int, admitted: Int, meanNote: Double? = nil) {
            self.registered = registered
            self.present = present
            self.admitted = admitted
            self.meanNote = meanNote
        }

        /// Admitted among present, whole percent; nil when nobody was present.
        public var successRate: Int? { present == 0 ? nil : Int((Double(admitted) * 100 / Double(present)).rounded()) }
    }

    public struct GroupLine: Sendable, Hashable {
        public let label: String
        public let figures: [Round: Figures]

        public func figures(_ round: Round) -> Figures { figures[round] ?? Figures(registered: 0, present: 0, admitted: 0) }
    }

    /// One result: the candidate, the session, the note, the verdict, and the per-question outcome
    /// when the answers are known (not for a mark typed in alone).
    public struct ResultLine: Sendable {
        public let candidate: Candidate
        public let session: CenterSession
        public let result: StoredResult
        public let verdict: Verdict
        public let card: ScoreCard?
    }

    public struct Statistics: Sendable {
        /// The rounds the figures cover, in order.
        public let rounds: [Round]
        public let themes: [ThemeStat]
        public let results: [ResultLine]
        public let byAttestation: [GroupLine]
        public let byClass: [GroupLine]
        public let bySex: [GroupLine]
    }

    public func statistics(session number: String?, withTrainings: Bool = false) async throws -> Statistics {
        let chosen = try await officialSessions(matching: number, withTrainings: withTrainings)
        var entries: [(session: CenterSession, standing: Standing)] = []
        var lines: [ResultLine] = []
        for session in chosen.sorted(by: { $0.startsAt < $1.startsAt }) {
            for standing in try await standings(session: session) {
                entries.append((session, standing))
                guard let result = standing.result else { continue }
                let card = result.source.hasAnswers ? try scoreCard(for: result, session: session) : nil
                lines.append(ResultLine(candidate: standing.candidate, session: session, result: result, verdict: standing.verdict, card: card))
            }
        }
        let rounds = Round.allCases.filter { round in chosen.contains { Round.of($0) == round } }
        func group(_ key: (CenterSession, Candidate) -> String) -> [GroupLine] {
            Dictionary(grouping: entries) { key($0.session, $0.standing.candidate) }.map { label, members in
                var figures: [Round: Figures] = [:]
                for round in rounds {
                    let inRound = members.filter { Round.of($0.session) == round }
                    let registered = Set(inRound.map(\.standing.candidate.id))
                    let present = Set(inRound.filter { $0.standing.result != nil }.map(\.standing.candidate.id))
                    let admitted = Set(inRound.filter { $0.standing.verdict == .admitted }.map(\.standing.candidate.id))
                    let notes = inRound.compactMap { entry in entry.standing.result.map { Double($0.score) * 20 / Double(max(1, $0.questionCount)) } }
                    figures[round] = Figures(registered: registered.count, present: present.count, admitted: admitted.count,
                                             meanNote: notes.isEmpty ? nil : notes.reduce(0, +) / Double(notes.count))
                }
                return GroupLine(label: label, figures: figures)
            }.sorted { NameFolding.precedes($0.label, $1.label) }
        }
        return Statistics(
            rounds: rounds,
            themes: ThemeStat.table(cards: lines.compactMap(\.card), themeOrder: catalog.themes.map(\.id)),
            results: lines,
            byAttestation: group { session, _ in session.profileId },
            byClass: group { _, candidate in candidate.className.isEmpty ? "(sans classe)" : candidate.className },
            bySex: group { _, candidate in candidate.sex })
    }

    /// The figures as CSV for a spreadsheet (`stats --csv`): aggregated and anonymous, as the
    /// handbook's statistics are. One block per table, separated by an empty line.
    public func statisticsCSV(_ stats: Statistics) throws -> Data {
        var rows: [[String]] = [["Réussite par thème"], ["Thème", "Questions", "Réponses", "Bonnes réponses", "Réussite (%)"]]
        for theme in stats.themes {
            rows.append([catalog.themeLabel(theme.theme), "\(theme.distinctQuestions)", "\(theme.questions)", "\(theme.right)", "\(theme.percent)"])
        }
        for (title, lines) in [("Par attestation", stats.byAttestation), ("Par classe", stats.byClass), ("Par sexe", stats.bySex)] {
            rows += [[], [title], ["Groupe"] + stats.rounds.flatMap { round in Self.columnTitles(round).map { "\(round.label) : \($0)" } }]
            for line in lines {
                rows.append([line.label] + stats.rounds.flatMap { Self.cells(line.figures($0), round: $0, percentSign: false) })
            }
        }
        return try SpreadsheetCSV.data(rows)
    }

    /// Column titles of one round: trainings have a mean note, exams admitted and a success rate.
    public static func columnTitles(_ round: Round) -> [String] {
        round == .training ? ["Inscrits", "Présents", "Moyenne /20"] : ["Inscrits", "Présents", "Admis", "Taux de réussite"]
    }

    public static func cells(_ figures: Figures, round: Round, percentSign: Bool = true) -> [String] {
        if round == .training {
            return ["\(figures.registered)", "\(figures.present)",
                    figures.meanNote.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") } ?? ""]
        }
        return ["\(figures.registered)", "\(figures.present)", "\(figures.admitted)",
                figures.successRate.map { percentSign ? "\($0) %" : "\($0)" } ?? ""]
    }
}
