import Foundation

/// How bodies are written and read. Responses: sorted keys, absent optionals left out. Requests:
/// strict (RFC 8259 syntax, no null, no unknown or duplicate key, exact types), so a malformed
/// body is a 400 with a French sentence instead of a guess.
public enum WireJSON {
    public static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The bodies hold strings, numbers, booleans and arrays of them: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// Responses, read by terminals: a newer center may add fields, so unknown keys are ignored.
    public static func decodeResponse<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// A request body, strictly; the error's message is the sentence of the 400 answer.
    public static func decodeRequest<T: Codable>(_ type: T.Type, from data: Data) throws(ErrorBody) -> T {
        let shape: StrictJSON.Shape
        do {
            shape = try StrictJSON.parse(data)
        } catch {
            throw invalid(error.description)
        }
        if let direct = T.self as? any DirectRequestDecoding.Type, let value = direct.init(direct: shape) as? T { return value }
        if let path = firstNull(in: shape, path: "") { throw invalid("« \(path) » : null n'est pas admis") }
        let value: T
        do {
            value = try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw invalid(sentence(error))
        } catch {
            throw invalid("corps illisible")
        }
        // Every key given must be one the type knows: what it encodes back holds all of them.
        let staticKeys = T.self is StaticRequestKeys.Type
        if staticKeys, KnownKeys.covers(shape, for: T.self) { return value }
        guard let echo = try? StrictJSON.parse(encode(value)) else { return value }
        if let path = firstUnknownKey(in: shape, known: echo, path: "") {
            throw invalid("champ inconnu « \(path) »")
        }
        if staticKeys { KnownKeys.remember(echo, for: T.self) }
        return value
    }

    static func invalid(_ message: String) -> ErrorBody {
        ErrorBody(error: .invalidRequest, message: message)
    }

    static func firstNull(in shape: StrictJSON.Shape, path: String) -> String? {
        switch shape {
        case .null: return path.isEmpty ? "corps" : path
        case .scalar: return nil
        case let .array(elements):
            return elements.enumerated().lazy.compactMap { firstNull(in: $1, path: "\(path)[\($0)]") }.first
        case let .object(members):
            return members.sorted { $0.key < $1.key }.lazy.compactMap { key, value in
                firstNull(in: value, path: path.isEmpty ? key : "\(path).\(key)")
            }.first
        }
    }

    static func firstUnknownKey(in given: StrictJSON.Shape, known: StrictJSON.Shape, path: String) -> String? {
        switch (given, known) {
        case let (.object(members), .object(knownMembers)):
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = knownMembers[key] else { return child }
                if let unknown = firstUnknownKey(in: value, known: knownValue, path: child) { return unknown }
            }
            return nil
        case let (.array(elements), .array(knownElements)):
            for (index, pair) in zip(elements, knownElements).enumerated() {
                if let unknown = firstUnknownKey(in: pair.0, known: pair.1, path: "\(path)[\(index)]") { return unknown }
            }
            return nil
        default:
            return nil
        }
    }

    static func sentence(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in context.codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "corps" : text
        }
        switch error {
        case let .keyNotFound(key, context): return "champ « \(path(context, key)) » manquant"
        case let .typeMismatch(type, context): return "« \(path(context)) » : type inattendu (\(typeName(type)) attendu)"
        case let .valueNotFound(type, context): return "« \(path(context)) » : valeur manquante (\(typeName(type)) attendu)"
        case let .dataCorrupted(context):
            // The syntax is checked already: Foundation says "not valid JSON", without a path, for a
            // number its field cannot hold (12.5 or 1e30 for an integer).
            if context.codingPath.isEmpty { return "nombre invalide pour son champ (entier attendu ou valeur hors limites)" }
            return "« \(path(context)) » : valeur invalide"
        @unknown default: return "corps illisible"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "texte"
        case is Int.Type: "nombre entier"
        case is Bool.Type: "booléen"
        case is [Any].Type: "tableau"
        case is [String: Any].Type: "objet"
        default: "\(type)"
        }
    }
}
