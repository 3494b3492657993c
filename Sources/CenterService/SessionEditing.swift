import ExamKit
import Foundation

/// Sessions while they are À venir (handbook §5.1: « ce statut permet de modifier l'épreuve »):
/// edits and deletion; new access codes by candidate name.
extension CenterService {
    /// What `sessions edit` changes; nil leaves a field as it is, an empty text removes an optional one.
    public struct SessionChanges: Sendable {
        public var name: String?
        public var startsAt: Date?
        public var place: String?
        public var additionalText: String?
        /// INE, identifiers or names of candidates to add or remove.
        public var adding: [String]
        public var removing: [String]
        public var allowPast: Bool

        public init(name: String? = nil, startsAt: Date? = nil, place: String? = nil, additionalText: String? = nil,
                    adding: [String] = [], removing: [String] = [], allowPast: Bool = false) {
            self.name = name
            self.startsAt = startsAt
            self.place = place
            self.additionalText = additionalText
            self.adding = adding
            self.removing = removing
            self.allowPast = allowPast
        }

        var isEmpty: Bool {
            name == nil && startsAt == nil && place == nil && additionalText == nil && adding.isEmpty && removing.isEmpty
        }
    }

    public struct EditedSession: Sendable {
        public let session: CenterSession
        /// The candidates added, with their access code in clear (shown once).
        public let added: [(candidate: Candidate, code: String)]
        public let removed: [Candidate]
    }

    /// A session that may still change: known, not the demo, À venir, nobody logged in.
    private func editableSession(_ number: String, doing: String) async throws -> CenterSession {
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        guard !isDemo(session) else { throw CenterError("l'épreuve \(number) est la démonstration : epreuve-center demo remove la retire") }
        guard state(of: session) == .upcoming else {
            throw CenterError("l'épreuve \(number) est \(state(of: session) == .active ? "active" : "terminée") : on ne peut plus \(doing) (seulement tant qu'elle est À venir)")
        }
        return session
    }

    public func editSession(number: String, _ changes: SessionChanges) async throws -> EditedSession {
        let session = try await editableSession(number, doing: "la modifier")
        guard !changes.isEmpty else { throw CenterError("rien à modifier : indiquez au moins une option (--name, --at, --lieu, --texte, --add, --remove)") }
        let name = changes.name ?? session.name
        let place = changes.place.map { $0.isEmpty ? nil : $0 } ?? session.place
        let text = changes.additionalText.map { $0.isEmpty ? nil : $0 } ?? session.additionalText
        try checkTexts(name: name, place: place, additionalText: text)
        if let start = changes.startsAt {
            try checkStart(start, kind: session.kind, allowPast: changes.allowPast)
            if let principal = session.rattrapageOf, let first = try await self.session(number: principal), start <= first.startsAt {
                throw CenterError("le rattrapage doit avoir lieu après l'épreuve principale du \(CenterDates.minute.string(from: first.startsAt))")
            }
        }
        let enrolledNow = try await enrolledCandidates(session: number)
        let enrolled = enrolledNow.map(\.candidate)
        var maker = AccessCodeMaker(session: session, existing: enrolledNow.map(\.enrolment))
        var removed: [Candidate] = []
        for text in changes.removing {
            let found = try resolve(text, among: enrolled, in: number)
            if !removed.contains(found) { removed.append(found) }
        }
        var added: [(candidate: Candidate, code: String)] = []
        var enrolments: [Enrolment] = []
        var generator = SystemRandomNumberGenerator()
        let everyone = try await candidates()
        for text in changes.adding {
            let candidate = try resolve(text, among: everyone, in: nil)
            guard !enrolled.contains(where: { $0.id == candidate.id }) else {
                throw CenterError("\(candidate.displayName) est déjà convoqué à l'épreuve \(number)")
            }
            guard candidate.attestation == session.profileId else {
                throw CenterError("\(candidate.displayName) est inscrit pour l'\(candidate.attestation), pas pour l'\(session.profileId)")
            }
            guard candidate.className != Demo.className else { throw CenterError("\(candidate.displayName) est un candidat de démonstration") }
            try await checkRattrapageAddition(candidate, to: session)
            guard !added.contains(where: { $0.candidate.id == candidate.id }) else { continue }
            let (code, hash) = maker.make(using: &generator)
            enrolments.append(Enrolment(sessionNumber: number, candidateId: candidate.id, codeSalt: maker.salt,
                                        codeHash: hash, extraTime: candidate.extraTime, demoCode: nil))
            added.append((candidate, code))
        }
        let remaining = enrolled.count - removed.count + added.count
        guard remaining > 0 else { throw CenterError("l'épreuve \(number) n'aurait plus aucun candidat : supprimez-la (sessions delete \(number))") }
        let start = changes.startsAt
        let outcome = try await repository.amendSession(number: number, adding: enrolments, removing: removed.map(\.id)) { current in
            var changed = current
            changed.name = name
            changed.place = place
            changed.additionalText = text
            if let start { changed.startsAt = start }
            return changed
        }
        switch outcome {
        case let .amended(changed): return EditedSession(session: changed, added: added, removed: removed)
        case .unknownSession: throw CenterError("épreuve \(number) inconnue")
        case .started: throw CenterError("un candidat a déjà commencé l'épreuve \(number) : elle ne peut plus être modifiée")
        }
    }

