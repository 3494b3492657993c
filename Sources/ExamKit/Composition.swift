/// Draws the questions of one session from a bank, meeting the profile's quotas.
public enum SessionComposer {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case quotasDoNotAddUp(profile: String, sum: Int, expected: Int)
        case notEnoughQuestions(profile: String, theme: String, needed: Int, available: Int)

        public var description: String {
            switch self {
            case let .quotasDoNotAddUp(profile, sum, expected):
                "le profil \(profile) demande \(expected) questions mais ses quotas en totalisent \(sum)"
            case let .notEnoughQuestions(profile, theme, needed, available):
                "le profil \(profile) demande \(needed) questions du thème « \(theme) » mais la banque n'en a que \(available)"
            }
        }
    }

    /// Checks the profile against the bank without drawing anything.
    public static func check(profile: Profile, bank: Bank) -> [Failure] {
        var failures: [Failure] = []
        let sum = profile.quotas.values.reduce(0, +)
        if sum != profile.questionCount {
            failures.append(.quotasDoNotAddUp(profile: profile.id, sum: sum, expected: profile.questionCount))
        }
        for (theme, needed) in profile.quotas.sorted(by: { $0.key < $1.key }) {
            let available = bank.questions(inTheme: theme).count
            if available < needed {
                failures.append(.notEnoughQuestions(profile: profile.id, theme: theme, needed: needed, available: available))
            }
        }
        return failures
    }

    /// The session's questions, grouped by theme in `themeOrder`. Deterministic for a seed.
    public static func compose(
        profile: Profile, bank: Bank, seed: String, themeOrder: [String]
    ) throws(Failure) -> [Question] {
        if let failure = check(profile: profile, bank: bank).first { throw failure }
        var generator = SeededGenerator(seed: "compose\u{0}" + seed)
        let orderedThemes = themeOrder.filter { profile.quotas[$0] != nil }
            + profile.quotas.keys.filter { !themeOrder.contains($0) }.sorted()
        var chosen: [Question] = []
        chosen.reserveCapacity(profile.questionCount)
        for theme in orderedThemes {
            let quota = profile.quotas[theme] ?? 0
            guard quota > 0 else { continue }
            // Sorted by id (by the bank) so the draw does not depend on file order.
            chosen += bank.questions(inTheme: theme).stableSample(quota, using: &generator)
        }
        return chosen
    }
}

extension SessionComposer {
    /// How many questions of each chosen theme a training limited to `themes` draws (handbook §4.1:
    /// « choisir les thèmes sur lesquels les candidats n'auraient pas été en réussite »): the
    /// profile's question count shared in proportion to its quotas (equally among themes without
    /// one), never more than the bank holds; fewer questions in all when the themes hold fewer.
    public static func quotas(profile: Profile, bank: Bank, themes: [String]) -> [String: Int] {
        let chosen = Array(Set(themes)).sorted()
        let available = Dictionary(uniqueKeysWithValues: chosen.map { ($0, bank.questions(inTheme: $0).count) })
        let target = min(profile.questionCount, available.values.reduce(0, +))
        let weights = chosen.map { Double(profile.quotas[$0] ?? 0) }
        let total = weights.reduce(0, +)
        let shares = chosen.indices.map { total > 0 ? weights[$0] / total * Double(target) : Double(target) / Double(max(1, chosen.count)) }
        var counts = Dictionary(uniqueKeysWithValues: chosen.indices.map { (chosen[$0], min(Int(shares[$0]), available[chosen[$0]]!)) })
        // Largest remainders first, then any theme with questions left, until the target is met.
        let byRemainder = chosen.indices.sorted { (shares[$0] - shares[$0].rounded(.down), -$0) > (shares[$1] - shares[$1].rounded(.down), -$1) }
        var missing = target - counts.values.reduce(0, +)
        while missing > 0 {
            let open = byRemainder.filter { counts[chosen[$0]]! < available[chosen[$0]]! }
            if open.isEmpty { break }
            for i in open where missing > 0 {
                counts[chosen[i]]! += 1
                missing -= 1
            }
        }
        return counts.filter { $0.value > 0 }
    }

    /// A training's questions drawn from `themes` only (see `quotas(profile:bank:themes:)`), grouped
    /// by theme in `themeOrder`. Deterministic for a seed.
    public static func compose(profile: Profile, bank: Bank, seed: String, themeOrder: [String], themes: [String]) -> [Question] {
        let quotas = quotas(profile: profile, bank: bank, themes: themes)
        var generator = SeededGenerator(seed: "compose\u{0}" + seed)
        let orderedThemes = themeOrder.filter { quotas[$0] != nil } + quotas.keys.filter { !themeOrder.contains($0) }.sorted()
        return orderedThemes.flatMap { bank.questions(inTheme: $0).stableSample(quotas[$0]!, using: &generator) }
    }
}

/// Per-candidate question order (DESIGN §7): a permutation from SHA-256(session seed ‖ candidate id).
public enum CandidateOrder {
    public static func permutation(count: Int, sessionSeed: String, candidateId: String) -> [Int] {
        var generator = SeededGenerator(seed: Array(sessionSeed.utf8) + Array(candidateId.utf8))
        return Array(0..<count).stableShuffled(using: &generator)
    }

    public static func order<T>(_ items: [T], sessionSeed: String, candidateId: String) -> [T] {
        permutation(count: items.count, sessionSeed: sessionSeed, candidateId: candidateId).map { items[$0] }
    }
}
