import CenterService
import ExamKit
import Foundation
import Testing

/// Candidates through the year (issue 14 §1, §2, §8, §10): names, tiers-temps, editing, the list.
@Suite struct YearCandidatesTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
    static let attestations: Set<String> = ["ASSR1", "ASSR2"]
    let today = CenterFixtures.start

    func parse(_ text: String) throws -> [CandidateImport.Row] {
        try CandidateImport.parse(Data(text.utf8), attestations: Self.attestations, today: today)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch let failure as CandidateImport.Failure {
            return failure.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test func namesAreStoredAsTheHandbookPrintsThem() throws {
        let rows = try parse("Nom;Prénom;Date de naissance;Division;Sexe;Attestation\n  da   silva ;jean-PIERRE;04/05/2012;5A;M;assr1\nn'diaye;MARIE élodie;04/05/2012;;F;ASSR1\n")
        #expect(rows.map(\.lastName) == ["DA SILVA", "N'DIAYE"])
        #expect(rows.map(\.firstName) == ["Jean-Pierre", "Marie Élodie"])
        // An empty Division is accepted (handbook §3: « ce champ n'est pas à renseigner »).
        #expect(rows[1].className == "")
        #expect(NameFolding.key("Da-Silva") == NameFolding.key("DA SILVA"))
        #expect(NameFolding.key("Hélène") == NameFolding.key("HELENE"))
    }

    @Test func controlCharactersAndImpossibleBirthDatesAreRefusedWithTheirLine() {
        let found = problems("Nom;Prénom;Date de naissance;Division;Sexe;Attestation\nBon;Élève;04/05/2012;5A;F;ASSR1\nDu\u{1B}[31mpont;Léa;04/05/2012;5A;F;ASSR1\nFutur;Léo;14/07/2030;5A;M;ASSR1\nPetit;Tom;01/01/2020;5A;M;ASSR1\nNul;A\u{0}b;04/05/2012;5A;M;ASSR1\n")
        #expect(found == [
            "ligne 3 : Nom : caractère de contrôle (ESC, U+001B) interdit",
            "ligne 3 : nom manquant",
            "ligne 4 : date de naissance « 14/07/2030 » : dans le futur",
            "ligne 5 : date de naissance « 01/01/2020 » : le candidat aurait moins de 10 ans",
            "ligne 6 : Prénom : caractère de contrôle (NUL, U+0000) interdit",
            "ligne 6 : prénom manquant",
        ])
    }

    @Test func anImportMatchesNamesWithoutCaseOrAccentsAndAnINEFindsTheHandTypedPupil() async throws {
        let center = try CenterFixtures.service(clock: clock)
        _ = try await center.importCandidates(try parse("Nom;Prénom;Date de naissance;Division;Sexe;Attestation\nDa Silva;Hélène;04/05/2012;5A;F;ASSR1\n"))
        let again = try parse("INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation\n12345678901;DA-SILVA;HELENE;04/05/2012;4B;F;ASSR1\n")
        #expect(try await center.importCandidates(again) == UpsertCount(added: 0, updated: 1))
        let stored = try await center.candidates()
        #expect(stored.count == 1)
        #expect(stored[0].ine == "12345678901" && stored[0].className == "4B" && stored[0].lastName == "DA-SILVA")
    }

    @Test func aTiersTempsStatedNonIsRemovedAndReachesSessionsNotStarted() async throws {
        let center = try CenterFixtures.service(clock: clock)
        let header = "INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;Tiers-temps\n"
        _ = try await center.importCandidates(try parse(header + "11111111111;Alexandre;Lily;01/01/2013;5A;F;ASSR1;oui\n"))
        let later = try await center.createSession(CenterService.SessionRequest(
            kind: .examen, profileId: "ASSR1", name: "Plus tard", startsAt: CenterFixtures.start.addingTimeInterval(86400)))
        #expect(try await center.enrolledCandidates(session: later.session.number)[0].enrolment.extraTime)
        // An empty cell keeps it; « non » removes it, in the session to come as well.
        _ = try await center.importCandidates(try parse(header + "11111111111;Alexandre;Lily;01/01/2013;5A;F;ASSR1;\n"))
        #expect(try await center.candidates()[0].extraTime)
        _ = try await center.importCandidates(try parse(header + "11111111111;Alexandre;Lily;01/01/2013;5A;F;ASSR1;non\n"))
        #expect(try await center.candidates()[0].extraTime == false)
        #expect(try await center.enrolledCandidates(session: later.session.number)[0].enrolment.extraTime == false)
    }

    @Test func editingChecksEveryFieldAndMovesTheTiersTempsOfSessionsNotStarted() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: SettableWallClock(CenterFixtures.start.addingTimeInterval(-60)))
        let edited = try await center.editCandidate(id: "Bernard Hugo", CenterService.CandidateChanges(
            lastName: "bernard-durand", className: "", extraTime: true))
        #expect(edited.candidate.lastName == "BERNARD-DURAND" && edited.candidate.className == "" && edited.candidate.extraTime)
        #expect(edited.sessionsUpdated == 1)
        let hugo = try await center.enrolledCandidates(session: created.session.number).first { $0.candidate.ine == "22222222222" }
        #expect(hugo?.enrolment.extraTime == true)
        await #expect(throws: CenterError("date de naissance « 14/07/2030 » : dans le futur")) {
            try await center.editCandidate(id: "22222222222", CenterService.CandidateChanges(birthDate: "14/07/2030"))
        }
        await #expect(throws: CenterError("l'INE 11111111111 est déjà celui du candidat 11111111111")) {
            try await center.editCandidate(id: "22222222222", CenterService.CandidateChanges(ine: "11111111111"))
        }
        await #expect(throws: CenterError("sexe inconnu « X » (F, M, Féminin ou Masculin)")) {
            try await center.editCandidate(id: "22222222222", CenterService.CandidateChanges(sex: "X"))
        }
    }

    @Test func aCandidateWithResultsIsRemovedOnlyWithForce() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await center.login(number: created.session.number, code: created.codes[0].code, terminalId: "t1").get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: package, choosing: { CenterFixtures.catalog.question(id: $0.id)!.answer }))
        let lily = created.codes[0].candidate
        await #expect(throws: CenterError.self) { try await center.removeCandidate(id: lily.ine!, force: false) }
        let removed = try await center.removeCandidate(id: lily.ine!, force: true)
        #expect(removed.results == 1 && !removed.archived)
        #expect(try await center.candidates().count == 2)
        // Without results, no force needed.
        #expect(try await center.removeCandidate(id: "33333333333", force: false).results == 0)
    }

    @Test func theListShowsTheHandbooksResultColumnAndFilters() async throws {
        let (center, created) = try await CenterFixtures.centerWithExam(clock: clock)
        let package = try await center.login(number: created.session.number, code: created.codes[0].code, terminalId: "t1").get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: package, choosing: { CenterFixtures.catalog.question(id: $0.id)!.answer }))
        let failing = try await center.login(number: created.session.number, code: created.codes[1].code, terminalId: "t2").get()
        _ = try await center.storeResult(CenterFixtures.envelope(for: failing, choosing: { _ in [] }, terminal: "t2"))
        _ = try await center.importCandidates([CenterFixtures.row("44444444444", "Zola", "Zoé", className: "4b")])
        let day = CenterDates.day.string(from: CenterFixtures.start.addingTimeInterval(300))
        var lines = try await center.candidateLines()
        #expect(lines.map(\.result) == ["", "Admis le \(day)", "Échoué le \(day)", "Épreuve le \(CenterDates.day.string(from: CenterFixtures.start))"])
        clock.advance(4 * 3600)
        lines = try await center.candidateLines(className: "5a")
        #expect(lines.map(\.result).last == "Absent le \(CenterDates.day.string(from: CenterFixtures.start))")
        #expect(try await center.candidateLines(className: "4B").map(\.candidate.lastName) == ["ZOLA"])
        #expect(try await center.candidateLines(attestation: "assr2").isEmpty)
    }

    @Test func classSelectionRespectsTheAttestationAndIgnoresCase() async throws {
        let center = try CenterFixtures.service(clock: clock)
        var second = CenterFixtures.row("55555555555", "Moreau", "Nathan", className: "5C")
        second.attestation = "ASSR2"
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily", className: "5C"), second])
        let created = try await center.createSession(CenterService.SessionRequest(
            kind: .examen, profileId: "ASSR2", name: "5C", startsAt: CenterFixtures.start, selection: .className("5c")))
        #expect(created.codes.map(\.candidate.lastName) == ["MOREAU"])
        await #expect(throws: CenterError("Lily ALEXANDRE est inscrit pour l'ASSR1, pas pour l'ASSR2")) {
            try await center.createSession(CenterService.SessionRequest(
                kind: .examen, profileId: "ASSR2", name: "x", startsAt: CenterFixtures.start, selection: .ids(["11111111111"])))
        }
    }

    @Test func exportsNeutraliseFormulasAndTypedTextRefusesControlCharacters() async throws {
        #expect(SpreadsheetCell.neutralised("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] { #expect(SpreadsheetCell.neutralised(start) == "'" + start) }
        #expect(SpreadsheetCell.neutralised("DUPONT") == "DUPONT")
        #expect(SpreadsheetCell.neutralised("") == "")
        let center = try CenterFixtures.service(clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "=HYPERLINK(\"http://x\")", "@Lily")])
        let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "+Examen",
                                                                                 startsAt: CenterFixtures.start))
        let csv = String(decoding: try await center.exportResults(session: created.session.number).dropFirst(3), as: UTF8.self)
        #expect(csv.contains("'=HYPERLINK(\"\"HTTP://X\"\")"))
        #expect(csv.contains(";'@lily;"))
        #expect(csv.contains("'+Examen") == false && csv.contains("ASSR1 \(created.session.number) +Examen"))
        await #expect(throws: CenterError("lieu : caractère de contrôle (ESC, U+001B) interdit")) {
            try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "x",
                                                                        startsAt: CenterFixtures.start, place: "B\u{1B}12"))
        }
    }
}
