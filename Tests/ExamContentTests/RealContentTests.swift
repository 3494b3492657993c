import ExamContent
import ExamKit
import Foundation
import Testing

/// Checks the shipped Content/ folder: the banks candidates are examined on.
@Suite struct RealContentTests {
    static let contentRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content")

    let catalog: Catalog

    init() throws {
        let report = ContentLoader.load(from: Self.contentRoot)
        #expect(report.issues.map(\.description) == [])
        catalog = try report.validCatalog()
    }

    @Test func everyProfileIsPresent() {
        #expect(catalog.profiles.map(\.id) == ["ASSR1", "ASSR2", "ASR", "AER"])
        for profile in catalog.profiles {
            #expect(profile.questionCount == 20)
            #expect(profile.answerSeconds == 45)
            #expect(profile.extraTimeAnswerSeconds == 60)
            #expect(profile.passMark == 10)
            #expect(profile.quotas == [
                "circulation": 6, "comportement-citoyen": 2, "developpement-durable": 1, "distracteurs": 2,
                "equipements": 2, "passagers": 1, "premiers-secours": 1, "sante-conduites-a-risque": 3, "vitesse": 2,
            ])
        }
    }

    @Test(arguments: ["ASSR1", "ASSR2", "ASR", "AER"])
    func composesTwoHundredSessions(profileId: String) throws {
        let profile = try #require(catalog.profile(profileId))
        let bank = try #require(catalog.banks[profile.bank])
        let themeOrder = catalog.themes.map(\.id)
        for n in 0..<200 {
            let questions = try SessionComposer.compose(profile: profile, bank: bank, seed: "\(profileId)-\(n)", themeOrder: themeOrder)
            #expect(questions.count == 20)
            #expect(Set(questions.map(\.id)).count == 20)
        }
    }

    @Test(arguments: ["assr1", "assr2"])
    func bankMeetsTheEditorialRules(bankId: String) throws {
        let bank = try #require(catalog.banks[bankId])
        let profile = try #require(catalog.profiles.first { $0.bank == bankId })
        #expect(bank.questions.count >= 120)
        for theme in catalog.themes {
            let count = bank.questions(inTheme: theme.id).count
            let quota = profile.quotas[theme.id] ?? 0
            #expect(count >= max(10, 3 * quota), "\(bankId)/\(theme.id) has \(count) questions")
        }
        let multiple = bank.questions.count { $0.expectsSeveralAnswers }
        #expect(multiple * 3 >= bank.questions.count, "\(multiple) of \(bank.questions.count) expect several answers")
        for question in bank.questions {
            #expect(question.id.hasPrefix("\(bankId)-\(question.theme)-"))
            #expect((2...6).contains(question.choices.count))
            for choice in question.choices {
                let lowered = choice.lowercased()
                #expect(!lowered.contains("toutes les réponses") && !lowered.contains("aucune de ces"), "\(question.id)")
            }
        }
    }

    @Test(arguments: ["assr1", "assr2"])
    func noTwoQuestionsOfABankShareAPrompt(bankId: String) throws {
        let bank = try #require(catalog.banks[bankId])
        var seen: [String: String] = [:]
        for question in bank.questions {
            let key = question.prompt.lowercased().filter { $0.isLetter || $0.isNumber }
            #expect(seen[key] == nil, "\(question.id) repeats the prompt of \(seen[key] ?? "")")
            seen[key] = question.id
        }
    }
}
