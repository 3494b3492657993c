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
