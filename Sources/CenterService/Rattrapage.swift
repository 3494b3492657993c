import ExamKit
import Foundation

/// The school year a date falls in: from 1 September to 31 August (« 2025-2026 »).
public struct SchoolYear: Sendable, Hashable, CustomStringConvertible {
    /// The calendar year of its September.
    public let startYear: Int

    public init(containing date: Date, calendar: Calendar = Calendar(identifier: .gregorian)) {
        let parts = calendar.dateComponents(in: calendar.timeZone, from: date)
        startYear = (parts.month ?? 1) >= 9 ? (parts.year ?? 0) : (parts.year ?? 0) - 1
    }

    public var description: String { "\(startYear)-\(startYear + 1)" }
}

/// The rattrapage (handbook §9): « une seule épreuve de rattrapage organisée durant la même année »,
/// for the candidates who failed or were absent at the principal exam.
extension CenterService {
    /// The candidates of a rattrapage of `number`, and the principal's failed or absent candidates
    /// left out because they already have a rattrapage this school year.
    func rattrapageCandidates(of number: String, request: SessionRequest,
                              profile: Profile) async throws -> ([Candidate], [(candidate: Candidate, reason: String)]) {
        guard request.kind == .examen else { throw CenterError("--rattrapage-de : un rattrapage est un examen (--type examen ou hors-ligne)") }
        guard let principal = try await session(number: number), !isDemo(principal) else {
            throw CenterError("--rattrapage-de : épreuve \(number) inconnue")
        }
        guard principal.kind == .examen, principal.rattrapageOf == nil else {
            throw CenterError("--rattrapage-de : l'épreuve \(number) n'est pas un examen principal"
                + (principal.rattrapageOf.map { " (c'est déjà le rattrapage de l'épreuve \($0))" } ?? " (c'est un entraînement)"))
        }
        guard principal.profileId == profile.id else {
            throw CenterError("--rattrapage-de : l'épreuve \(number) est un examen \(principal.profileId), pas \(profile.id)")
        }
        guard state(of: principal) == .finished else {
            throw CenterError("--rattrapage-de : l'épreuve \(number) n'est pas terminée ; ses échoués et absents ne sont connus qu'ensuite")
        }
        guard request.startsAt > principal.startsAt else {
            throw CenterError("--rattrapage-de : le rattrapage doit avoir lieu après l'épreuve principale du \(CenterDates.minute.string(from: principal.startsAt))")
        }
        let eligible = try await standings(session: principal).filter { [.failed, .absent, .stoppedBySurveillant].contains($0.verdict) }
            .map(\.candidate)
        let year = SchoolYear(containing: request.startsAt)
        let others = try await sessions().filter { $0.rattrapageOf != nil && SchoolYear(containing: $0.startsAt) == year }
        var taken: [String: CenterSession] = [:]
        for other in others.sorted(by: { $0.startsAt > $1.startsAt }) {
            for enrolment in try await repository.enrolments(session: other.number) { taken[enrolment.candidateId] = other }
        }
        func reason(_ session: CenterSession) -> String {
            "rattrapage déjà prévu cette année scolaire \(year) : épreuve \(session.number) du \(CenterDates.day.string(from: session.startsAt))"
        }
        switch request.selection {
        case .all, .className:
            let inClass = eligible.filter { candidate in
                if case let .className(name) = request.selection { return NameFolding.key(candidate.className) == NameFolding.key(name) }
                return true
            }
            return (inClass.filter { taken[$0.id] == nil }, inClass.compactMap { candidate in taken[candidate.id].map { (candidate, reason($0)) } })
        case let .ids(ids):
            let chosen = try ids.map { id in
                guard let candidate = eligible.first(where: { $0.ine == id.uppercased() || $0.id == id }) else {
                    throw CenterError("« \(id) » n'a ni échoué ni été absent à l'épreuve \(number) : pas de rattrapage")
                }
                if let other = taken[candidate.id] { throw CenterError("\(candidate.displayName) : \(reason(other))") }
                return candidate
            }
            return (chosen, [])
        }
    }

    /// Whether `candidate` may join the rattrapage `session` (sessions edit --add): failed or absent
    /// at its principal exam, and no other rattrapage this school year.
    func checkRattrapageAddition(_ candidate: Candidate, to session: CenterSession) async throws {
        guard let principal = session.rattrapageOf else { return }
        var request = SessionRequest(kind: .examen, profileId: session.profileId, name: session.name, startsAt: session.startsAt,
                                     selection: .ids([candidate.id]))
        request.rattrapageOf = principal
        guard let profile = catalog.profile(session.profileId) else { return }
        // The session itself holds no such candidate yet: the same rule as at creation.
        _ = try await rattrapageCandidates(of: principal, request: request, profile: profile)
    }
}
