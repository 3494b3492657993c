import Foundation
import Yams

/// A parsed YAML file that records problems with their position as it is read.
final class YAMLFile {
    let path: String
    private(set) var issues: [ContentIssue] = []

    init(path: String) {
        self.path = path
    }

    /// The root node, or nil (with an issue) when the file cannot be read or parsed.
    func parse(contentsOf url: URL) -> Node? {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            report(line: 1, column: 1, "fichier illisible ou qui n'est pas en UTF-8")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(line: 1, column: 1, "fichier vide")
                return nil
            }
            return node
        } catch let error as YamlError {
            let (mark, problem) = Self.describe(error)
            report(line: mark?.line ?? 1, column: mark?.column ?? 1, "YAML invalide : \(problem)")
            return nil
        } catch {
            report(line: 1, column: 1, "YAML invalide : \(error)")
            return nil
        }
    }

    func report(line: Int, column: Int, _ message: String) {
        issues.append(ContentIssue(file: path, line: line, column: column, message: message))
    }

    func report(at node: Node?, _ message: String) {
        report(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message)
    }

    // MARK: Typed access with located errors

    func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
        guard let mapping = node.mapping else {
            report(at: node, "\(what) doit être un dictionnaire (clé: valeur)")
            return nil
        }
        return mapping
    }

    func sequence(_ node: Node, _ what: String) -> Node.Sequence? {
        guard let sequence = node.sequence else {
            report(at: node, "\(what) doit être une liste")
            return nil
        }
        return sequence
    }

    /// A required non-empty string field.
    func requiredString(_ mapping: Node.Mapping, _ key: String, owner: Node) -> String? {
        guard let node = mapping[key] else {
            report(at: owner, "le champ « \(key) » manque")
            return nil
        }
        return nonEmptyString(node, key)
    }

    func nonEmptyString(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar else {
            report(at: node, "le champ « \(key) » doit être un texte")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            report(at: node, "le champ « \(key) » est vide")
            return nil
        }
        return value
    }

    func optionalString(_ mapping: Node.Mapping, _ key: String) -> String? {
        guard let node = mapping[key] else { return nil }
        return nonEmptyString(node, key)
    }

    func integer(_ mapping: Node.Mapping, _ key: String, owner: Node, required: Bool = true, range: ClosedRange<Int>) -> Int? {
        guard let node = mapping[key] else {
            if required { report(at: owner, "le champ « \(key) » manque") }
            return nil
        }
        guard let value = node.int else {
            report(at: node, "le champ « \(key) » doit être un nombre entier")
            return nil
        }
        guard range.contains(value) else {
            report(at: node, "le champ « \(key) » vaut \(value), attendu entre \(range.lowerBound) et \(range.upperBound)")
            return nil
        }
        return value
    }

    /// Reports keys that are not in `allowed` (a typo would otherwise be silently ignored).
    func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: Set<String>, _ what: String) {
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            report(at: key, "champ inconnu « \(name) » dans \(what)")
        }
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _):
            return (mark, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .parser(context, problem, mark, _):
            return (mark, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .composer(context, problem, mark, _):
            return (mark, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        default:
            return (nil, "\(error)")
        }
    }
}
