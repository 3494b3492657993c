import Crypto
import ExamKit
import Foundation
import Yams

/// What loading a content folder gives: the catalog of everything valid, and every problem found.
public struct ContentReport: Sendable {
    public let catalog: Catalog
    public let issues: [ContentIssue]

    public var isValid: Bool { issues.isEmpty }

    /// The catalog, or every problem when there is any.
    public func validCatalog() throws(ContentErrors) -> Catalog {
        guard issues.isEmpty else { throw ContentErrors(issues) }
        return catalog
    }
}

/// Reads `themes.yaml`, `profiles.yaml` and `banks/<bank>/<theme>.yaml` (DESIGN §4).
/// A bank with any error is refused whole; a profile that names a refused bank is refused too.
public enum ContentLoader {
    public static func load(from root: URL) -> ContentReport {
        var issues: [ContentIssue] = []
        let themes = loadThemes(root: root, issues: &issues)
        let themeIds = themes.map(\.id)

        var banks: [String: Bank] = [:]
        var seenIds: [String: String] = [:]  // question id → "file:line"
        let banksDirectory = root.appendingPathComponent("banks")
        for bankId in subdirectories(of: banksDirectory) {
            let bankIssuesBefore = issues.count
            let questions = loadBank(
                id: bankId, directory: banksDirectory.appendingPathComponent(bankId),
                themes: Set(themeIds), seenIds: &seenIds, issues: &issues)
            if issues.count == bankIssuesBefore {
                banks[bankId] = Bank(id: bankId, questions: questions)
            }
        }

        let profiles = loadProfiles(root: root, themes: Set(themeIds), banks: banks, issues: &issues)
        let catalog = Catalog(themes: themes, profiles: profiles, banks: banks, digest: digest(of: root))
        return ContentReport(catalog: catalog, issues: issues)
    }

    // MARK: Themes

    private static func loadThemes(root: URL, issues: inout [ContentIssue]) -> [Theme] {
        let file = YAMLFile(path: "themes.yaml")
        defer { issues += file.issues }
        guard let node = file.parse(contentsOf: root.appendingPathComponent("themes.yaml")),
              let list = file.sequence(node, "themes.yaml") else { return [] }
        var themes: [Theme] = []
        for entry in list {
            guard let mapping = file.mapping(entry, "un thème") else { continue }
            file.rejectUnknownKeys(mapping, allowed: ["id", "label"], "un thème")
            guard let id = file.requiredString(mapping, "id", owner: entry),
                  let label = file.requiredString(mapping, "label", owner: entry) else { continue }
            if themes.contains(where: { $0.id == id }) {
                file.report(at: mapping["id"], "le thème « \(id) » est déclaré deux fois")
                continue
            }
            themes.append(Theme(id: id, label: label))
        }
        return themes
    }

    // MARK: Banks

    private static let questionKeys: Set<String> = [
        "id", "competence", "situation", "situationSeconds", "prompt", "choices", "answer", "explanation", "reference",
    ]

