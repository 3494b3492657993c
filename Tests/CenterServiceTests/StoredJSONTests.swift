import CenterService
import Foundation
import Testing

/// The answers columns written without `JSONEncoder` are what `JSONEncoder` with sorted keys writes.
@Suite struct StoredJSONTests {
    func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func answersAndListsAreJSONEncodersText() throws {
        let answers: [String: [String]] = ["q-10": ["B", "A"], "q-2": [], "q/\"é\"\n": ["C"], "Q": ["\u{1}"]]
        #expect(StoredJSON.answers(answers) == (try encoded(answers)))
        #expect(StoredJSON.answers([:]) == (try encoded([String: [String]]())))
        let ids = ["q-2", "a/b", "ü\t"]
        #expect(StoredJSON.strings(ids) == (try encoded(ids)))
        #expect(StoredJSON.strings([]) == "[]")
    }
}
