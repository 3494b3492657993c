import Documents
import ExamKit
import Foundation
import Testing

/// The documents handed out on the exam day, each made from the 30-candidate fixture and read back
/// with pdftotext.
@Suite(.serialized) struct ExamDayDocumentsTests {
    let input = SessionFixture.input()
    var candidates: [DocumentCandidate] { input.candidates }

    /// The order a French list follows, computed here independently of the library.
    static func alphabetical(_ list: [DocumentCandidate]) -> [DocumentCandidate] {
        func key(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
                .replacingOccurrences(of: "œ", with: "oe").filter { $0.isLetter || $0 == " " }
        }
        return list.sorted { (key($0.lastName), key($0.firstName)) < (key($1.lastName), key($1.firstName)) }
    }

    static func byClass(_ list: [DocumentCandidate]) -> [DocumentCandidate] {
        ["5A", "5B", "5C"].flatMap { className in alphabetical(list.filter { $0.className == className }) }
    }

    @Test(arguments: [(SlipsPerPage.eight, 4), (.two, 15), (.one, 30)])
    func papillonsPutEachCodeOnItsCandidatesPage(perPage: SlipsPerPage, pages: Int) throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.papillons(input, perPage: perPage), name: "papillons")
        #expect(pdf.pageCount == pages)
        #expect(pdf.pages.count == pages)
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        for (index, candidate) in Self.alphabetical(candidates).enumerated() {
            let page = index / perPage.rawValue
            let code = AccessCode.formatted(candidate.accessCode!)
            #expect(pdf.pages[page].contains(code), "\(candidate.displayName): code \(code) not on page \(page + 1)")
            #expect(pdf.pageNames(pdf.pages[page], candidate), "\(candidate.displayName) not on page \(page + 1)")
            #expect(pdf.text.components(separatedBy: code).count == 2, "code \(code) printed more than once")
        }
        #expect(pdf.pages.allSatisfy { $0.contains("832648") && $0.contains("lundi 14 décembre 2026 à 9 h 00") })
        if perPage == .eight { try expectGolden("papillons-8", pdf) }
    }

    @Test func papillonsLongNameIsWhollyPrintedNotCut() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.papillons(input, perPage: .eight), name: "papillons")
        let long = candidates.first { $0.firstName == SessionFixture.longFirstName }!
        #expect(pdf.pagesNaming(long).count == 1)
        pdf.expectNothingCutOrOffThePaper()
    }

    @Test func papillonsRefuseACandidateWithoutCode() {
        var incomplete = input
        incomplete.candidates[3].accessCode = nil
        #expect(throws: DocumentError.unavailable("Papillons : le code d'accès de N'DIAYE Aïssatou (C004) n'est pas fourni ; réémettez les codes de l'épreuve 832648 avant d'imprimer.")) {
            try ExamDocuments.papillons(incomplete)
        }
    }

    @Test func convocationsOnePagePerCandidateWithDateRoomAndText() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.convocations(input), name: "convocations")
        #expect(pdf.pageCount == 30)
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        for (index, candidate) in Self.byClass(candidates).enumerated() {
            let page = pdf.pages[index]
            #expect(pdf.pageNames(page, candidate), "\(candidate.displayName) not on page \(index + 1)")
            #expect(page.contains("Classe \(candidate.className)"))
            #expect(page.contains(candidate.extraTime ? "60 secondes" : "45 secondes"))
        }
        let flat = pdf.pages.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(flat.allSatisfy { $0.contains("lundi 14 décembre 2026 à 9 h 00") && $0.contains("salle B12 (salle informatique)") })
        #expect(flat.allSatisfy { $0.contains("Les téléphones restent éteints dans les sacs") })
        #expect(!pdf.text.contains("rattrapage"))
        try expectGolden("convocations", pdf)
    }

    @Test func convocationsOfARattrapageSayItTwoA5PerSheet() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.convocations(SessionFixture.input(rattrapage: true), perSheet: .two),
                                       name: "convocations")
        #expect(pdf.pageCount == 15)
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        for (index, candidate) in Self.byClass(candidates).enumerated() {
            #expect(pdf.pageNames(pdf.pages[index / 2], candidate))
        }
        #expect(pdf.pages.allSatisfy { $0.components(separatedBy: "Épreuve de rattrapage").count == 3 })
    }

    @Test func convocationsRefuseATextOverThreeHundredCharacters() {
        var long = input
        long.session.additionalText = String(repeating: "a", count: 301)
        #expect(throws: DocumentError.unavailable("Convocations : le texte de l'épreuve 832648 fait 301 caractères, 300 au plus.")) {
            try ExamDocuments.convocations(long)
        }
    }

    @Test func emargementListsEveryoneWithTpsPlusAndRepeatsItsHeader() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.emargement(input), name: "emargement")
        #expect(pdf.pageCount == 2)
        #expect(pdf.summary.overflows.isEmpty)
        pdf.expectNothingCutOrOffThePaper()
        #expect(pdf.pages.allSatisfy { $0.contains("Feuille d'émargement") && $0.contains("Signature") && $0.contains("Tps+") })
        #expect(pdf.pages.allSatisfy { $0.contains("Surveillant : Mme Nathalie Lefèvre") })
        let lines = pdf.pages.indices.flatMap { pdf.lines(page: $0) }
        for candidate in candidates where candidate.firstName != SessionFixture.longFirstName {
            let line = try #require(lines.first { $0.contains(" \(candidate.lastName.uppercased()) ") && $0.contains(candidate.firstName) },
                                    "\(candidate.displayName) has no line")
            #expect(line.contains("✓") == candidate.extraTime, "\(candidate.displayName): Tps+ mark wrong")
        }
        let long = candidates.first { $0.firstName == SessionFixture.longFirstName }!
        #expect(pdf.pagesNaming(long).count == 1)
        // Alphabetical: the numbers run 1…30 in the order of the names.
        let numbered = Self.alphabetical(candidates).filter { $0 != long }.map { candidate in
            lines.firstIndex { $0.contains(" \(candidate.lastName.uppercased()) ") && $0.contains(candidate.firstName) }!
        }
        #expect(numbered == numbered.sorted())
        #expect(pdf.pages[1].contains("Signature du surveillant"))
        try expectGolden("emargement", pdf)
    }

    @Test func emargementNeedsTheEstablishmentsNameAndUAI() {
        var bare = input
        bare.establishment = Establishment(name: "Collège Jean Moulin")
        #expect(throws: DocumentError.establishmentIncomplete(document: "Feuille d'émargement", missing: ["l'UAI"])) {
            try ExamDocuments.emargement(bare)
        }
        #expect(DocumentError.establishmentIncomplete(document: "Feuille d'émargement", missing: ["le nom", "l'UAI"]).description
            == "Feuille d'émargement : le nom et l'UAI de l'établissement manquent ; renseignez-les avec « epreuve-center etablissement ».")
    }

    @Test func attestationsForEachAdmisOnly() throws {
        let pdf = try RenderedPDF.make(try ExamDocuments.attestations(input), name: "attestations")
        let admitted = Self.byClass(candidates.filter { $0.result?.verdict == .admis })
        #expect(admitted.count == 20)
        #expect(pdf.pageCount == admitted.count)
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        for (index, candidate) in admitted.enumerated() {
            let page = pdf.pages[index]
            #expect(pdf.pageNames(page, candidate), "\(candidate.displayName) not on page \(index + 1)")
            #expect(page.contains("Date de naissance : \(candidate.birthDate!.french)"))
        }
        for candidate in candidates where candidate.result?.verdict != .admis {
            #expect(pdf.pagesNaming(candidate).isEmpty, "\(candidate.displayName) is not admis")
        }
        #expect(pdf.pages.allSatisfy {
            $0.contains("ATTESTATION SCOLAIRE DE SÉCURITÉ ROUTIÈRE NIVEAU 1") && $0.contains("Académie : Lyon")
                && $0.contains("Fait à Villeurbanne, le 14 décembre 2026") && $0.contains("Visa du responsable d'établissement")
                && $0.contains("Cachet de l'établissement") && $0.contains("Signature du candidat")
        })
        #expect(pdf.text.contains("UN SEUL DUPLICATA PEUT ÊTRE PRODUIT"))
        #expect(!pdf.pages.indices.contains { pdf.lines(page: $0).contains { $0.trimmingCharacters(in: .whitespaces) == "DUPLICATA" } })
        try expectGolden("attestations", pdf)
    }

    @Test(arguments: [("ASSR2", "ATTESTATION SCOLAIRE DE SÉCURITÉ ROUTIÈRE NIVEAU 2", "L'ASSR2 est obligatoire"),
                      ("ASR", "ATTESTATION DE SÉCURITÉ ROUTIÈRE", "L'ASR est obligatoire"),
                      ("AER", "ATTESTATION D'ÉDUCATION À LA ROUTE", "ne donne aucun droit")])
    func attestationWordingFollowsTheAttestation(id: String, title: String, notice: String) throws {
        var other = input
        let profile = other.session.profile
        other.session.profile = Profile(id: id, title: profile.title, bank: profile.bank, questionCount: 20, answerSeconds: 45,
                                        extraTimeAnswerSeconds: 60, passMark: 10, quotas: profile.quotas)
        let admitted = other.candidates.first { $0.result?.verdict == .admis }!
        let pdf = try RenderedPDF.make(try ExamDocuments.attestations(other, candidate: admitted.id), name: "attestation")
        #expect(pdf.pageCount == 1)
        #expect(pdf.text.contains(title))
        #expect(pdf.text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(notice))
    }

    @Test func oneDuplicataForTheLongName() throws {
        let long = candidates.first { $0.firstName == SessionFixture.longFirstName }!
        let pdf = try RenderedPDF.make(try ExamDocuments.attestations(input, candidate: long.id, duplicata: true), name: "duplicata")
        #expect(pdf.pageCount == 1)
        #expect(pdf.summary.overflows.isEmpty, "\(pdf.summary.overflows)")
        pdf.expectNothingCutOrOffThePaper()
        #expect(pdf.pageNames(pdf.pages[0], long))
        #expect(pdf.lines(page: 0).contains { $0.trimmingCharacters(in: .whitespaces) == "DUPLICATA" })
        pdf.expectNothingCutOrOffThePaper()
    }

    @Test func attestationsRefuseWhatTheHandbookDoesNotDeliver() {
        let failed = candidates.first { $0.result?.verdict == .echoue }!
        #expect(throws: DocumentError.unavailable("Attestations : \(failed.displayName) n'est pas admis à l'épreuve 832648 (Échoué) ; pas d'attestation.")) {
            try ExamDocuments.attestations(input, candidate: failed.id)
        }
        #expect(throws: DocumentError.unavailable("Attestations : aucun candidat « X999 » dans l'épreuve 832648.")) {
            try ExamDocuments.attestations(input, candidate: "X999")
        }
        #expect(throws: DocumentError.unavailable("Attestations : l'épreuve 832648 est un entraînement ; seul un examen donne une attestation.")) {
            try ExamDocuments.attestations(SessionFixture.input(type: .entrainement))
        }
        var noAcademie = input
        noAcademie.establishment.academie = ""
        noAcademie.establishment.commune = " "
        #expect(throws: DocumentError.establishmentIncomplete(document: "Attestations", missing: ["l'académie", "la commune"])) {
            try ExamDocuments.attestations(noAcademie)
        }
    }
}