    /// Deletes a session that is À venir and has no result yet.
    public func deleteUpcomingSession(number: String) async throws -> CenterSession {
        let session = try await editableSession(number, doing: "la supprimer")
        guard try await repository.results(session: number).isEmpty, try await repository.attempts(session: number).isEmpty else {
            throw CenterError("l'épreuve \(number) a déjà des résultats : elle ne peut pas être supprimée")
        }
        if let rattrapage = try await sessions().first(where: { $0.rattrapageOf == number }) {
            throw CenterError("l'épreuve \(number) a un rattrapage (épreuve \(rattrapage.number)) : supprimez d'abord celui-ci")
        }
        guard try await repository.deleteSession(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        return session
    }

    /// A candidate named by INE, identifier, or name (« DUPONT Léa », « Léa Dupont », « dupont »:
    /// any case, any accents) when only one candidate of `pool` bears it.
    public func resolve(_ text: String, among pool: [Candidate], in number: String?) throws -> Candidate {
        let typed = text.trimmingCharacters(in: .whitespaces)
        if let exact = pool.first(where: { $0.ine == typed.uppercased() || $0.id == typed }) { return exact }
        let key = NameFolding.key(typed)
        let matches = pool.filter { candidate in
            [candidate.lastName + candidate.firstName, candidate.firstName + candidate.lastName, candidate.lastName]
                .map(NameFolding.key).contains(key)
        }
        let place = number.map { " à l'épreuve \($0)" } ?? ""
        switch matches.count {
        case 1: return matches[0]
        case 0: throw CenterError("aucun candidat « \(typed) »\(number == nil ? "" : " convoqué")\(place)")
        default:
            let list = matches.map { "\(Self.listName($0)) (\($0.className.isEmpty ? "sans classe" : $0.className), \($0.ine ?? $0.id))" }
            throw CenterError("« \(typed) » désigne \(matches.count) candidats\(place) : \(list.joined(separator: ", ")) ; indiquez l'INE ou l'identifiant")
        }
    }

    /// « DUPONT Léa », as the handbook lists candidates.
    public static func listName(_ candidate: Candidate) -> String {
        "\(candidate.lastName.uppercased()) \(candidate.firstName)"
    }

    public struct ReissuedCode: Sendable {
        public let candidate: Candidate
        public let session: CenterSession
        public let code: String
    }

    /// A new access code for one candidate of a session, named by INE, identifier or unambiguous name.
    public func reissueCode(session number: String, candidate text: String) async throws -> ReissuedCode {
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        guard session.medium == .terminal else { throw CenterError("l'épreuve \(number) se passe sur papier : elle n'a pas de code d'accès") }
        let enrolled = try await enrolledCandidates(session: number).map(\.candidate)
        let candidate = try resolve(text, among: enrolled, in: number)
        let code = try await reissueAccessCode(session: number, candidateId: candidate.id)
        return ReissuedCode(candidate: candidate, session: session, code: code)
    }
}
