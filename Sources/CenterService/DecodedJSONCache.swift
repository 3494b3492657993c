import Foundation
import Synchronization

/// Values of JSON columns decoded lately, by type and exact text. A busy session's row is read with
/// every result it receives, and decoding its question ids and offline code check with `JSONDecoder`
/// cost more than the rest of the row. The text itself is the key, so a changed column is decoded
/// afresh; long texts are not kept, and the cache empties itself when full.
public enum DecodedJSONCache {
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let text: String
    }

    static let capacity = 256
    static let longestText = 8_192

    private static let values = Mutex<[Key: any Sendable]>([:])

    public static func decode<T: Decodable & Sendable>(_ type: T.Type, from text: String) throws -> T {
        guard text.utf8.count <= longestText else { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        let key = Key(type: ObjectIdentifier(T.self), text: text)
        if let cached = values.withLock({ $0[key] }) as? T { return cached }
        let value = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        values.withLock { values in
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
        return value
    }
}
