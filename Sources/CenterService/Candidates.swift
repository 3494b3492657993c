import ExamKit
import Foundation

/// Candidates through the year (issue 14): edit, remove, the list with each one's result.
extension CenterService {
    /// What `candidates edit` changes; nil leaves a field as it is.
    public struct CandidateChanges: Sendable {
        public var lastName, firstName, birthDate, className, sex, attestation, ine: String?
        public var extraTime: Bool?
        public var readsAloud: Bool?

        public init(lastName: String? = nil, firstName: String? = nil, birthDate: String? = nil, className: String? = nil,
                    sex: String? = nil, attestation: String? = nil, ine: String? = nil, extraTime: Bool? = nil,
                    readsAloud: Bool? = nil) {
            self.lastName = lastName
            self.firstName = firstName
            self.birthDate = birthDate
            self.className = className
            self.sex = sex
            self.attestation = attestation
            self.ine = ine
            self.extraTime = extraTime
            self.readsAloud = readsAloud
        }

        public var isEmpty: Bool {
            [lastName, firstName, birthDate, className, sex, attestation, ine].allSatisfy { $0 == nil } && extraTime == nil && readsAloud == nil
        }
    }

    public struct EditedCandidate: Sendable {
        public let candidate: Candidate
        /// Sessions whose convocation took the new tiers-temps.
        public let sessionsUpdated: Int
    }

    /// Changes a candidate's fields, checked as an import row is (names as the handbook prints them,
    /// birth date, sex, attestation, INE). A new tiers-temps reaches every session of the candidate
    /// not started yet (À venir, or Actif while the candidate has not logged in).
    public func editCandidate(id text: String, _ changes: CandidateChanges) async throws -> EditedCandidate {
        let current = try resolve(text, among: try await candidates(), in: nil)
        guard current.className != Demo.className else {
            throw CenterError("\(current.displayName) est un candidat de démonstration : epreuve-center demo remove le retire")
        }
        guard !changes.isEmpty else { throw CenterError("rien à modifier : indiquez au moins une option (--nom, --classe, --tiers-temps, --lecture…)") }
        func value(_ field: CandidateImport.Field) -> String? {
            switch field {
            case .ine: changes.ine ?? current.ine ?? ""
            case .lastName: changes.lastName ?? current.lastName
            case .firstName: changes.firstName ?? current.firstName
            case .birthDate: changes.birthDate ?? CenterDates.frenchDate(isoDate: current.birthDate)
            case .className: changes.className ?? current.className
            case .sex: changes.sex ?? current.sex
            case .attestation: changes.attestation ?? current.attestation
            case .siecle: current.siecle ? "oui" : "non"
            case .extraTime: (changes.extraTime ?? current.extraTime) ? "oui" : "non"
            case .readsAloud: (changes.readsAloud ?? current.readsAloud) ? "oui" : "non"
            }
        }
        let checked = CandidateImport.validate(value, line: 0, attestations: Set(catalog.profiles.map(\.id)), today: clock.now())
        guard let row = checked.row else { throw CenterError(checked.problems.joined(separator: " ; ")) }
        if current.ine != nil && changes.ine == "" {
            throw CenterError("l'INE d'un candidat ne s'efface pas ; corrigez-le avec --ine")
        }
        var edited = current
        edited.apply(row)
        edited.ine = row.ine
        switch try await repository.updateCandidate(edited) {
        case .updated: break
        case .unknownCandidate: throw CenterError("candidat inconnu « \(text) »")
        case let .ineTaken(other): throw CenterError("l'INE \(row.ine ?? "") est déjà celui du candidat \(other)")
        }
        var aligned = 0
        if edited.extraTime != current.extraTime {
            aligned = try await repository.alignExtraTime(candidate: edited.id, sessions: try await sessionsTakingTiersTemps())
        }
        return EditedCandidate(candidate: edited, sessionsUpdated: aligned)
    }