    private static func loadBank(
        id bankId: String, directory: URL, themes: Set<String>,
        seenIds: inout [String: String], issues: inout [ContentIssue]
    ) -> [Question] {
        var questions: [Question] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in files.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = YAMLFile(path: "banks/\(bankId)/\(name)")
            defer { issues += file.issues }
            guard let node = file.parse(contentsOf: directory.appendingPathComponent(name)),
                  let mapping = file.mapping(node, "le fichier") else { continue }
            file.rejectUnknownKeys(mapping, allowed: ["theme", "questions"], "le fichier")
            guard let theme = file.requiredString(mapping, "theme", owner: node) else { continue }
            guard themes.contains(theme) else {
                file.report(at: mapping["theme"], "thème inconnu « \(theme) » (absent de themes.yaml)")
                continue
            }
            let expectedName = (name as NSString).deletingPathExtension
            if expectedName != theme {
                file.report(at: mapping["theme"], "le fichier \(name) déclare le thème « \(theme) » : renommez-le \(theme).yaml")
            }
            guard let listNode = mapping["questions"] else {
                file.report(at: node, "le champ « questions » manque")
                continue
            }
            guard let list = file.sequence(listNode, "« questions »") else { continue }
            for entry in list {
                guard let question = parseQuestion(entry, theme: theme, file: file) else { continue }
                let location = "\(file.path):\(entry.mark?.line ?? 0)"
                if let previous = seenIds[question.id] {
                    file.report(at: entry.mapping?["id"], "identifiant « \(question.id) » en double (déjà utilisé en \(previous))")
                    continue
                }
                seenIds[question.id] = location
                questions.append(question)
            }
        }
        return questions
    }

    private static func parseQuestion(_ node: Node, theme: String, file: YAMLFile) -> Question? {
        guard let mapping = file.mapping(node, "une question") else { return nil }
        let before = file.issues.count
        file.rejectUnknownKeys(mapping, allowed: questionKeys, "une question")
        let id = file.requiredString(mapping, "id", owner: node)
        let competence = file.requiredString(mapping, "competence", owner: node)
        let prompt = file.requiredString(mapping, "prompt", owner: node)
        let explanation = file.requiredString(mapping, "explanation", owner: node)
        let situation = file.optionalString(mapping, "situation")
        let reference = file.optionalString(mapping, "reference")
        var situationSeconds = file.integer(mapping, "situationSeconds", owner: node, required: false, range: 0...120)
        if situationSeconds == nil, let situation {
            // About three words a second for a 12-year-old reader, within sensible bounds.
            let words = situation.split(whereSeparator: \.isWhitespace).count
            situationSeconds = min(15, max(5, (words + 2) / 3))
        }

        var choices: [String] = []
        if let choicesNode = mapping["choices"] {
            if let list = file.sequence(choicesNode, "« choices »") {
                choices = list.compactMap { file.nonEmptyString($0, "choices") }
                if list.count < 2 || list.count > 6 {
                    file.report(at: choicesNode, "une question doit avoir de 2 à 6 choix, celle-ci en a \(list.count)")
                }
            }
        } else {
            file.report(at: node, "le champ « choices » manque")
        }

        var answer: [Int] = []
        if let answerNode = mapping["answer"] {
            let letterNodes: [Node] = answerNode.sequence.map(Array.init) ?? [answerNode]
            if letterNodes.isEmpty { file.report(at: answerNode, "la réponse attendue est vide") }
            for letterNode in letterNodes {
                guard let text = letterNode.scalar?.string.trimmingCharacters(in: .whitespaces),
                      text.count == 1, let index = ChoiceLetter.index(of: Character(text)) else {
                    file.report(at: letterNode, "réponse « \(letterNode.scalar?.string ?? "?") » : une lettre de A à F est attendue")
                    continue
                }
                if index >= choices.count {
                    file.report(at: letterNode, "réponse « \(text.uppercased()) » hors des choix (la question a \(choices.count) choix, de A à \(ChoiceLetter.letter(max(0, min(5, choices.count - 1)))))")
                } else if answer.contains(index) {
                    file.report(at: letterNode, "réponse « \(text.uppercased()) » donnée deux fois")
                } else {
                    answer.append(index)
                }
            }
        } else {
            file.report(at: node, "le champ « answer » manque")
        }

        guard file.issues.count == before, let id, let competence, let prompt, let explanation else { return nil }
        return Question(
            id: id, theme: theme, competence: competence, situation: situation,
            situationSeconds: situation == nil ? 0 : (situationSeconds ?? 0), prompt: prompt, choices: choices,
            answer: answer, explanation: explanation, reference: reference)
    }

    // MARK: Profiles

    private static func loadProfiles(
        root: URL, themes: Set<String>, banks: [String: Bank], issues: inout [ContentIssue]
    ) -> [Profile] {
        let file = YAMLFile(path: "profiles.yaml")
        defer { issues += file.issues }
        guard let node = file.parse(contentsOf: root.appendingPathComponent("profiles.yaml")),
              let mapping = file.mapping(node, "profiles.yaml") else { return [] }
        let bankDirectories = Set(subdirectories(of: root.appendingPathComponent("banks")))
        var profiles: [Profile] = []
        for (keyNode, valueNode) in mapping {
            guard let name = file.nonEmptyString(keyNode, "nom du profil"),
                  let fields = file.mapping(valueNode, "le profil \(name)") else { continue }
            let before = file.issues.count
            file.rejectUnknownKeys(fields, allowed: [
                "title", "bank", "questions", "answerSeconds", "extraTimeAnswerSeconds", "passMark", "quotas",
            ], "le profil \(name)")
            let title = file.requiredString(fields, "title", owner: valueNode)
            let bankId = file.requiredString(fields, "bank", owner: valueNode)
            let count = file.integer(fields, "questions", owner: valueNode, range: 1...200)
            let answerSeconds = file.integer(fields, "answerSeconds", owner: valueNode, range: 1...3600)
            let extra = file.integer(fields, "extraTimeAnswerSeconds", owner: valueNode, range: 1...3600)
            let passMark = file.integer(fields, "passMark", owner: valueNode, range: 0...200)
            var quotas: [String: Int] = [:]
            if let quotasNode = fields["quotas"] {
                if let quotaMapping = file.mapping(quotasNode, "« quotas »") {
                    for (themeNode, countNode) in quotaMapping {
                        guard let theme = themeNode.string else { continue }
                        guard themes.contains(theme) else {
                            file.report(at: themeNode, "le profil \(name) : thème inconnu « \(theme) » dans les quotas")
                            continue
                        }
                        guard let value = countNode.int, value >= 0 else {
                            file.report(at: countNode, "le profil \(name) : le quota de « \(theme) » doit être un entier positif")
                            continue
                        }
                        quotas[theme] = value
                    }
                }
            } else {
                file.report(at: valueNode, "le champ « quotas » manque")
            }
            guard file.issues.count == before, let title, let bankId, let count, let answerSeconds, let extra,
                  let passMark else { continue }
            if passMark > count {
                file.report(at: fields["passMark"], "le profil \(name) : la note de réussite \(passMark) dépasse le nombre de questions \(count)")
                continue
            }
            if extra < answerSeconds {
                file.report(at: fields["extraTimeAnswerSeconds"],
                            "le profil \(name) : le temps majoré (\(extra) s) est plus court que le temps normal (\(answerSeconds) s)")
                continue
            }
            let profile = Profile(
                id: name, title: title, bank: bankId, questionCount: count, answerSeconds: answerSeconds,
                extraTimeAnswerSeconds: extra, passMark: passMark, quotas: quotas)
            let sum = quotas.values.reduce(0, +)
            if sum != count {
                file.report(at: fields["quotas"], "le profil \(name) : les quotas totalisent \(sum) questions au lieu de \(count)")
                continue
            }
            guard let bank = banks[bankId] else {
                let why = bankDirectories.contains(bankId) ? "est refusée à cause de ses erreurs" : "n'existe pas (aucun dossier banks/\(bankId))"
                file.report(at: fields["bank"], "le profil \(name) : la banque « \(bankId) » \(why)")
                continue
            }
            let failures = SessionComposer.check(profile: profile, bank: bank)
            for failure in failures {
                file.report(at: fields["quotas"], failure.description)
            }
            if failures.isEmpty { profiles.append(profile) }
        }
        return profiles
    }

    // MARK: Files

    private static func subdirectories(of url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// SHA-256 over every YAML file (path and bytes), in path order.
    public static func digest(of root: URL) -> String {
        var hasher = SHA256()
        var paths: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            for case let path as String in enumerator where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                paths.append(path)
            }
        }
        for path in paths.sorted() {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: (try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data())
            hasher.update(data: Data([0]))
        }
        return Hex.encode(hasher.finalize())
    }
}
