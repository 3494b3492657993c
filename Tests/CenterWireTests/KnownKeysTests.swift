@testable import CenterWire
import ExamKit
import Foundation
import Testing

/// Results skip the echo once their keys are known (`StaticRequestKeys`); an unknown key is refused
/// all the same.
@Suite struct KnownKeysTests {
    let valid = WireGoldenTests.envelopeJSON

    func refusal(_ json: String, as type: (some Codable).Type = ResultEnvelope.self) -> String? {
        do {
            _ = try WireJSON.decodeRequest(type, from: Data(json.utf8))
            return nil
        } catch {
            return error.message
        }
    }

    @Test func anUnknownKeyIsRefusedBeforeAndAfterTheKnownKeysAreRemembered() {
        let inAnswer = valid.replacingOccurrences(of: #""position":2,"#, with: #""position":2,"poids":3,"#)
        let atTop = valid.replacingOccurrences(of: #""bank":"assr1","#, with: #""bank":"assr1","banque":"assr2","#)
        for _ in 0..<3 {
            #expect(refusal(inAnswer) == "champ inconnu « questions[1].poids »")
            #expect(refusal(atTop) == "champ inconnu « banque »")
            #expect(refusal(valid) == nil)
        }
    }

    @Test func aLoginWithAnUnknownKeyIsRefusedOnceLoginsAreKnown() {
        for _ in 0..<3 {
            #expect(refusal(#"{"code":"AAAA-AAAA","terminalId":"t"}"#, as: LoginRequest.self) == nil)
            #expect(refusal(#"{"code":"AAAA-AAAA","terminalID":"t"}"#, as: LoginRequest.self) == "champ inconnu « terminalID »")
        }
    }

    @Test func theTreeCoversWhatItMergedAndNothingElse() throws {
        func shape(_ json: String) throws -> StrictJSON.Shape { try StrictJSON.parse(Data(json.utf8)) }
        var known = KnownKeys()
        known.merge(try shape(#"{"a":1,"list":[{"x":1},{"y":2}]}"#))
        known.merge(try shape(#"{"b":{"c":true}}"#))
        #expect(known.covers(try shape(#"{"a":2,"b":{"c":false},"list":[{"y":1,"x":3}]}"#)))
        #expect(known.covers(try shape(#"{"list":[]}"#)))
        #expect(!known.covers(try shape(#"{"a":1,"z":1}"#)))
        #expect(!known.covers(try shape(#"{"b":{"d":1}}"#)))
        #expect(!known.covers(try shape(#"{"list":[{"x":1,"w":2}]}"#)))
    }

    private struct Tally: Codable, StaticRequestKeys { var counts: [String: Int] }

    /// Keys a client chooses (a dictionary's) could grow the tree without end: past the limit it is
    /// not kept, and such bodies go through their echo.
    @Test func aTreeOverTheLimitIsNotKept() throws {
        let many = (0..<(KnownKeys.limit + 10)).map { "\"k\($0)\":1" }.joined(separator: ",")
        let body = Data("{\"counts\":{\(many)}}".utf8)
        _ = try WireJSON.decodeRequest(Tally.self, from: body)
        #expect(!KnownKeys.covers(try StrictJSON.parse(body), for: Tally.self))
        let few = Data(#"{"counts":{"a":1}}"#.utf8)
        _ = try WireJSON.decodeRequest(Tally.self, from: few)
        #expect(KnownKeys.covers(try StrictJSON.parse(few), for: Tally.self))
    }
}