    /// Sessions whose convocations follow a candidate's tiers-temps: those not over, the demo's
    /// aside (a candidate who has logged in keeps what the attempt started with).
    func sessionsTakingTiersTemps() async throws -> [String] {
        try await repository.sessions().filter { !isDemo($0) && state(of: $0) != .finished }.map(\.number)
    }

    public struct RemovedCandidate: Sendable {
        public let candidate: Candidate
        public let results: Int
        /// With `force`, whether a recorded export holds the deleted results.
        public let archived: Bool
    }

    /// Deletes a candidate with their convocations; refused while they have results, unless `force`
    /// (their results go too: the archive export already written keeps them).
    public func removeCandidate(id text: String, force: Bool) async throws -> RemovedCandidate {
        let candidate = try resolve(text, among: try await candidates(), in: nil)
        let results = try await repository.results(session: nil).filter { $0.candidateId == candidate.id }
        let exports = try await repository.exportRecords()
        let archived = results.allSatisfy { result in
            exports.contains { $0.sessions.contains(result.sessionNumber) && $0.writtenAt >= result.storedAt }
        }
        switch try await repository.deleteCandidate(id: candidate.id, force: force) {
        case let .deleted(count): return RemovedCandidate(candidate: candidate, results: count, archived: archived)
        case let .hasResults(count):
            throw CenterError("\(candidate.displayName) a \(count) résultat(s) : supprimer le candidat les supprimerait aussi. "
                + "Exportez-les (results export --out FICHIER), puis candidates remove \(candidate.ine ?? candidate.id) --force")
        case .unknownCandidate: throw CenterError("candidat inconnu « \(text) »")
        }
    }

    /// One line of `candidates list`: the candidate and what became of them at their exams.
    public struct CandidateLine: Sendable {
        public let candidate: Candidate
        /// « Admis le 14/03/2026 », « Échoué le … », « Absent le … », « Épreuve le 22/03/2026 », or empty.
        public let result: String
    }

    /// The candidates (of a class, any case; of an attestation), each with the handbook's result
    /// column: admitted at any exam, else the latest exam's outcome, else the next exam. Trainings
    /// do not count.
    public func candidateLines(className: String? = nil, attestation: String? = nil) async throws -> [CandidateLine] {
        let chosen = try await candidates().filter { candidate in
            (className.map { NameFolding.key($0) == NameFolding.key(candidate.className) } ?? true)
                && (attestation.map { $0.uppercased() == candidate.attestation } ?? true)
        }
        let exams = Dictionary(uniqueKeysWithValues: try await repository.sessions().filter { $0.kind == .examen }.map { ($0.number, $0) })
        let results = try await repository.results(session: nil).filter { exams[$0.sessionNumber] != nil }
        let enrolments = Dictionary(grouping: try await repository.allEnrolments().filter { exams[$0.sessionNumber] != nil }, by: \.candidateId)
        return chosen.map { candidate in
            var outcomes: [(date: Date, text: String, admitted: Bool)] = []
            for enrolment in enrolments[candidate.id] ?? [] {
                guard let session = exams[enrolment.sessionNumber] else { continue }
                let standing = Standing(candidate: candidate, extraTime: enrolment.extraTime, demoCode: nil,
                                        result: results.last { $0.sessionNumber == session.number && $0.candidateId == candidate.id },
                                        sessionOver: state(of: session) == .finished, sessionKind: session.kind)
                let date = standing.result?.finishedAt ?? session.startsAt
                let day = CenterDates.day.string(from: date)
                switch standing.verdict {
                case .pending: outcomes.append((date, "Épreuve le \(day)", false))
                case .admitted: outcomes.append((date, "Admis le \(day)", true))
                case .failed, .stoppedBySurveillant: outcomes.append((date, "Échoué le \(day)", false))
                case .absent: outcomes.append((date, "Absent le \(day)", false))
                case .done: break
                }
            }
            let shown = outcomes.filter(\.admitted).max { $0.date < $1.date } ?? outcomes.max { $0.date < $1.date }
            return CandidateLine(candidate: candidate, result: shown?.text ?? "")
        }
    }
}
