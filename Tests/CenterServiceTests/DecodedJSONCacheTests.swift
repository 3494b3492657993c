@testable import CenterService
import Foundation
import Testing

@Suite struct DecodedJSONCacheTests {
    @Test func aTextIsDecodedForItsTypeAndAChangedTextAfresh() throws {
        let ids = #"["q-\#(UUID().uuidString)","q-2"]"#
        #expect(try DecodedJSONCache.decode([String].self, from: ids) == [ids.dropFirst(2).prefix(38).description, "q-2"])
        #expect(try DecodedJSONCache.decode([String].self, from: ids) == [ids.dropFirst(2).prefix(38).description, "q-2"])
        // The same text as another type is decoded as that type, or refused.
        #expect(throws: DecodingError.self) { try DecodedJSONCache.decode([Int].self, from: ids) }
        #expect(try DecodedJSONCache.decode([Int].self, from: "[1,2]") == [1, 2])
        #expect(try DecodedJSONCache.decode([String].self, from: #"["q-3"]"#) == ["q-3"])
    }

    @Test func aFullCacheEmptiesAndLongTextsAreStillDecoded() throws {
        for index in 0...DecodedJSONCache.capacity * 2 {
            #expect(try DecodedJSONCache.decode([Int].self, from: "[\(index)]") == [index])
        }
        let long = "[" + Array(repeating: "1234567", count: DecodedJSONCache.longestText / 8 + 1).joined(separator: ",") + "]"
        #expect(try DecodedJSONCache.decode([Int].self, from: long).count == DecodedJSONCache.longestText / 8 + 1)
        #expect(throws: DecodingError.self) { try DecodedJSONCache.decode([Int].self, from: "[1,") }
    }
}
