import CenterService
import ExamKit
import Foundation
import Testing

/// `epreuve-center etablissement` and `print KIND NUMBER` through the real binary, on 30 pupils
/// (accented names, a very long one, tiers-temps), read back with pdftotext (issue 13).
@Suite(.serialized) struct PrintEndToEndTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("print-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theExamDayDocumentsOfAnExamToCome() async throws {
        let school = SchoolCenter()
        let out = try Self.folder()
        try await school.importPupils()
        let created = try await school.run([
            "sessions", "create", "--type", "examen", "--attestation", "ASSR1", "--name", "ASSR1 5e — décembre",
            "--at", "14/12/2035 9h00", "--lieu", "B12 (salle informatique)",
            "--texte", "Présentez-vous 15 minutes avant l'épreuve, avec votre carnet de correspondance ; « téléphones » éteints.",
        ])
        let number = try SchoolCenter.number(in: created)
        let firstCodes = created.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").last.flatMap { AccessCode.normalize(String($0)) }
        }
        #expect(firstCodes.count == 30)

        // Without the establishment: one French line, and no code replaced.
        let refused = try await school.run(["print", "papillons", number], expect: 1, in: out)
        #expect(refused.stderr == "epreuve-center: Papillons : le nom de l'établissement manque ; renseignez-les avec « epreuve-center etablissement ».\n")
        let center = try await school.service()
        let hashes = try await center.enrolledCandidates(session: number)
        #expect(hashes.allSatisfy { enrolled in firstCodes.contains { SecretHash.matches($0, salt: enrolled.enrolment.codeSalt, hash: enrolled.enrolment.codeHash) } })
        let shown = try await school.run(["etablissement"])
        #expect(shown.stdout.contains("Nom       (à renseigner)"))
        await #expect(throws: Never.self) { try await school.setEstablishment() }
        let bad = try await school.run(["etablissement", "--uai", "12"], expect: 1)
        #expect(bad.stderr == "epreuve-center: --uai « 12 » : 7 chiffres et une lettre, par exemple 0750001A\n")

        // Papillons: the default file in the current folder, two a page, fresh codes.
        let printed = try await school.run(["print", "papillons", number], in: out)
        #expect(printed.stdout.contains("Nouveaux codes d'accès pour 30 candidat(s) : les codes donnés avant ne marchent plus."))
        #expect(printed.stdout.contains("papillons-\(number).pdf écrit (15 pages)."))
        #expect(try await PDFPages("\(out)/papillons-\(number).pdf").count == 15)
        let eight = try await PDFPages(try await printTo(school, ["papillons", number, "--par-page", "8"], to: "\(out)/p8.pdf"))
        #expect(eight.count == 4)
        for index in SchoolCenter.pupils.indices {
            #expect(eight.allWords.contains(SchoolCenter.printedLastName(index)), "\(SchoolCenter.printedLastName(index))")
        }
        // One a page: each page holds its pupil's name and the code that opens their attempt.
        let one = try await PDFPages(try await printTo(school, ["papillons", number, "--par-page", "1"], to: "\(out)/p1.pdf"))
        #expect(one.count == 30)
        let enrolled = try await center.enrolledCandidates(session: number)
        var seen: Set<String> = []
        for page in 0..<one.count {
            let words = one.words(page)
            let codes = words.split(separator: " ").compactMap { word in word.count == 9 && word.contains("-") ? AccessCode.normalize(String(word)) : nil }
            try #require(codes.count == 1, "page \(page + 1): \(words)")
            let owner = try #require(enrolled.first { SecretHash.matches(codes[0], salt: $0.enrolment.codeSalt, hash: $0.enrolment.codeHash) })
            #expect(words.contains(owner.candidate.lastName), "page \(page + 1): code of \(owner.candidate.lastName)")
            #expect(words.contains("Épreuve n° \(number)") && words.contains("14 décembre 2035"))
            seen.insert(owner.candidate.id)
            #expect(!firstCodes.contains(codes[0]))
        }
        #expect(seen.count == 30)
        #expect(one.allWords.contains("Temps majoré (tiers-temps)"))

        // Convocations: one A4 each, or two A5 a sheet; the session's text and room on each.
        let convocations = try await PDFPages(try await printTo(school, ["convocations", number], to: "\(out)/c.pdf"))
        #expect(convocations.count == 30)
        for page in 0..<30 {
            let words = convocations.words(page)
            #expect(words.contains("B12 (salle informatique)") && words.contains("carnet de correspondance"), "page \(page + 1)")
            #expect(SchoolCenter.pupils.indices.count { PDFPages.contains(name: SchoolCenter.printedLastName($0), in: words) } >= 1, "page \(page + 1): \(words)")
        }
        #expect(try await PDFPages(try await printTo(school, ["convocations", number, "--par-page", "2"], to: "\(out)/c2.pdf")).count == 15)
        #expect(!convocations.allWords.contains("Épreuve de rattrapage"))

        // Émargement: every name, the tiers-temps counted; a golden of its text.
        let emargement = try await PDFPages(try await printTo(school, ["emargement", number], to: "\(out)/e.pdf"))
        for index in SchoolCenter.pupils.indices { #expect(PDFPages.contains(name: SchoolCenter.printedLastName(index), in: emargement.allWords), "\(index)") }
        #expect(emargement.allWords.contains("30 candidats inscrits, dont 4 en temps majoré (Tps+)"))
        try expectGolden("emargement-cli", emargement.golden(replacing: [number: "NNNNNN"]))

        // What cannot be printed says why, in one line.
        let cases: [([String], String)] = [
            (["attestations", number], "Attestations : aucun candidat admis à l'épreuve \(number) ; aucune attestation à imprimer.\n"),
            (["corrige", number], "Corrigé : l'examen \(number) n'est pas terminé ; son corrigé s'imprime une fois l'épreuve finie.\n"),
            (["grille", number], "Grille : l'épreuve \(number) n'est pas une épreuve hors ligne (sessions create --type hors-ligne).\n"),
            (["bulletin", number], "document inconnu « bulletin » (papillons, convocations, emargement, attestations, corrige, rapport, grille, corrections)\n"),
            (["papillons", "999999"], "aucune épreuve ne porte le numéro 999999\n"),
            (["emargement", number, "--par-page", "8"], "--par-page ne vaut que pour les papillons et les convocations\n"),
        ]
        for (arguments, message) in cases {
            let output = try await school.run(["print"] + arguments, expect: 1, in: out)
            #expect(output.stderr == "epreuve-center: " + message)
        }
    }

    @Test func thePaperExamItsMarksAndTheDocumentsAfterIt() async throws {
        let school = SchoolCenter()
        let out = try Self.folder()
        try await school.importPupils()
        try await school.setEstablishment()
        let created = try await school.run(["sessions", "create", "--type", "hors-ligne", "--attestation", "ASSR1", "--name", "Examen sans réseau",
                                            "--at", "14/03/2025 10:00", "--lieu", "CDI", "--passe"])
        let number = try SchoolCenter.number(in: created)
        #expect(created.stdout.contains("Épreuve sur papier") && !created.stdout.contains("Code surveillant"))
        let center = try await school.service()
        let session = try #require(try await center.session(number: number))
        let questions = session.questionIds.map { center.catalog.question(id: $0)! }
        let rightLetters = questions.map { ChoiceLetter.letters($0.answer).joined() }
        // Pupil i answers the first score(i) questions right and leaves the rest blank; two are absent.
        func score(_ index: Int) -> Int { [15, 8, 12, 19, 10, 6, 14, 11, 17, 4, 13][(index + 1) % 11] }
        for index in SchoolCenter.pupils.indices where index % 10 != 9 {
            let arguments: [String]
            if index % 3 == 0 {
                arguments = ["--note", "\(score(index))"]
            } else {
                arguments = ["--reponses", rightLetters.enumerated().map { $0.offset < score(index) ? $0.element : "" }.joined(separator: ",")]
            }
            let entered = try await school.run(["results", "enter", number, SchoolCenter.ine(index)] + arguments)
            #expect(entered.stdout.contains(": \(score(index))/20, \(score(index) >= 10 ? "Admis" : "Échoué")."))
        }
        let admitted = SchoolCenter.pupils.indices.filter { $0 % 10 != 9 && score($0) >= 10 }

        let attestations = try await PDFPages(try await printTo(school, ["attestations", number], to: "\(out)/a.pdf"))
        #expect(attestations.count == admitted.count)
        for index in SchoolCenter.pupils.indices {
            #expect(PDFPages.contains(name: SchoolCenter.printedLastName(index), in: attestations.allWords) == admitted.contains(index), "\(index)")
        }
        #expect(attestations.allWords.contains("Fait à Villeurbanne, le 14 mars 2025"))
        let duplicata = try await PDFPages(try await printTo(school, ["attestations", number, "--candidat", "Lefèvre Zoé", "--duplicata"], to: "\(out)/d.pdf"))
        #expect(duplicata.count == 1 && duplicata.allWords.contains("DUPLICATA") && duplicata.allWords.contains("LEFÈVRE"))
        try expectGolden("attestation-duplicata-cli", duplicata.golden(replacing: [number: "NNNNNN"]))
        let refused = try await school.run(["print", "attestations", number, "--candidat", SchoolCenter.ine(9)], expect: 1, in: out)
        #expect(refused.stderr.contains("JÉGOU Anaïs n'est pas admis à l'épreuve \(number) (Absent) ; pas d'attestation."))

        let rapport = try await PDFPages(try await printTo(school, ["rapport", number], to: "\(out)/r.pdf"))
        #expect(rapport.allWords.contains("Inscrits 30") && rapport.allWords.contains("Absent 3"))
        try expectGolden("rapport-cli", rapport.golden(replacing: [number: "NNNNNN"]))

        let corrige = try await PDFPages(try await printTo(school, ["corrige", number], to: "\(out)/k.pdf"))
        #expect(corrige.allWords.contains("Réponses attendues"))
        let corrigeText = PDFPages.plainApostrophes(corrige.allWords)
        for question in questions {
            #expect(corrigeText.contains(PDFPages.plainApostrophes(PDFPages.words(question.explanation)).prefix(30)), "\(question.id)")
        }

        let grille = try await PDFPages(try await printTo(school, ["grille", number], to: "\(out)/g.pdf"))
        let grids = Array(grille.pages.suffix(30)).map(PDFPages.words)
        #expect(grids.allSatisfy { $0.contains("Grille de réponses") })
        #expect(grille.pages.dropLast(30).allSatisfy { !PDFPages.words($0).contains("Grille de réponses") })
        let alphabetical = SchoolCenter.pupils.indices.sorted {
            NameFolding.precedes(SchoolCenter.printedLastName($0), SchoolCenter.printedLastName($1))
        }
        for (grid, index) in zip(grids, alphabetical) { #expect(PDFPages.contains(name: SchoolCenter.printedLastName(index), in: grid), "\(index)") }
        #expect(try await PDFPages(try await printTo(school, ["grille", number, "--vierge"], to: "\(out)/gv.pdf")).count == grille.count - 29)

        let corrections = try await PDFPages(try await printTo(school, ["corrections", number], to: "\(out)/x.pdf"))
        #expect(corrections.allWords.contains("Grille de correction") && corrections.allWords.contains("Relevé des notes"))
        for index in SchoolCenter.pupils.indices { #expect(PDFPages.contains(name: SchoolCenter.printedLastName(index), in: corrections.allWords), "\(index)") }

        let papillons = try await school.run(["print", "papillons", number], expect: 1, in: out)
        #expect(papillons.stderr.contains("se passe sur papier : pas de code d'accès"))
    }

    /// Prints with `--out` and returns the file's path.
    func printTo(_ school: SchoolCenter, _ arguments: [String], to path: String) async throws -> String {
        let output = try await school.run(["print"] + arguments + ["--out", path])
        #expect(output.stdout.contains("\(path) écrit"))
        return path
    }
}
