import ExamKit
import Foundation
import Synchronization

/// The establishment's center: every rule about candidates, sessions, codes, logins, results and
/// reports. Storage goes through a `CenterRepository`; the CLI, the HTTP API and the local client
/// of the terminal talk to this service only. Scores are always recomputed here from the center's
/// own answer key.
public final class CenterService: Sendable {
    public let catalog: Catalog
    public let repository: any CenterRepository
    let clock: any WallClock
    /// The center's private key (raw), read from the repository once.
    let keyCache = Mutex<Data?>(nil)

    /// scrypt cost of the surveillant code's offline hash (tests use a small one).
    let surveillantHashCost: Int

    public init(repository: any CenterRepository, catalog: Catalog, clock: any WallClock,
                surveillantHashCost: Int = SlowCodeHash.defaultCost) {
        self.repository = repository
        self.catalog = catalog
        self.clock = clock
        self.surveillantHashCost = surveillantHashCost
    }

    // MARK: Candidates

    /// Every candidate, by class, last name and first name in French order.
    public func candidates() async throws -> [Candidate] {
        Self.inFrenchOrder(try await repository.candidates())
    }

    /// By class, last name and first name (French order, `NameFolding.precedes`), then id. Each name
    /// is folded once, not at every comparison: folding at each one took 250 ms for 2,000 candidates.
    public static func inFrenchOrder(_ candidates: [Candidate]) -> [Candidate] {
        struct Sortable {
            let candidate: Candidate
            let fields: [String]
            let keys: [String]
        }
        let sortable = candidates.map { candidate in
            let fields = [candidate.className, candidate.lastName, candidate.firstName]
            return Sortable(candidate: candidate, fields: fields, keys: fields.map(NameFolding.key))
        }
        return sortable.sorted { a, b in
            for field in a.fields.indices where a.keys[field] != b.keys[field] {
                return NameFolding.precedes(a.fields[field], b.fields[field])
            }
            return a.candidate.id < b.candidate.id
        }.map(\.candidate)
    }

    /// Adds the candidates, or updates those already known by INE (or, without INE, by name and birth
    /// date, whatever their case and accents; a row with an INE also finds the candidate typed in by
    /// hand without one). All rows or none. A tiers-temps the file states (oui or non) replaces the
    /// stored one and reaches the sessions not started yet; an empty cell keeps it.
    public func importCandidates(_ rows: [CandidateImport.Row]) async throws -> UpsertCount {
        let upserts = rows.map { row in
            let identity = CandidateKey.identity(lastName: row.lastName, firstName: row.firstName, birthDate: row.birthDate)
            return CandidateUpsert(key: row.ine.map(CandidateKey.ine) ?? identity, fallback: row.ine == nil ? nil : identity) { existing in
                guard var existing else { return Candidate(row: row, id: row.ine ?? Self.generatedCandidateId()) }
                existing.apply(row)
                return existing
            }
        }
        let count = try await repository.upsertCandidates(upserts, newId: Self.generatedCandidateId)
        if rows.contains(where: { $0.extraTime != nil }) {
            _ = try await repository.alignExtraTime(candidate: nil, sessions: try await sessionsTakingTiersTemps())
        }
        return count
    }

    /// A candidate by INE (any case) or by center identifier, as an administrator types it.
    public func candidate(identifiedBy text: String) async throws -> Candidate? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        return try await repository.candidates().first { $0.ine == typed.uppercased() || $0.id == typed }
    }

    static func generatedCandidateId() -> String {
        var generator = SystemRandomNumberGenerator()
        return "C" + AccessCode.generate(using: &generator)
    }

    // MARK: Sessions

    public func sessions() async throws -> [CenterSession] {
        try await repository.sessions()
    }

    public func session(number: String) async throws -> CenterSession? {
        try await repository.session(number: number)
    }

    public func state(of session: CenterSession) -> SessionState {
        session.state(at: clock.now())
    }

    func info(_ session: CenterSession) -> SessionInfo {
        SessionInfo(
            number: session.number, name: session.name, profileId: session.profileId,
            profileTitle: catalog.profile(session.profileId)?.title ?? session.profileId, kind: session.kind,
            state: state(of: session), startsAt: session.startsAt, endsAt: session.window.end)
    }

    /// The session's questions in canonical order, with their keys.
    func questions(of session: CenterSession) throws -> [Question] {
        try session.questionIds.map { id in
            guard let question = catalog.question(id: id) else {
                throw CenterError("la question « \(id) » de l'épreuve \(session.number) n'existe plus dans le contenu")
            }
            return question
        }
    }

    func profile(of session: CenterSession) throws -> Profile {
        guard let profile = catalog.profile(session.profileId) else {
            throw CenterError("profil \(session.profileId) de l'épreuve \(session.number) absent du contenu")
        }
        return profile
    }

    /// The session's candidates with their enrolment, by class and name.
    public func enrolledCandidates(session number: String) async throws -> [EnrolledCandidate] {
        try await repository.enrolledCandidates(session: number)
    }

    /// One session by number, or all of them when no number is given.
    /// Without a number, every session but the demo's (DESIGN §9: the demo counts only when named).
    func sessions(matching number: String?) async throws -> [CenterSession] {
        guard let number else { return try await sessions().filter { !isDemo($0) } }
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        return [session]
    }
}

extension Candidate {
    /// Names as the handbook prints them, whoever made the row.
    init(row: CandidateImport.Row, id: String) {
        self.init(id: id, ine: row.ine, lastName: NameFolding.lastName(row.lastName), firstName: NameFolding.firstName(row.firstName),
                  birthDate: row.birthDate,
                  className: row.className, sex: row.sex, attestation: row.attestation, siecle: row.siecle,
                  extraTime: row.extraTime ?? false, readsAloud: row.readsAloud ?? false)
    }

    mutating func apply(_ row: CandidateImport.Row) {
        lastName = NameFolding.lastName(row.lastName)
        firstName = NameFolding.firstName(row.firstName)
        birthDate = row.birthDate
        className = row.className
        sex = row.sex
        attestation = row.attestation
        siecle = row.siecle
        // The file rarely carries a tiers-temps column: without one, a flag set by hand is kept.
        if let stated = row.extraTime { extraTime = stated }
        if let stated = row.readsAloud { readsAloud = stated }
        if ine == nil { ine = row.ine }
    }
}
