import ExamKit
import ExamStore
import Foundation
import TerminalUI

/// Practice and self-test on the terminal: local content with its keys, history in the terminal store.
extension TerminalHost {
    /// Offers « M'entraîner » and « Me tester » with the catalog's banks and the local profiles.
    func enablePractice(catalog: Catalog) {
        let names = (try? store.practiceProfiles()) ?? []
        app.enablePractice(PracticeLibrary(catalog: catalog, profileNames: names))
    }

    func rememberPracticeProfile(_ name: String) {
        _ = try? store.addPracticeProfile(name)
    }

    /// A failure to write the history costs the history only, never the session on screen.
    func savePracticeResult(_ result: PracticeResult) {
        _ = try? store.recordPractice(PracticeHistoryEntry(
            profile: result.profileName, mode: result.mode.rawValue, bank: result.bank, questions: result.questions,
            right: result.right, durationMs: result.durationMs, passed: result.passed, finishedAt: Date(),
            themes: result.themes))
    }

    /// `epreuve practice`: straight to the profile, bank, themes or first question, as far as the
    /// arguments go.
    func openPractice(profileName: String?, bank: String?, themes: [String]) {
        perform(app.openPractice(profileName: profileName, bank: bank, themes: themes, at: clock.now()))
    }
}

extension PracticeResult {
    init(_ entry: PracticeHistoryEntry) {
        self.init(mode: Mode(rawValue: entry.mode) ?? .practice, profileName: entry.profile, bank: entry.bank,
                  questions: entry.questions, right: entry.right, durationMs: entry.durationMs, passed: entry.passed,
                  themes: entry.themes, finishedAt: entry.finishedAt)
    }
}
