import ExamKit
import Foundation

/// The embedded default (DESIGN §9): demo candidates and two always-active sessions with fixed codes,
/// made only when a new center uses the bundled content.
public enum Demo {
    public static let examNumber = "100001"
    public static let trainingNumber = "100002"
    public static let examSurveillantCode = "424242"
    public static let trainingSurveillantCode = "515151"

    struct Pupil {
        let id, firstName, lastName, className, sex, birth, attestation, code: String
        let extraTime: Bool
    }

    static let pupils = [
        Pupil(id: "demo-lily", firstName: "Lily", lastName: "Alexandre", className: "5A", sex: "F", birth: "2013-03-14", attestation: "ASSR1", code: "AAAAAAAA", extraTime: false),
        Pupil(id: "demo-hugo", firstName: "Hugo", lastName: "Bernard", className: "5A", sex: "M", birth: "2013-07-02", attestation: "ASSR1", code: "BBBBBBBB", extraTime: false),
        Pupil(id: "demo-chloe", firstName: "Chloé", lastName: "Dubois", className: "5A", sex: "F", birth: "2012-11-23", attestation: "ASSR1", code: "CCCCCCCC", extraTime: true),
        Pupil(id: "demo-nathan", firstName: "Nathan", lastName: "Moreau", className: "3B", sex: "M", birth: "2011-05-09", attestation: "ASSR2", code: "DDDDDDDD", extraTime: false),
        Pupil(id: "demo-ines", firstName: "Inès", lastName: "Petit", className: "3B", sex: "F", birth: "2011-01-30", attestation: "ASSR2", code: "EEEEEEEE", extraTime: false),
    ]

    /// Surveillant code of a demo session, which the sheet may print (the demo's codes are public).
    public static func surveillantCode(for number: String) -> String? {
        switch number {
        case examNumber: examSurveillantCode
        case trainingNumber: trainingSurveillantCode
        default: nil
        }
    }

    public static func install(in center: Center) throws {
        guard try center.session(number: examNumber) == nil else { return }
        try center.insertDemoCandidates(pupils)
        let now = center.clock.now()
        let exam = pupils.filter { $0.attestation == "ASSR1" }
        var request = Center.SessionRequest(
            kind: .examen, profileId: "ASSR1", name: "Démonstration ASSR1", startsAt: now, place: "Salle de démonstration",
            selection: .ids(exam.map(\.id)))
        request.alwaysActive = true
        _ = try center.createSession(request, fixedCodes: (examNumber, examSurveillantCode, Dictionary(uniqueKeysWithValues: exam.map { ($0.id, $0.code) })))
        let training = pupils.filter { $0.attestation == "ASSR2" }
        var trainingRequest = Center.SessionRequest(
            kind: .entrainement, profileId: "ASSR2", name: "Entraînement ASSR2", startsAt: now, place: "Salle de démonstration",
            selection: .ids(training.map(\.id)))
        trainingRequest.alwaysActive = true
        _ = try center.createSession(trainingRequest, fixedCodes: (trainingNumber, trainingSurveillantCode, Dictionary(uniqueKeysWithValues: training.map { ($0.id, $0.code) })))
    }
}

extension Center {
    fileprivate func insertDemoCandidates(_ pupils: [Demo.Pupil]) throws {
        try StoreError.wrap("démonstration") {
            try database.write { db in
                for pupil in pupils {
                    try CandidateRecord(
                        id: pupil.id, ine: nil, lastName: pupil.lastName, firstName: pupil.firstName, birthDate: pupil.birth,
                        className: pupil.className, sex: pupil.sex, attestation: pupil.attestation, siecle: false,
                        extraTime: pupil.extraTime
                    ).save(db)
                }
            }
        }
    }

    /// Opens the center of a home folder (`center.sqlite`), creating the demo when the file is new
    /// and the content is the bundled one.
    public static func open(home: URL, catalog: Catalog, bundledContent: Bool, clock: any WallClock = SystemWallClock()) throws -> Center {
        let path = home.appendingPathComponent("center.sqlite").path
        let isNew = !FileManager.default.fileExists(atPath: path)
        let center = try Center(path: path, catalog: catalog, clock: clock)
        if isNew && bundledContent { try Demo.install(in: center) }
        return center
    }
}
