import CenterService
import Foundation
import Testing

/// The establishment's year in one test, through the real `epreuve-center` (issue 14): 30 pupils
/// imported, a training on two themes, a principal exam on paper with marks typed in (one failed,
/// one absent), the rattrapage of those two, exports, statistics, then the purge of that year.
@Suite(.serialized) struct YearEndToEndTests {
    @Test func aWholeYearFromImportToPurge() async throws {
        let school = SchoolCenter()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("year-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await school.importPupils()
        try await school.setEstablishment()

        // A candidate edited by hand: the tiers-temps removed, the class changed.
        let edited = try await school.run(["candidates", "edit", SchoolCenter.ine(1), "--tiers-temps", "non", "--classe", "5b"])
        #expect(edited.stdout.contains("LEFÈVRE"))
        let fifthB = try await school.run(["candidates", "list", "--classe", "5B"])
        #expect(fifthB.stdout.contains("LEFÈVRE") && !fifthB.stdout.contains("DUPONT"))

        // A training on two themes only.
        let training = try await school.run([
            "sessions", "create", "--type", "entrainement", "--attestation", "ASSR1", "--name", "Révisions",
            "--at", "10/03/2025 10:00", "--passe", "--themes", "circulation,vitesse",
        ])
        #expect(training.stdout.contains("Thèmes : Circulation, Vitesse ("))

        // The principal exam, on paper: DUPONT Léa fails, BENOÎT Chloé is absent, the others pass.
        let principal = try SchoolCenter.number(in: try await school.run([
            "sessions", "create", "--type", "hors-ligne", "--attestation", "ASSR1", "--name", "Examen principal",
            "--at", "14/03/2025 10:00", "--lieu", "CDI", "--passe",
        ]))
        let absent = 2, failing = 0
        for index in SchoolCenter.pupils.indices where index != absent {
            let note = index == failing ? "6" : "\(10 + index % 10)"
            let entered = try await school.run(["results", "enter", principal, SchoolCenter.ine(index), "--note", note])
            #expect(entered.stdout.contains(": \(note)/20, \(index == failing ? "Échoué" : "Admis")."))
        }
        let listed = try await school.run(["candidates", "list", "--classe", "5a"])
        #expect(listed.stdout.split(separator: "\n").contains { $0.contains("DUPONT") && $0.contains("Échoué le 14/03/2025") })
        #expect(listed.stdout.split(separator: "\n").contains { $0.contains("BENOÎT") && $0.contains("Absent le 14/03/2025") })
        #expect(listed.stdout.split(separator: "\n").contains { $0.contains("GARÇON") && $0.contains("Admis le 14/03/2025") })

        // The rattrapage enrols exactly the failed and the absent pupil, once a school year.
        let rattrapageOutput = try await school.run([
            "sessions", "create", "--type", "hors-ligne", "--rattrapage-de", principal, "--name", "Rattrapage",
            "--at", "28/03/2025 10:00", "--lieu", "CDI", "--passe",
        ])
        let rattrapage = try SchoolCenter.number(in: rattrapageOutput)
        #expect(rattrapageOutput.stdout.contains("Épreuve de rattrapage de l'épreuve \(principal)"))
        let enrolled = try await school.service().enrolledCandidates(session: rattrapage).map(\.candidate.lastName).sorted()
        #expect(enrolled == ["BENOÎT", "DUPONT"])
        let convocations = try await PDFPages(try await print(school, ["convocations", rattrapage], to: "\(folder)/c.pdf"))
        #expect(convocations.count == 2 && convocations.pages.allSatisfy { PDFPages.words($0).contains("Épreuve de rattrapage") })
        let again = try await school.run([
            "sessions", "create", "--type", "hors-ligne", "--rattrapage-de", principal, "--name", "Encore",
            "--at", "04/04/2025 10:00", "--passe",
        ], expect: 1)
        #expect(again.stderr.contains("rattrapage"))
        let passed = try await school.run(["results", "enter", rattrapage, "DUPONT Léa", "--note", "14"])
        #expect(passed.stdout.contains(": 14/20, Admis."))

        // Official figures: exams only, principal and rattrapage apart; trainings on demand.
        // Marks alone: no figures by theme, and the table says so rather than stand empty.
        #expect(try await school.run(["stats"]).stdout.contains("Réussite par thème\n(aucune réponse connue : pas de chiffres par thème)"))
        let stats = try await school.run(["stats", "--csv"])
        #expect(stats.stdout.contains("Épreuve principale : Inscrits") && stats.stdout.contains("Rattrapage : Inscrits"))
        #expect(!stats.stdout.contains("Entraînements"))
        #expect(try await school.run(["stats", "--csv", "--avec-entrainements"]).stdout.contains("Entraînements : Inscrits"))
        let purgeRefused = try await school.run(["archives", "purge", "--avant", "2026"], expect: 1)
        #expect(purgeRefused.stderr.contains("n'est dans aucun export"))
        let exportPath = "\(folder)/archive-2025.csv"
        try await school.run(["results", "export", "--out", exportPath])
        let export = try String(contentsOfFile: exportPath, encoding: .utf8)
        #expect(export.contains(";Rattrapage (sans accès internet);") && export.contains(";Examen (sans accès internet);"))
        #expect(!export.contains("Révisions"))
        #expect(export.split(separator: "\r\n").count == 1 + 30 + 2)

        // The purge of 2025: what it deleted, and nothing of it left.
        let purged = try await school.run(["archives", "purge", "--avant", "2026"])
        #expect(purged.stdout.contains("Archive vérifiée : \(URL(fileURLWithPath: exportPath).standardizedFileURL.path)"))
        #expect(purged.stdout.contains("Supprimé : 3 épreuve(s), 30 résultat(s), 30 candidat(s) avant le 1er janvier 2026."))
        #expect(try await school.run(["sessions", "list"]).stdout.contains(principal) == false)
        #expect(try await school.service().candidates().filter { $0.className != "DEMO" }.isEmpty)
    }

    func print(_ school: SchoolCenter, _ arguments: [String], to path: String) async throws -> String {
        try await school.run(["print"] + arguments + ["--out", path])
        return path
    }
}
