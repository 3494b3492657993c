import ExamContent
import ExamKit
import Foundation
import Testing

/// Writes a small content folder to a temporary directory.
struct TemporaryContent {
    let root: URL

    init(themes: String = TemporaryContent.themes, profiles: String = TemporaryContent.profiles, banks: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try themes.write(to: root.appendingPathComponent("themes.yaml"), atomically: true, encoding: .utf8)
        try profiles.write(to: root.appendingPathComponent("profiles.yaml"), atomically: true, encoding: .utf8)
        for (path, text) in banks {
            let url = root.appendingPathComponent("banks/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static let themes = """
        - id: circulation
          label: Circulation
        - id: vitesse
          label: Vitesse
        """

    static let profiles = """
        MINI:
          title: Mini épreuve
          bank: mini
          questions: 3
          answerSeconds: 45
          extraTimeAnswerSeconds: 60
          passMark: 2
          quotas: {circulation: 2, vitesse: 1}
        """

    static func question(_ id: String, answer: String = "[B]", choices: [String] = ["oui", "non", "peut-être"], prompt: String = "\"Que fais-tu ?\"") -> String {
        """
          - id: \(id)
            competence: Savoir circuler
            prompt: \(prompt)
            choices:
        \(choices.map { "      - \($0)" }.joined(separator: "\n"))
            answer: \(answer)
            explanation: Parce que c'est la règle.

        """
    }

    static func bankFile(theme: String, _ questions: [String]) -> String {
        "theme: \(theme)\nquestions:\n" + questions.joined()
    }

    static let validBanks: [String: String] = [
        "mini/circulation.yaml": bankFile(theme: "circulation", [question("c1"), question("c2", answer: "[A, C]", prompt: "\"Autre ?\"")]),
        "mini/vitesse.yaml": bankFile(theme: "vitesse", [question("v1", answer: "C")]),
    ]
}

@Suite struct ContentLoaderTests {
    @Test func loadsAValidFolder() throws {
        let content = try TemporaryContent(banks: TemporaryContent.validBanks)
        let report = ContentLoader.load(from: content.root)
        #expect(report.issues == [])
        let catalog = try report.validCatalog()
        #expect(catalog.themes.map(\.id) == ["circulation", "vitesse"])
        #expect(catalog.profiles.map(\.id) == ["MINI"])
        let bank = try #require(catalog.banks["mini"])
        #expect(bank.questions.count == 3)
        let c2 = try #require(bank.question(id: "c2"))
        #expect(c2.answer == [0, 2])
        #expect(c2.expectsSeveralAnswers)
        #expect(bank.question(id: "v1")?.answer == [2])  // a lone letter is accepted too
        #expect(catalog.digest.count == 64)
    }

    /// The acceptance case of the foundations issue: three faults, one located message each.
    @Test func wrongLetterEmptyPromptAndOneChoiceAreEachLocated() throws {
        let broken = TemporaryContent.bankFile(theme: "circulation", [
            TemporaryContent.question("c1", answer: "[D]"),
            TemporaryContent.question("c2", prompt: "\"\""),
            TemporaryContent.question("c3", answer: "[A]", choices: ["seul choix"]),
        ])
        var banks = TemporaryContent.validBanks
        banks["mini/circulation.yaml"] = broken
        let content = try TemporaryContent(banks: banks)
        let report = ContentLoader.load(from: content.root)
        let bankIssues = report.issues.filter { $0.file == "banks/mini/circulation.yaml" }
        #expect(bankIssues.count == 3)
        #expect(bankIssues.map(\.description) == [
            "banks/mini/circulation.yaml:10:14: réponse « D » hors des choix (la question a 3 choix, de A à C)",
            "banks/mini/circulation.yaml:14:13: le champ « prompt » est vide",
            "banks/mini/circulation.yaml:25:7: une question doit avoir de 2 à 6 choix, celle-ci en a 1",
        ])
        // The bank is refused whole, and so is the profile that uses it.
        #expect(report.catalog.banks["mini"] == nil)
        #expect(report.catalog.profiles.isEmpty)
        #expect(report.issues.contains { $0.file == "profiles.yaml" && $0.message.contains("refusée") })
        #expect(throws: ContentErrors.self) { try report.validCatalog() }
    }

    @Test func duplicateIdsUnknownThemesAndUnknownFieldsAreReported() throws {
        var banks = TemporaryContent.validBanks
        banks["mini/vitesse.yaml"] = TemporaryContent.bankFile(theme: "vitesse", [TemporaryContent.question("c1")])
        banks["other/meteo.yaml"] = "theme: meteo\nquestions: []\n"
        banks["third/circulation.yaml"] = TemporaryContent.bankFile(theme: "circulation", [
            TemporaryContent.question("t1").replacingOccurrences(of: "explanation:", with: "explaination:"),
        ])
        let content = try TemporaryContent(banks: banks)
        let messages = ContentLoader.load(from: content.root).issues.map(\.description)
        #expect(messages.contains { $0.hasPrefix("banks/mini/vitesse.yaml:3:") && $0.contains("« c1 » en double") })
        #expect(messages.contains { $0.hasPrefix("banks/other/meteo.yaml:1:8:") && $0.contains("thème inconnu « meteo »") })
        #expect(messages.contains { $0.contains("champ inconnu « explaination »") })
        #expect(messages.contains { $0.contains("le champ « explanation » manque") })
    }

    @Test func profileRulesAreChecked() throws {
        let profiles = """
            SHORT:
              title: Quotas faux
              bank: mini
              questions: 4
              answerSeconds: 45
              extraTimeAnswerSeconds: 60
              passMark: 2
              quotas: {circulation: 2, vitesse: 1}
            GREEDY:
              title: Trop de vitesse
              bank: mini
              questions: 3
              answerSeconds: 45
              extraTimeAnswerSeconds: 60
              passMark: 2
              quotas: {vitesse: 3}
            NOBANK:
              title: Pas de banque
              bank: absente
              questions: 3
              answerSeconds: 45
              extraTimeAnswerSeconds: 60
              passMark: 2
              quotas: {circulation: 2, vitesse: 1}
            """
        let content = try TemporaryContent(profiles: profiles, banks: TemporaryContent.validBanks)
        let report = ContentLoader.load(from: content.root)
        let messages = report.issues.map(\.description)
        #expect(messages.contains("profiles.yaml:8:11: le profil SHORT : les quotas totalisent 3 questions au lieu de 4"))
        #expect(messages.contains { $0.contains("GREEDY demande 3 questions du thème « vitesse » mais la banque n'en a que 1") })
        #expect(messages.contains { $0.contains("« absente » n'existe pas") })
        #expect(report.catalog.profiles.isEmpty)
    }

    @Test func anExtraTimeShorterThanTheNormalTimeIsRefused() throws {
        let profiles = """
            HASTY:
              title: Temps majoré trop court
              bank: mini
              questions: 3
              answerSeconds: 45
              extraTimeAnswerSeconds: 30
              passMark: 2
              quotas: {circulation: 2, vitesse: 1}
            """
        let content = try TemporaryContent(profiles: profiles, banks: TemporaryContent.validBanks)
        let report = ContentLoader.load(from: content.root)
        #expect(report.issues.map(\.description).contains(
            "profiles.yaml:6:27: le profil HASTY : le temps majoré (30 s) est plus court que le temps normal (45 s)"))
        #expect(report.catalog.profiles.isEmpty)
    }

    @Test func malformedYAMLIsLocated() throws {
        var banks = TemporaryContent.validBanks
        banks["mini/vitesse.yaml"] = "theme: vitesse\nquestions:\n  - id: [unclosed\n"
        let content = try TemporaryContent(banks: banks)
        let issues = ContentLoader.load(from: content.root).issues.filter { $0.file.hasPrefix("banks/") }
        #expect(issues.count == 1)
        #expect(issues.first?.file == "banks/mini/vitesse.yaml")
        #expect(issues.first?.message.hasPrefix("YAML invalide") == true)
        #expect((issues.first?.line ?? 0) >= 3)
    }

    @Test func situationWithoutSecondsGetsAReadingTime() throws {
        let question = TemporaryContent.question("v1").replacingOccurrences(
            of: "    prompt:", with: "    situation: Tu roules à vélo sur une route de campagne la nuit et il pleut fort ce soir.\n    prompt:")
        var banks = TemporaryContent.validBanks
        banks["mini/vitesse.yaml"] = TemporaryContent.bankFile(theme: "vitesse", [question])
        let content = try TemporaryContent(banks: banks)
        let catalog = try ContentLoader.load(from: content.root).validCatalog()
        #expect(catalog.question(id: "v1")?.situationSeconds == 6)
    }

    @Test func coverageTableCountsSingleAndMultiple() throws {
        let content = try TemporaryContent(banks: TemporaryContent.validBanks)
        let table = CoverageTable.render(catalog: try ContentLoader.load(from: content.root).validCatalog())
        #expect(table.contains("Banque mini (MINI) : 3 questions"))
        #expect(table.contains("Circulation                           2       1         1"))
        #expect(table.contains("Total                                 3       2         1"))
    }
}
