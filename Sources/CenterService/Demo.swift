import ExamKit
import Foundation

/// The embedded default (DESIGN §9): demo candidates and two always-active sessions with fixed codes,
/// made only when a new center uses the bundled content.
public enum Demo {
    public static let examNumber = "100001"
    public static let trainingNumber = "100002"
    public static let examSurveillantCode = "424242"
    public static let trainingSurveillantCode = "515151"
    /// The demo pupils' class: never enrolled by `--candidates all` or `class:`.
    public static let className = "DEMO"
    public static let numbers: Set<String> = [examNumber, trainingNumber]

    struct Pupil {
        let id, firstName, lastName, className, sex, birth, attestation, code: String
        let extraTime: Bool

        var candidate: Candidate {
            Candidate(id: id, ine: nil, lastName: lastName, firstName: firstName, birthDate: birth, className: className,
                      sex: sex, attestation: attestation, siecle: false, extraTime: extraTime)
        }
    }

    static let pupils = [
        Pupil(id: "demo-lily", firstName: "Lily", lastName: "Alexandre", className: "DEMO", sex: "F", birth: "2013-03-14", attestation: "ASSR1", code: "AAAAAAAA", extraTime: false),
        Pupil(id: "demo-hugo", firstName: "Hugo", lastName: "Bernard", className: "DEMO", sex: "M", birth: "2013-07-02", attestation: "ASSR1", code: "BBBBBBBB", extraTime: false),
        Pupil(id: "demo-chloe", firstName: "Chloé", lastName: "Dubois", className: "DEMO", sex: "F", birth: "2012-11-23", attestation: "ASSR1", code: "CCCCCCCC", extraTime: true),
        Pupil(id: "demo-nathan", firstName: "Nathan", lastName: "Moreau", className: "DEMO", sex: "M", birth: "2011-05-09", attestation: "ASSR2", code: "DDDDDDDD", extraTime: false),
        Pupil(id: "demo-ines", firstName: "Inès", lastName: "Petit", className: "DEMO", sex: "F", birth: "2011-01-30", attestation: "ASSR2", code: "EEEEEEEE", extraTime: false),
    ]

    /// Surveillant code of a demo session, which the sheet may print (the demo's codes are public).
    public static func surveillantCode(for number: String) -> String? {
        switch number {
        case examNumber: examSurveillantCode
        case trainingNumber: trainingSurveillantCode
        default: nil
        }
    }
}

extension CenterService {
    /// Puts the demo candidates and sessions in, unless the demo exam is there already; false when it was.
    @discardableResult
    public func installDemo() async throws -> Bool {
        guard try await session(number: Demo.examNumber) == nil else { return false }
        _ = try await repository.upsertCandidates(Demo.pupils.map { pupil in
            CandidateUpsert(key: .id(pupil.id)) { _ in pupil.candidate }
        }, newId: Self.generatedCandidateId)
        let now = clock.now()
        for (number, surveillant, kind, profile, name) in [
            (Demo.examNumber, Demo.examSurveillantCode, SessionKind.examen, "ASSR1", "Démonstration ASSR1"),
            (Demo.trainingNumber, Demo.trainingSurveillantCode, SessionKind.entrainement, "ASSR2", "Entraînement ASSR2"),
        ] {
            let pupils = Demo.pupils.filter { $0.attestation == profile }
            var request = SessionRequest(kind: kind, profileId: profile, name: name, startsAt: now, place: "Salle de démonstration",
                                         selection: .ids(pupils.map(\.id)))
            request.alwaysActive = true
            let codes = FixedCodes(number: number, surveillant: surveillant,
                                   access: Dictionary(uniqueKeysWithValues: pupils.map { ($0.id, $0.code) }))
            _ = try await createSession(request, fixedCodes: codes)
        }
        return true
    }

    /// Deletes the demo sessions (with their attempts and results) and the demo pupils; false when
    /// there was no demo.
    @discardableResult
    public func removeDemo() async throws -> Bool {
        var removed = false
        for number in Demo.numbers where try await repository.deleteSession(number: number) { removed = true }
        let pupils = try await repository.candidates().filter { Demo.pupils.map(\.id).contains($0.id) }
        if try await repository.deleteCandidates(ids: pupils.map(\.id)) > 0 { removed = true }
        return removed
    }

    /// Demo sessions count in exports and statistics only when asked for by number.
    func isDemo(_ session: CenterSession) -> Bool {
        Demo.numbers.contains(session.number) && session.alwaysActive
    }
}
