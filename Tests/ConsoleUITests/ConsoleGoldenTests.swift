@testable import ConsoleUI
import CenterService
import Foundation
import Testing
import TerminalUI

/// The console's frames, character for character (DESIGN §12: the words and columns are relied on).
@Suite struct ConsoleGoldenTests {
    typealias F = ConsoleFixtures

    static func expectFrame(_ app: ConsoleApp, width: Int, height: Int, _ expected: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = F.frame(app, width: width, height: height)
        #expect(actual == expected, "\(width)×\(height):\n\(actual)", sourceLocation: sourceLocation)
    }

    /// Nobody enrolled yet: the header and the columns, no row.
    @Test func anEmptySession_80x24() {
        Self.expectFrame(F.app(F.empty), width: 80, height: 24, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            0 absent · 0 présent · 0 en cours · 0 terminé · 0 résultat reçu · 0 arrêtée

              Candidat           Classe Tps+ État           Question Temps Poste      Vu


















            P présence R reprise T terminer C code S surv. I incident / chercher Q quitter
            """)
    }

    /// Every state, a silent terminal (40 s), extra time, and the position in the list at the bottom right.
    @Test func thirtyCandidatesInEveryState_80x24() {
        Self.expectFrame(F.app(F.mixed()), width: 80, height: 24, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            3 absents, 2 présents, 17 en cours, 2 terminés, 5 résultats reçus, 1 arrêtée

              Candidat           Classe Tps+ État           Question Temps Poste      Vu
            › Lily ALEXANDRE     5A          Absent
              Elfie BAILLY       5A          Absent
              Rose BARBIER       5A          Absent
              John BERTIN        5A     oui  Présent
              Lauriane BONNET    5A          Présent                       salle-b:p… 2 s
              Julie BOUTIN       5A          En cours       6/20     0:40  salle-b:p… 0 s
              Mallaurayne BOUVI… 5A          En cours       7/20     0:38  salle-b:p… 1 s
              Eric BRUN          5A          En cours       8/20     0:36  salle-b:p… 2 s
              Antonin DA SILVA   5A          En cours       9/20     0:34  salle-b:p… 3 s
              Rémy DESCHAMPS     5A          En cours       10/20    0:00  salle-b:p… 40 s
              Mathis DRAGOT      5A     oui  En cours       11/20    0:35  salle-b:p… 0 s
              Ninon DUFOUR       5A          En cours       12/20    0:33  salle-b:p… 1 s
              Joys DUPONT        5A          En cours       13/20    0:31  salle-b:p… 2 s
              Freddie EATOUGH-M… 5A          En cours       14/20    0:29  salle-b:p… 3 s
              Irina FLEURY       5A          En cours       15/20    0:27  salle-b:p… 4 s
              Merryll GARNIER    5B          En cours       16/20    0:30  salle-b:p… 0 s
              Cyprien GAY        5B          En cours       17/20    0:28  salle-b:p… 1 s
                                                                               ↓ 1–17 sur 30
            P présence R reprise T terminer C code S surv. I incident / chercher Q quitter
            """)
    }

    /// The banner names the candidate and the question; the candidate's row is marked « ! ».
    @Test func aPendingAlert_80x24() {
        Self.expectFrame(F.app(F.mixed(alerts: true)), width: 80, height: 24, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            3 absents, 2 présents, 17 en cours, 2 terminés, 5 résultats reçus, 1 arrêtée
            ⚠ Alerte : Mallaurayne BOUVIER, question 7/20, question illisible — A : répondre
              Candidat           Classe Tps+ État           Question Temps Poste      Vu
            › Lily ALEXANDRE     5A          Absent
              Elfie BAILLY       5A          Absent
              Rose BARBIER       5A          Absent
              John BERTIN        5A     oui  Présent
              Lauriane BONNET    5A          Présent                       salle-b:p… 2 s
              Julie BOUTIN       5A          En cours       6/20     0:40  salle-b:p… 0 s
             !Mallaurayne BOUVI… 5A          En cours       7/20     0:38  salle-b:p… 1 s
              Eric BRUN          5A          En cours       8/20     0:36  salle-b:p… 2 s
              Antonin DA SILVA   5A          En cours       9/20     0:34  salle-b:p… 3 s
              Rémy DESCHAMPS     5A          En cours       10/20    0:00  salle-b:p… 40 s
              Mathis DRAGOT      5A     oui  En cours       11/20    0:35  salle-b:p… 0 s
              Ninon DUFOUR       5A          En cours       12/20    0:33  salle-b:p… 1 s
              Joys DUPONT        5A          En cours       13/20    0:31  salle-b:p… 2 s
              Freddie EATOUGH-M… 5A          En cours       14/20    0:29  salle-b:p… 3 s
              Irina FLEURY       5A          En cours       15/20    0:27  salle-b:p… 4 s
              Merryll GARNIER    5B          En cours       16/20    0:30  salle-b:p… 0 s
              Cyprien GAY        5B          En cours       17/20    0:28  salle-b:p… 1 s
                                                                               ↓ 1–17 sur 30
            P présence R reprise T terminer C code S surv. I incident / chercher Q quitter
            """)
    }

    /// Narrower: Classe and Tps+ go, the rest stays.
    @Test func aPendingAlert_60x20() {
        Self.expectFrame(F.app(F.mixed(alerts: true), width: 60, height: 20), width: 60, height: 20, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            3 absents, 2 présents, 17 en cours, 2 terminés, 5 résultats…
            ⚠ Alerte : Mallaurayne BOUVIER, question 7/20, question ill…
              Candidat      État           Question Temps Poste   Vu
            › Lily ALEXAND… Absent
              Elfie BAILLY  Absent
              Rose BARBIER  Absent
              John BERTIN   Présent
              Lauriane BON… Présent                       salle-… 2 s
              Julie BOUTIN  En cours       6/20     0:40  salle-… 0 s
             !Mallaurayne…  En cours       7/20     0:38  salle-… 1 s
              Eric BRUN     En cours       8/20     0:36  salle-… 2 s
              Antonin DA S… En cours       9/20     0:34  salle-… 3 s
              Rémy DESCHAM… En cours       10/20    0:00  salle-… 40 s
              Mathis DRAGOT En cours       11/20    0:35  salle-… 0 s
              Ninon DUFOUR  En cours       12/20    0:33  salle-… 1 s
              Joys DUPONT   En cours       13/20    0:31  salle-… 2 s
                                                           ↓ 1–13 sur 30
            P présence R reprise T terminer C code S surv. I incident /…
            """)
    }

