import CenterService
import ExamKit
import Foundation
import Testing

/// Sessions through the year (issue 14 §3–§9): edits, themes, rattrapage, paper exams, figures,
/// purge, dates, codes by name.
@Suite struct YearSessionsTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))
    typealias Request = CenterService.SessionRequest

    /// Logs `index`'s candidate in and hands in all right (`pass`) or nothing.
    func sit(_ center: CenterService, _ created: CenterService.CreatedSession, _ index: Int, pass: Bool) async throws {
        let package = try await center.login(number: created.session.number, code: created.codes[index].code, terminalId: "t\(index)").get()
        let envelope = CenterFixtures.envelope(for: package, choosing: { pass ? CenterFixtures.catalog.question(id: $0.id)!.answer : [] },
                                              terminal: "t\(index)", startedAt: clock.now())
        #expect(try await center.storeResult(envelope).isSuccess)
    }

    @Test func datesInThePastBeyondTheValidityAreRefusedUnlessPasse() async throws {
        let center = try CenterFixtures.service(clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily")])
        let old = Date(timeIntervalSince1970: 1_577_869_200)  // 01/01/2020
        await #expect(throws: CenterError.self) { try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "x", startsAt: old)) }
        #expect(try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "x", startsAt: old, allowPast: true)).session.startsAt == old)
        // An exam of two hours ago is still on; a training of two days ago too.
        let twoHoursAgo = clock.now().addingTimeInterval(-2 * 3600)
        #expect(try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "x", startsAt: twoHoursAgo)).session.number.count == 6)
        #expect(try await center.createSession(Request(kind: .entrainement, profileId: "ASSR1", name: "x",
                                                       startsAt: clock.now().addingTimeInterval(-2 * 86400))).session.number.count == 6)
        for typed in ["15/12/2026 9:00", "15/12/2026 09:00", "15/12/2026 9h00", "15/12/2026 9h", "15/12/2026 9 h 00"] {
            #expect(CenterDates.parseMinute(typed).map(CenterDates.minute.string) == "15/12/2026 09:00", "\(typed)")
        }
        for wrong in ["15/12/2026", "31/02/2026 9:00", "15/12/2026 25:00", "15/12/26 9:00", "15/12/2026 9:5"] {
            #expect(CenterDates.parseMinute(wrong) == nil, "\(wrong)")
        }
    }

    @Test func anUpcomingSessionIsEditedOrDeletedUntilItStarts() async throws {
        let early = SettableWallClock(CenterFixtures.start.addingTimeInterval(-3600))
        let (center, created) = try await CenterFixtures.centerWithExam(clock: early)
        let number = created.session.number
        _ = try await center.importCandidates([CenterFixtures.row("44444444444", "Zola", "Zoé")])
        let edited = try await center.editSession(number: number, CenterService.SessionChanges(
            name: "Examen 5A", place: "Salle B12", additionalText: "Apportez un stylo.", adding: ["zola zoé"], removing: ["Bernard"]))
        #expect(edited.session.name == "Examen 5A" && edited.session.place == "Salle B12" && edited.session.additionalText == "Apportez un stylo.")
        #expect(edited.added.map(\.candidate.lastName) == ["ZOLA"] && edited.removed.map(\.lastName) == ["BERNARD"])
        let login = try await center.login(number: number, code: edited.added[0].code, terminalId: "t")
        #expect(login == .failure(.notActive(.upcoming, startsAt: CenterFixtures.start)))
        // The convocation text: 300 characters at most, on creation as on edit.
        let long = String(repeating: "é", count: 301)
        await #expect(throws: CenterError("texte de la convocation trop long (301 caractères, 300 au plus)")) {
            try await center.editSession(number: number, CenterService.SessionChanges(additionalText: long))
        }
        await #expect(throws: CenterError("texte de la convocation trop long (301 caractères, 300 au plus)")) {
            try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "x", startsAt: CenterFixtures.start, additionalText: long))
        }
        await #expect(throws: CenterError("Chloé DUBOIS est déjà convoqué à l'épreuve \(number)")) {
            try await center.editSession(number: number, CenterService.SessionChanges(adding: ["33333333333"]))
        }
        early.advance(3600)
        await #expect(throws: CenterError("l'épreuve \(number) est active : on ne peut plus la modifier (seulement tant qu'elle est À venir)")) {
            try await center.editSession(number: number, CenterService.SessionChanges(name: "trop tard"))
        }
        await #expect(throws: CenterError.self) { try await center.deleteUpcomingSession(number: number) }
        let later = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "Plus tard", startsAt: early.now().addingTimeInterval(3600)))
        #expect(try await center.deleteUpcomingSession(number: later.session.number).name == "Plus tard")
        #expect(try await center.session(number: later.session.number) == nil)
    }

    @Test func aTrainingOnChosenThemesDrawsFromThoseOnly() async throws {
        let (center, _) = try await CenterFixtures.centerWithExam(clock: clock)
        let training = try await center.createSession(Request(kind: .entrainement, profileId: "ASSR1", name: "Vitesse",
                                                              startsAt: clock.now(), themes: ["vitesse"]))
        #expect(training.session.themeIds == ["vitesse"])
        #expect(training.session.questionIds.count == 4)
        #expect(training.session.questionIds.allSatisfy { $0.hasPrefix("mini-vitesse-") })
        await #expect(throws: CenterError.self) {
            try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "x", startsAt: clock.now(), themes: ["vitesse"]))
        }
        await #expect(throws: CenterError.self) {
            try await center.createSession(Request(kind: .entrainement, profileId: "ASSR1", name: "x", startsAt: clock.now(), themes: ["météo"]))
        }
        // Quotas shared in proportion, never more than the bank holds.
        let profile = try #require(CenterFixtures.catalog.profile("ASSR1"))
        let bank = try #require(CenterFixtures.catalog.banks["mini"])
        #expect(SessionComposer.quotas(profile: profile, bank: bank, themes: ["circulation", "vitesse"]) == ["circulation": 2, "vitesse": 2])
    }

    @Test func aRattrapageTakesTheFailedAndAbsentOncePerSchoolYear() async throws {
        let (center, principal) = try await CenterFixtures.centerWithExam(clock: clock)
        try await sit(center, principal, 0, pass: true)   // Lily: Admis
        try await sit(center, principal, 1, pass: false)  // Hugo: Échoué; Chloé: Absent
        let request = Request(kind: .examen, profileId: "ASSR1", name: "Rattrapage", startsAt: CenterFixtures.start.addingTimeInterval(7 * 86400),
                              rattrapageOf: principal.session.number)
        await #expect(throws: CenterError("--rattrapage-de : l'épreuve \(principal.session.number) n'est pas terminée ; ses échoués et absents ne sont connus qu'ensuite")) {
            try await center.createSession(request)
        }
        clock.advance(4 * 3600)
        let rattrapage = try await center.createSession(request)
        #expect(rattrapage.codes.map(\.candidate.lastName) == ["BERNARD", "DUBOIS"])
        #expect(rattrapage.session.rattrapageOf == principal.session.number)
        #expect(center.typeLabel(rattrapage.session) == "Rattrapage")
        // A second principal exam in the same school year: Hugo fails again, but his rattrapage is taken.
        let second = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "Deuxième", startsAt: clock.now(),
                                                             selection: .ids(["22222222222"])))
        try await sit(center, second, 0, pass: false)
        clock.advance(4 * 3600)
        var another = request
        another.rattrapageOf = second.session.number
        another.startsAt = CenterFixtures.start.addingTimeInterval(8 * 86400)
        await #expect(throws: CenterError.self) { try await center.createSession(another) }
        another.selection = .ids(["22222222222"])
        await #expect(throws: CenterError("Hugo BERNARD : rattrapage déjà prévu cette année scolaire 2026-2027 : épreuve \(rattrapage.session.number) du \(CenterDates.day.string(from: request.startsAt))")) {
            try await center.createSession(another)
        }
        // Admitted pupils are not eligible; a rattrapage of a rattrapage neither.
        another.rattrapageOf = principal.session.number
        another.selection = .ids(["11111111111"])
        await #expect(throws: CenterError.self) { try await center.createSession(another) }
        another.rattrapageOf = rattrapage.session.number
        another.selection = .all
        await #expect(throws: CenterError.self) { try await center.createSession(another) }
        #expect(SchoolYear(containing: CenterFixtures.start).description == "2026-2027")
    }

    @Test func aPaperExamIsScoredFromTheTypedGridOrMark() async throws {
        let (center, _) = try await CenterFixtures.centerWithExam(clock: clock)
        let paper = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "Papier", startsAt: CenterFixtures.start,
                                                           medium: .paper))
        let number = paper.session.number
        #expect(try await center.lookUp(number: number) == nil)
        #expect(try await center.login(number: number, code: paper.codes[0].code, terminalId: "t") == .failure(.unknownSession))
        let questions = try paper.session.questionIds.map { try #require(CenterFixtures.catalog.question(id: $0)) }
        let right = questions.map { ChoiceLetter.letters($0.answer).joined() }.joined(separator: ",")
        let entered = try await center.enterResult(session: number, candidate: "Alexandre Lily", .answers(right.lowercased()))
        #expect(entered.result.score == 4 && entered.result.passed && entered.result.source == .paperAnswers)
        let half = ([String](repeating: "", count: 2) + questions.suffix(2).map { ChoiceLetter.letters($0.answer).joined() }).joined(separator: ",")
        let replaced = try await center.enterResult(session: number, candidate: "11111111111", .answers(half))
        #expect(replaced.result.score == 2 && replaced.previous?.score == 4)
        #expect(try await center.enterResult(session: number, candidate: "Bernard", .note(1)).result.passed == false)
        await #expect(throws: CenterError("--reponses : 2 groupe(s) au lieu de 4 (une réponse par question, séparées par des virgules, « » pour aucune)")) {
            try await center.enterResult(session: number, candidate: "Dubois", .answers("A,B"))
        }
        await #expect(throws: CenterError("--reponses, question 1 : « F » n'est pas un choix (A à C)")) {
            try await center.enterResult(session: number, candidate: "Dubois", .answers("F,,,"))
        }
        await #expect(throws: CenterError("--note 21 : une note va de 0 à 4")) {
            try await center.enterResult(session: number, candidate: "Dubois", .note(21))
        }
        let standings = try await center.standings(session: paper.session)
        #expect(standings.map(\.verdict) == [.admitted, .failed, .pending])
        clock.advance(4 * 3600)
        #expect(try await center.standings(session: paper.session).map(\.verdict) == [.admitted, .failed, .absent])
    }

    @Test func figuresCountCandidatesOncePerRoundAndLeaveTrainingsOut() async throws {
        let (center, principal) = try await CenterFixtures.centerWithExam(clock: clock)
        try await sit(center, principal, 0, pass: true)
        try await sit(center, principal, 1, pass: false)
        let training = try await center.createSession(Request(kind: .entrainement, profileId: "ASSR1", name: "Entraînement", startsAt: clock.now()))
        try await sit(center, training, 1, pass: false)
        clock.advance(4 * 3600)
        let rattrapage = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "Rattrapage", startsAt: clock.now(),
                                                                rattrapageOf: principal.session.number))
        try await sit(center, rattrapage, 0, pass: true)  // Hugo passes the rattrapage
        let stats = try await center.statistics(session: nil)
        #expect(stats.rounds == [.principal, .rattrapage])
        let line = try #require(stats.byClass.first)
        #expect(line.figures(.principal) == CenterService.Figures(registered: 3, present: 2, admitted: 1, meanNote: 10))
        #expect(line.figures(.rattrapage) == CenterService.Figures(registered: 2, present: 1, admitted: 1, meanNote: 20))
        #expect(stats.results.count == 3)
        let withTrainings = try await center.statistics(session: nil, withTrainings: true)
        #expect(withTrainings.rounds == [.principal, .rattrapage, .training])
        #expect(withTrainings.byClass[0].figures(.training).registered == 3)
        #expect(withTrainings.results.first { $0.session.kind == .entrainement }?.verdict == .done)
        // A training's verdict is its note, never « Échoué ».
        #expect(try await center.standings(session: training.session).map(\.verdict.label).contains("Échoué") == false)
        let csv = String(decoding: try center.statisticsCSV(stats).dropFirst(3), as: UTF8.self)
        #expect(csv.contains("Groupe;Épreuve principale : Inscrits;Épreuve principale : Présents;Épreuve principale : Admis;Épreuve principale : Taux de réussite;Rattrapage : Inscrits"))
        #expect(csv.contains("5A;3;2;1;50;2;1;1;100"))
        #expect(!csv.contains("ALEXANDRE"))
        // The export: exams only, principal and rattrapage told apart.
        let export = String(decoding: try await center.exportResults(session: nil).dropFirst(3), as: UTF8.self)
        #expect(export.contains(";Rattrapage;") && export.contains(";Examen;") && !export.contains("Entraînement"))
        #expect(String(decoding: try await center.exportResults(session: nil, withTrainings: true), as: UTF8.self).contains(";Entraînement;"))
    }

    @Test func aPurgeNeedsAnExportStillThere() async throws {
        let center = try CenterFixtures.service(clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily")])
        let old = Date(timeIntervalSince1970: 1_735_725_600)  // 01/01/2025 10:00
        let created = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "2025", startsAt: old, allowPast: true))
        await #expect(throws: CenterError.self) { try await center.purge(before: 2026, withoutExport: false) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("purge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("archive.csv")
        try await center.exportResults(session: nil, to: file)
        try Data("changé".utf8).write(to: file)
        await #expect(throws: CenterError.self) { try await center.purge(before: 2026, withoutExport: false) }
        try await center.exportResults(session: nil, to: file)
        await #expect(throws: CenterError.self) { try await center.purge(before: 2027, withoutExport: false) }
        let report = try await center.purge(before: 2026, withoutExport: false)
        #expect(report.sessions.map(\.number) == [created.session.number])
        #expect(report.count == PurgeCount(sessions: 1, results: 0, candidates: 1))
        #expect(report.exports.map(\.path) == [file.standardizedFileURL.path])
        #expect(try await center.sessions().isEmpty)
        #expect(try await center.candidates().isEmpty)
    }

    @Test func aCodeIsReissuedByUnambiguousNameAndPapillonsGetFreshOnes() async throws {
        let (center, _) = try await CenterFixtures.centerWithExam(clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("66666666666", "Dubois", "Marc")])
        let created = try await center.createSession(Request(kind: .examen, profileId: "ASSR1", name: "Deux Dubois", startsAt: clock.now(),
                                                             selection: .ids(["33333333333", "66666666666", "11111111111"])))
        let number = created.session.number
        await #expect(throws: CenterError("« dubois » désigne 2 candidats à l'épreuve \(number) : DUBOIS Chloé (5A, 33333333333), DUBOIS Marc (5A, 66666666666) ; indiquez l'INE ou l'identifiant")) {
            try await center.reissueCode(session: number, candidate: "dubois")
        }
        let reissued = try await center.reissueCode(session: number, candidate: "Chloe DUBOIS")
        #expect(reissued.candidate.ine == "33333333333" && reissued.session.number == number)
        #expect(try await center.login(number: number, code: reissued.code, terminalId: "t1").isSuccess)
        // Papillons: fresh codes for those who have not logged in; Chloé keeps hers.
        let papillons = try await center.papillonCodes(session: number)
        #expect(papillons.fresh && Set(papillons.codes.keys) == ["66666666666", "11111111111"])
        #expect(papillons.skipped.map(\.candidate.ine) == ["33333333333"])
        let old = try #require(created.codes.first { $0.candidate.ine == "66666666666" }?.code)
        #expect(try await center.login(number: number, code: old, terminalId: "t2") == .failure(.wrongCode))
        #expect(try await center.login(number: number, code: papillons.codes["66666666666"]!, terminalId: "t2").isSuccess)
        await #expect(throws: CenterError.self) { try await center.papillonCodes(session: number, only: "dubois chloé") }
        #expect(try await center.papillonCodes(session: number, only: "Alexandre").codes.count == 1)
    }
}
