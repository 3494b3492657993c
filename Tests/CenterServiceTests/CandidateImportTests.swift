import CenterService
import Foundation
import Testing

@Suite struct CandidateImportTests {
    let attestations: Set<String> = ["ASSR1", "ASSR2", "ASR", "AER"]
    let header = "INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE"

    @Test func readsUTF8WithBOMAndCRLF() throws {
        let text = "\u{FEFF}\(header)\r\n1234567890A;Martin;Zoé;12/04/2013;5B;F;ASSR1;oui\r\n"
        let rows = try CandidateImport.parse(Data(text.utf8), attestations: attestations)
        #expect(rows.count == 1)
        #expect(rows[0].firstName == "Zoé")
        #expect(rows[0].birthDate == "2013-04-12")
        #expect(rows[0].siecle)
        #expect(rows[0].ine == "1234567890A")
    }

    @Test func readsWindows1252Accents() throws {
        let text = "\(header)\n;Œuvray;Éloïse;01/02/2013;5A;Féminin;ASSR1;non\n"
        let data = try #require(text.data(using: .windowsCP1252))
        #expect(String(data: data, encoding: .utf8) == nil)  // really not UTF-8
        let rows = try CandidateImport.parse(data, attestations: attestations)
        #expect(rows.first?.lastName == "ŒUVRAY")  // NOM in capitals, as the handbook prints it
        #expect(rows.first?.firstName == "Éloïse")
        #expect(rows.first?.sex == "F")
    }

    @Test func quotedFieldsCommaSeparatorAndBlankLines() throws {
        let text = #"""
            INE,Nom,Prénom,Date de naissance,Division,Sexe,Attestation,SIECLE

            ,"Durand, dit ""Léo""",Léo,01/09/2013,5B,Masculin,assr2,non

            ,Petit,Inès,30/01/2011,3B,F,ASSR2,

            """#
        let rows = try CandidateImport.parse(Data(text.utf8), attestations: attestations)
        #expect(rows.map(\.lastName) == ["DURAND, DIT \"LÉO\"", "PETIT"])
        #expect(rows.map(\.attestation) == ["ASSR2", "ASSR2"])
        #expect(rows.map(\.line) == [3, 5])
        #expect(rows[0].sex == "M")
    }

    @Test func semicolonInsideQuotes() throws {
        let text = "\(header)\n;\"A;B\";Jo;01/01/2013;5A;M;ASSR1;non\n"
        let rows = try CandidateImport.parse(Data(text.utf8), attestations: attestations)
        #expect(rows.first?.lastName == "A;B")
    }

    @Test func everyBadRowIsNamedAndNothingIsKept() {
        let text = """
            \(header)
            1234567890A;Martin;Zoé;31/02/2012;5B;F;ASSR1;oui
            1234567890A;Martin;Léa;12/04/2013;5B;F;ASSR1;oui
            ;;Sans nom;12/04/2013;5B;F;ASSR1;non
            ;Dupont;Jean;12/04/2013;5B;X;ASSR3;peut-être
            """
        #expect {
            try CandidateImport.parse(Data(text.utf8), attestations: attestations)
        } throws: { error in
            guard let failure = error as? CandidateImport.Failure else { return false }
            return failure.problems == [
                "ligne 2 : date de naissance impossible « 31/02/2012 » (JJ/MM/AAAA)",
                "ligne 3 : INE « 1234567890A » déjà présent ligne 2",
                "ligne 4 : nom manquant",
                "ligne 5 : sexe inconnu « X » (F, M, Féminin ou Masculin)",
                "ligne 5 : attestation inconnue « ASSR3 » (AER, ASR, ASSR1, ASSR2)",
                "ligne 5 : SIECLE doit valoir oui ou non, pas « peut-être »",
            ]
        }
    }

    @Test func missingColumnsAreNamed() {
        #expect {
            try CandidateImport.parse(Data("Nom;Prénom\nA;B\n".utf8), attestations: attestations)
        } throws: { error in
            (error as? CandidateImport.Failure)?.problems.first?.contains("Date de naissance, Division, Sexe, Attestation") == true
        }
    }

    @Test func impossibleDates() {
        #expect(CandidateImport.isoDate("29/02/2012") == "2012-02-29")
        #expect(CandidateImport.isoDate("29/02/2013") == nil)
        #expect(CandidateImport.isoDate("31/04/2013") == nil)
        #expect(CandidateImport.isoDate("1/4/13") == nil)
        #expect(CandidateImport.isoDate("12-04-2013") == nil)
    }
}
