import Documents
import ExamKit
import Foundation
import Testing

/// Corrigé, rapport and the paper exam's grille and corrections, made from the fixture and read
/// back with pdftotext.
@Suite(.serialized) struct QuestionDocumentsTests {
    let input = SessionFixture.input()
    let offline = SessionFixture.input(type: .horsLigne)
    var questions: [Question] { SessionFixture.questions }

    /// Text with every run of white space made one space: wrapped lines read as one.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func corrigeShowsEveryQuestionWithItsKeyAndExplanation() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.corrige(input), name: "corrige")
        #expect(pdf.pageCount == pdf.pages.count)
        #expect(pdf.summary.overflows.isEmpty)
        pdf.expectNothingCutOrOffThePaper()
        let flat = Self.flat(pdf.text)
        for (index, question) in questions.enumerated() {
            let letters = ChoiceLetter.letters(question.answer).joined(separator: ", ")
            let start = try #require(flat.range(of: "Question \(index + 1)/20 "), "question \(index + 1) missing")
            let end = index + 1 < questions.count ? flat.range(of: "Question \(index + 2)/20 ")!.lowerBound : flat.endIndex
            let block = String(flat[start.upperBound..<end])
            #expect(block.contains(Self.flat(question.prompt)), "question \(index + 1) prompt")
            #expect(block.contains("Réponse attendue : \(letters)"), "question \(index + 1)")
            #expect(block.contains(String(Self.flat(question.explanation).prefix(30))), "question \(index + 1) explanation")
            for choice in question.choices {
                #expect(block.contains(String(Self.flat(choice).prefix(20))), "question \(index + 1) choice \(choice)")
            }
            if let situation = question.situation {
                #expect(block.contains(String(Self.flat(situation).prefix(25))), "question \(index + 1) situation")
            }
        }
        try expectGolden("corrige", pdf)
    }

    @Test func corrigeOfAnExamWaitsForItsEnd() throws {
        #expect(throws: DocumentError.unavailable("Corrigé : l'examen 832648 n'est pas terminé ; son corrigé s'imprime une fois l'épreuve finie.")) {
            try ExamDocuments.corrige(SessionFixture.input(isOver: false))
        }
        _ = try ExamDocuments.corrige(SessionFixture.input(type: .entrainement, isOver: false))
    }

    @Test func corrigeNeedsTheAnswerKey() {
        var bare = input
        bare.questions = questions.map { $0.withoutKey() }
        #expect(throws: DocumentError.unavailable("Corrigé : la question \(questions[0].id) n'a pas de réponse attendue.")) {
            try ExamDocuments.corrige(bare)
        }
    }

    @Test func rapportCountsAndTablesEveryCandidate() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.rapport(input), name: "rapport")
        #expect(pdf.pageCount == 3)
        #expect(pdf.summary.overflows.isEmpty)
        pdf.expectNothingCutOrOffThePaper()
        let candidates = input.candidates
        let admitted = candidates.count { $0.result?.verdict == .admis }
        let failed = candidates.count { $0.result?.verdict == .echoue }
        let absent = candidates.count { $0.result?.verdict == .absent }
        // The counts table: each label, then its number first on the line (a chart stands beside).
        func count(_ label: String) -> Int? {
            let rows = pdf.lines(page: 0).map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix(label + " ") }
            return rows.first.flatMap { $0.dropFirst(label.count).split(separator: " ").first }.flatMap { Int($0) }
        }
        #expect(count("Inscrits") == 30)
        #expect(count("Présents") == admitted + failed)
        #expect(count("Admis") == admitted)
        #expect(count("Échoué") == failed)
        #expect(count("Absent") == absent)
        for label in ["Circulation", "Vitesse", "Santé et conduites à risque", "Classe 5A", "Classe 5C", "10 à 14/20"] {
            #expect(pdf.pages[0].contains(label), "\(label) missing from the charts")
        }
        // Per candidate: the note and the verdict on the candidate's own line.
        let lines = pdf.pages.indices.flatMap { pdf.lines(page: $0) }
        for candidate in candidates where candidate.firstName != SessionFixture.longFirstName {
            let line = try #require(lines.first { $0.contains("\(candidate.lastName.uppercased()) \(candidate.firstName)") })
            #expect(line.contains(candidate.result?.note ?? "—"))
            #expect(line.contains(candidate.result!.verdict.label))
        }
        try expectGolden("rapport", pdf)
    }

    @Test func aTrainingsRapportGivesNotesNotVerdicts() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.rapport(SessionFixture.input(type: .entrainement)), name: "rapport")
        #expect(!pdf.text.contains("Échoué") && !pdf.text.contains("Admis"))
        #expect(pdf.text.contains("Note moyenne par classe") && pdf.text.contains("Absent"))
        pdf.expectNothingCutOrOffThePaper()
    }

    @Test func grilleIsTheBookletThenOneAnswerGridPerCandidate() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.grille(offline), name: "grille")
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        let booklet = pdf.pages.prefix { $0.contains("Livret de questions") }.count
        #expect(booklet >= 2)
        #expect(pdf.pageCount == booklet + 30)
        let bookletText = Self.flat(pdf.pages.prefix(booklet).joined(separator: " "))
        for index in questions.indices {
            #expect(bookletText.contains("Question \(index + 1)/20"))
        }
        #expect(!bookletText.contains("Réponse attendue"))
        for (index, candidate) in ExamDayDocumentsTests.alphabetical(offline.candidates).enumerated() {
            let page = pdf.pages[booklet + index]
            #expect(page.contains("Grille de réponses"))
            #expect(pdf.pageNames(page, candidate), "\(candidate.displayName) grid not on page \(booklet + index + 1)")
            #expect(page.contains("Temps majoré") == candidate.extraTime)
            // A row per question, its number first.
            let rows = pdf.lines(page: booklet + index).filter { $0.contains("une seule") || $0.contains("plusieurs") }
            let numbers: [String] = rows.prefix(20).map { row in row.split(separator: " ").first.map(String.init) ?? "" }
            #expect(numbers == (1...20).map { String($0) })
        }
        try expectGolden("grille", pdf)
    }

    @Test func blankGrilleHasOneGridToFillByHand() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.grille(offline, blank: true), name: "grille")
        let booklet = pdf.pages.prefix { $0.contains("Livret de questions") }.count
        #expect(pdf.pageCount == booklet + 1)
        #expect(pdf.pages.last!.contains("Nom : ……"))
    }

    @Test func grilleAndCorrectionsAreForThePaperExamOnly() {
        #expect(throws: DocumentError.unavailable("Grille : l'épreuve 832648 n'est pas une épreuve hors ligne (sessions create --type hors-ligne).")) {
            try ExamDocuments.grille(input)
        }
        #expect(throws: DocumentError.unavailable("Corrections : l'épreuve 832648 n'est pas une épreuve hors ligne (sessions create --type hors-ligne).")) {
            try ExamDocuments.corrections(input)
        }
    }

    @Test func correctionsGiveTheExpectedLettersOfEachQuestion() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.corrections(offline), name: "corrections")
        #expect(pdf.summary.overflows.isEmpty)
        pdf.expectNothingCutOrOffThePaper()
        let lines = pdf.lines(page: 0)
        for (index, question) in questions.enumerated() {
            let label = offline.themes.first { $0.id == question.theme }!.label
            let line = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(index + 1) ") && $0.contains(label) })
            let expected = ChoiceLetter.letters(question.answer).joined(separator: " ")
            let afterTheme = line[line.range(of: label)!.upperBound...].trimmingCharacters(in: .whitespaces)
            #expect(afterTheme.hasPrefix(expected + " "), "question \(index + 1): \(line)")
        }
        // The marks sheet lists every candidate.
        for candidate in offline.candidates {
            #expect(!pdf.pagesNaming(candidate).isEmpty)
        }
        try expectGolden("corrections", pdf)
    }
}