    /// Below 60 × 20 the console asks for a bigger window.
    @Test func tooSmall_50x15() {
        Self.expectFrame(F.app(F.mixed(), width: 50, height: 15), width: 50, height: 15, """






                           Fenêtre trop petite
                Agrandissez la fenêtre : 60 × 20 au moins.







            """)
    }

    /// `/` then « bo » then Entrée: three names, the filter said on the confirmation line.
    @Test func aFilterKeepsOnlyMatchingNames_80x24() {
        Self.expectFrame(F.searched("bo"), width: 80, height: 24, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            3 absents, 2 présents, 17 en cours, 2 terminés, 5 résultats reçus, 1 arrêtée

              Candidat           Classe Tps+ État           Question Temps Poste      Vu
            › Lauriane BONNET    5A          Présent                       salle-b:p… 2 s
              Julie BOUTIN       5A          En cours       6/20     0:40  salle-b:p… 0 s
              Mallaurayne BOUVI… 5A          En cours       7/20     0:38  salle-b:p… 1 s














            Filtre « bo » : 3 candidat(s) · Échap : tout afficher
            P présence R reprise T terminer C code S surv. I incident / chercher Q quitter
            """)
    }

    /// C then o: the new access code, large, over the list.
    @Test func aReissuedCodeIsShownLarge_80x24() {
        Self.expectFrame(F.reissued(), width: 80, height: 24, """
            Surveillance de l'épreuve 482913
            Examen ASSR1 « ASSR1 5e » · Actif · fin dans 2 h 20
            3 absents, 2 présents, 17 en cours, 2 terminés, 5 résultats reçus, 1 arrêtée

              Candidat           Classe Tps+ État           Question Temps Poste      Vu
            › Lily ALEXANDRE     5A          Absent
              Elfie BAILLY    ┌─ Nouveau code d'accès de Lily ALEXANDRE ─┐
              Rose BARBIER    │                                          │
              John BERTIN     │    █  ██  ███ ██      ███ ███ █ █ ███    │
              Lauriane BONNET │   █ █ █ █ █   █ █       █   █ █ █ █      │ salle-b:p… 2 s
              Julie BOUTIN    │   ███ ██  █   █ █ ███ ███  ██ ███ ███    │ salle-b:p… 0 s
              Mallaurayne BOUV│   █ █ █ █ █   █ █     █     █   █   █    │ salle-b:p… 1 s
              Eric BRUN       │   █ █ ██  ███ ██      ███ ███   █ ███    │ salle-b:p… 2 s
              Antonin DA SILVA│                ABCD-2345                 │ salle-b:p… 3 s
              Rémy DESCHAMPS  │                                          │ salle-b:p… 40 s
              Mathis DRAGOT   │ Une touche pour masquer le code.         │ salle-b:p… 0 s
              Ninon DUFOUR    └──────────────────────────────────────────┘ salle-b:p… 1 s
              Joys DUPONT        5A          En cours       13/20    0:31  salle-b:p… 2 s
              Freddie EATOUGH-M… 5A          En cours       14/20    0:29  salle-b:p… 3 s
              Irina FLEURY       5A          En cours       15/20    0:27  salle-b:p… 4 s
              Merryll GARNIER    5B          En cours       16/20    0:30  salle-b:p… 0 s
              Cyprien GAY        5B          En cours       17/20    0:28  salle-b:p… 1 s
            Nouveau code d'accès de Lily ALEXANDRE émis.                       ↓ 1–17 sur 30
            P présence R reprise T terminer C code S surv. I incident / chercher Q quitter
            """)
    }
}
