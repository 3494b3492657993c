/// How an import row finds the candidate it updates.
public enum CandidateKey: Sendable, Hashable {
    case id(String)
    case ine(String)
    /// A candidate without INE, by name and birth date; names compared without case or accents
    /// (`NameFolding.key`).
    case identity(lastName: String, firstName: String, birthDate: String)
}

/// One candidate to add or update: `merge` gets what the key found (nil: nobody) and returns the
/// candidate to store. An update keeps the found candidate's id whatever `merge` returns.
public struct CandidateUpsert: Sendable {
    public var key: CandidateKey
    /// Tried when `key` finds nobody (a row with an INE finds the candidate typed by hand without one).
    public var fallback: CandidateKey?
    public var merge: @Sendable (Candidate?) -> Candidate

    public init(key: CandidateKey, fallback: CandidateKey? = nil, merge: @escaping @Sendable (Candidate?) -> Candidate) {
        self.key = key
        self.fallback = fallback
        self.merge = merge
    }
}

public struct UpsertCount: Sendable, Hashable {
    public var added: Int
    public var updated: Int

    public init(added: Int, updated: Int) {
        self.added = added
        self.updated = updated
    }
}

public protocol CandidateRepository: Sendable {
    /// Every candidate, by class, last name, first name.
    func candidates() async throws -> [Candidate]
    func candidate(id: String) async throws -> Candidate?
    /// All upserts in one transaction, in order (a later one finds what an earlier one stored): all or
    /// none. A new candidate whose id is taken gets `newId()` until the id is free.
    func upsertCandidates(_ upserts: [CandidateUpsert], newId: @escaping @Sendable () -> String) async throws -> UpsertCount
    /// Deletes candidates who are enrolled nowhere, in one transaction; returns how many went.
    func deleteCandidates(ids: [String]) async throws -> Int
}

public enum CandidateUpdate: Sendable, Hashable {
    case updated
    case unknownCandidate
    /// Another candidate has this INE: nothing was stored.
    case ineTaken(by: String)
}

public enum CandidateDeletion: Sendable, Hashable {
    /// Gone with its enrolments, attempts and these many results.
    case deleted(results: Int)
    /// Refused (without `force`): the candidate has these many results.
    case hasResults(Int)
    case unknownCandidate
}

/// The candidate repository's year-long operations (issue 14).
public protocol CandidateEditing: Sendable {
    /// Replaces the candidate (found by id) in one transaction, refusing an INE another candidate has.
    func updateCandidate(_ candidate: Candidate) async throws -> CandidateUpdate
    /// Deletes the candidate with their enrolments and attempts in one transaction; refused when
    /// they have results, unless `force`, which deletes those too.
    func deleteCandidate(id: String, force: Bool) async throws -> CandidateDeletion
    /// Gives the enrolments in `sessions` (of one candidate, or of all when nil) the candidate's
    /// current tiers-temps, except where the candidate has opened an attempt; one transaction.
    /// Returns how many enrolments changed.
    func alignExtraTime(candidate id: String?, sessions: [String]) async throws -> Int
}
