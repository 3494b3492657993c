@testable import CenterService
import Testing

/// Lists of candidates (the head's list, a session's choice, a name typed in) come by class, last name
/// and first name in French order.
@Suite struct CandidateOrderTests {
    func candidate(_ id: String, _ className: String, _ lastName: String, _ firstName: String) -> Candidate {
        Candidate(id: id, ine: nil, lastName: lastName, firstName: firstName, birthDate: "2013-01-01", className: className,
                  sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
    }

    @Test func classThenLastNameThenFirstNameWithoutCaseOrAccents() {
        let listed = [
            candidate("1", "10A", "Abel", "Zoé"),
            candidate("2", "5B", "Abel", "Léa"),
            candidate("3", "5A", "FABRE", "Jean"),
            candidate("4", "5A", "Élie", "Marc"),
            candidate("5", "5A", "dupont", "Anne"),
            candidate("6", "5A", "DA-SILVA", "Hélène"),
            candidate("7", "5A", "Da Silva", "héloïse"),
            candidate("8", "5A", "Da Silva", "Hélène"),
        ]
        let order = CenterService.inFrenchOrder(listed).map(\.id)
        // 5A before 5B before 10A (numbers as numbers); DA-SILVA and Da Silva are one name, so their
        // first names decide, and the same name twice goes by id; « Élie » between DUPONT and FABRE.
        #expect(order == ["6", "8", "7", "5", "4", "3", "2", "1"])
    }
}
