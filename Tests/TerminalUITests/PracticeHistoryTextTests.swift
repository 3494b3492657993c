import ExamKit
import Testing
@testable import TerminalUI

/// `epreuve practice --stats`: sessions per profile, then per-theme totals and the themes to work on.
@Suite struct PracticeHistoryTextTests {
    @Test func sessionsThenThemeTotalsPerProfile() {
        let results = [
            PracticeResult(mode: .practice, profileName: "Lily", bank: "ASSR1", questions: 4, right: 3, durationMs: 75_000,
                           passed: nil, themes: [ThemeStat(theme: "vitesse", questions: 2, right: 1),
                                                 ThemeStat(theme: "circulation", questions: 2, right: 2)]),
            PracticeResult(mode: .selfTest, profileName: "Lily", bank: "ASSR1", questions: 20, right: 9, durationMs: 600_000,
                           passed: false, themes: [ThemeStat(theme: "passagers", questions: 1, right: 0),
                                                   ThemeStat(theme: "circulation", questions: 19, right: 9)]),
            PracticeResult(mode: .practice, profileName: "Chloé", bank: "ASSR2", questions: 1, right: 1, durationMs: 4_000,
                           passed: nil, themes: [ThemeStat(theme: "vitesse", questions: 1, right: 1)]),
        ]
        let lines = PracticeHistoryText.lines(results, themeOrder: ["circulation", "passagers", "vitesse"],
                                              themeLabels: ["circulation": "Circulation", "passagers": "Passagers", "vitesse": "Vitesse"],
                                              date: { _ in "22/11/2026 10:42" })
        let text = lines.joined(separator: "\n")
        #expect(lines.first == "Lily — 2 séances")
        #expect(text.contains("22/11/2026 10:42  M'entraîner  ASSR1     3/4 (75 %)  1 min 15 s"))
        #expect(text.contains("Me tester    ASSR1    9/20 (45 %)  10 min  non réussi"))
        let circulation = lines.firstIndex { $0.contains("Circulation") && $0.contains("11/21") }
        let passagers = lines.firstIndex { $0.contains("Passagers") && $0.contains("0/1") }
        #expect(circulation != nil && passagers != nil && circulation! < passagers!)
        #expect(text.contains("À retravailler : Passagers\n"))  // Vitesse is at 50 %, not under
        #expect(text.contains("Chloé — 1 séance\n"))
        #expect(PracticeHistoryText.lines([], themeOrder: [], themeLabels: [:], date: { _ in "" })
            == ["Aucune séance d'entraînement enregistrée."])
    }
}
