import ExamKit
import Foundation

/// Access codes for the papillons. The center keeps codes only as salted hashes, so it cannot print
/// the ones `sessions create` showed: printing papillons issues fresh codes, which replace the old
/// ones, for every candidate who has not logged in yet (in an exam: who has no attempt at all; in a
/// training: who has none running). The demo's public codes are printed as they are.
extension CenterService {
    public struct PapillonCodes: Sendable {
        /// Fresh codes in clear, by candidate id (shown once, on paper).
        public let codes: [String: String]
        /// Candidates left without a papillon, and why.
        public let skipped: [(candidate: Candidate, reason: String)]
        /// True when the codes are new (the old ones stopped working).
        public let fresh: Bool
    }

    /// `only`: one candidate of the session (INE, identifier or name).
    public func papillonCodes(session number: String, only: String? = nil) async throws -> PapillonCodes {
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        guard session.medium == .terminal else {
            throw CenterError("l'épreuve \(number) se passe sur papier : pas de code d'accès, imprimez la grille (print grille \(number))")
        }
        guard state(of: session) != .finished || session.alwaysActive else {
            throw CenterError("l'épreuve \(number) est terminée : plus de papillon à imprimer")
        }
        var enrolled = try await enrolledCandidates(session: number)
        var maker = AccessCodeMaker(session: session, existing: enrolled.map(\.enrolment))
        if let only {
            let candidate = try resolve(only, among: enrolled.map(\.candidate), in: number)
            enrolled = enrolled.filter { $0.candidate.id == candidate.id }
        }
        if enrolled.allSatisfy({ $0.enrolment.demoCode != nil }) {
            return PapillonCodes(codes: Dictionary(uniqueKeysWithValues: enrolled.compactMap { e in e.enrolment.demoCode.map { (e.candidate.id, $0) } }),
                                 skipped: [], fresh: false)
        }
        var generator = SystemRandomNumberGenerator()
        var clear: [String: String] = [:]
        let replacements = enrolled.map { entry -> Enrolment in
            let (code, hash) = maker.make(using: &generator)
            clear[entry.candidate.id] = code
            var changed = entry.enrolment
            changed.codeSalt = maker.salt
            changed.codeHash = hash
            changed.demoCode = nil
            return changed
        }
        let replaced = Set(try await repository.replaceAccessCodes(session: number, replacements, onePerCandidate: session.kind == .examen))
        let results = try await repository.results(session: number)
        let skipped = enrolled.filter { !replaced.contains($0.candidate.id) }.map { entry in
            (entry.candidate, results.contains { $0.candidateId == entry.candidate.id } && session.kind == .examen
                ? "résultat déjà enregistré" : "épreuve commencée (code inchangé ; sessions reissue \(number) pour un nouveau code)")
        }
        if only != nil, let first = skipped.first {
            throw CenterError("\(first.0.displayName) : \(first.1) ; pas de papillon")
        }
        return PapillonCodes(codes: clear.filter { replaced.contains($0.key) }, skipped: skipped, fresh: true)
    }
}
