/// How an import row finds the candidate it updates.
public enum CandidateKey: Sendable, Hashable {
    case id(String)
    case ine(String)
    /// A candidate without INE, by name and birth date.
    case identity(lastName: String, firstName: String, birthDate: String)
}

/// One candidate to add or update: `merge` gets what the key found (nil: nobody) and returns the
/// candidate to store. An update keeps the found candidate's id whatever `merge` returns.
public struct CandidateUpsert: Sendable {
    public var key: CandidateKey
    public var merge: @Sendable (Candidate?) -> Candidate

    public init(key: CandidateKey, merge: @escaping @Sendable (Candidate?) -> Candidate) {
        self.key = key
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
