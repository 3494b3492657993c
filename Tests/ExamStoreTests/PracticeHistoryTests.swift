import ExamKit
import ExamStore
import Foundation
import Testing

/// Local practice profiles and their history in the terminal store.
@Suite struct PracticeHistoryTests {
    func store(_ clock: SettableWallClock = SettableWallClock(StoreFixtures.start)) throws -> TerminalStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("terminal-\(UUID().uuidString)/terminal.sqlite").path
        return try TerminalStore(path: path, clock: clock)
    }

    func entry(_ profile: String, mode: PracticeResult.Mode = .practice, right: Int, of questions: Int, at offset: TimeInterval,
               themes: [ThemeStat], passed: Bool? = nil) -> PracticeResult {
        PracticeResult(mode: mode, profileName: profile, bank: "ASSR1", questions: questions, right: right, durationMs: 61_000,
                       passed: passed, themes: themes, finishedAt: StoreFixtures.start.addingTimeInterval(offset))
    }

    @Test func aFirstNameIsTypedOnceAndKeptAsFirstTyped() throws {
        let store = try store()
        #expect(try store.practiceProfiles().isEmpty)
        #expect(try store.addPracticeProfile(" Lily ") == "Lily")
        #expect(try store.addPracticeProfile("LILY") == "Lily")
        #expect(try store.addPracticeProfile("Chloé") == "Chloé")
        #expect(try store.practiceProfiles() == ["Lily", "Chloé"])
        #expect(throws: StoreError.self) { try store.addPracticeProfile("  ") }
    }

    @Test func sessionsComeBackWithTheirThemesInOrderPerProfile() throws {
        let store = try store()
        try store.recordPractice(entry("Lily", right: 3, of: 5, at: 60, themes: [
            ThemeStat(theme: "circulation", questions: 3, right: 3), ThemeStat(theme: "vitesse", questions: 2, right: 0)]))
        try store.recordPractice(entry("Chloé", right: 1, of: 1, at: 30, themes: [ThemeStat(theme: "vitesse", questions: 1, right: 1)]))
        try store.recordPractice(entry("lily", mode: .selfTest, right: 12, of: 20, at: 120,
                                       themes: [ThemeStat(theme: "circulation", questions: 20, right: 12)], passed: true))
        // The profile is created by its first result, under the name first typed.
        #expect(try store.practiceProfiles() == ["Lily", "Chloé"])
        let lily = try store.practiceHistory(profile: "LILY")
        #expect(lily.map(\.right) == [3, 12])
        #expect(lily.map(\.profileName) == ["Lily", "Lily"])
        #expect(lily[0].themes == [ThemeStat(theme: "circulation", questions: 3, right: 3), ThemeStat(theme: "vitesse", questions: 2, right: 0)])
        #expect(lily[0].passed == nil && lily[1].passed == true)
        #expect(lily[1].mode == .selfTest)
        #expect(lily[0].finishedAt == StoreFixtures.start.addingTimeInterval(60))
        #expect(try store.practiceHistory().map(\.profileName) == ["Chloé", "Lily", "Lily"])
    }

    @Test func theHistorySurvivesReopeningAndCoexistsWithTheJournal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("terminal-\(UUID().uuidString)/terminal.sqlite").path
        do {
            let store = try TerminalStore(path: path)
            try store.recordPractice(entry("Lily", right: 1, of: 2, at: 0, themes: [ThemeStat(theme: "vitesse", questions: 2, right: 1)]))
        }
        let again = try TerminalStore(path: path)
        #expect(try again.practiceHistory().count == 1)
        #expect(try again.outbox().isEmpty)
    }
}
