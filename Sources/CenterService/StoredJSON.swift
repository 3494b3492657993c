import ExamKit

/// JSON columns written with every result stored: `SortedJSONWriter` rather than `JSONEncoder`
/// (a tenth of a result's time on a busy center), keys in `String` order as `.sortedKeys` writes them.
public enum StoredJSON {
    /// A result's answers: question id → letters chosen.
    public static func answers(_ answers: [String: [String]]) -> String {
        var json = SortedJSONWriter(escapeSlashes: true, capacity: 32 + answers.count * 40)
        json.beginObject()
        for (questionId, selected) in answers.sorted(by: { $0.key < $1.key }) {
            json.key(questionId)
            json.strings(selected)
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    public static func strings(_ strings: [String]) -> String {
        var json = SortedJSONWriter(escapeSlashes: true, capacity: 16 + strings.count * 24)
        json.strings(strings)
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
