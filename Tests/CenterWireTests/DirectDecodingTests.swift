import CenterWire
import ExamKit
import Foundation
import Testing

/// A result body is read straight from its parsed tree only when `JSONDecoder` would read the same
/// envelope from it; every other body goes through `JSONDecoder` and gets its answer from there
/// (`StrictDecodingTests` holds those answers).
@Suite struct DirectDecodingTests {
    static func tree(_ json: String) throws -> StrictJSON.Shape { try StrictJSON.parse(Data(json.utf8)) }

    static let envelopes: [ResultEnvelope] = {
        var stopped = WireGoldenTests.envelope
        stopped.stopReason = "malaise \"soudain\" \\ à 10 h\n"
        stopped.candidateId = "élève/🚗\u{1}"
        var empty = WireGoldenTests.envelope
        empty.questions = []
        empty.extraTime = true
        var legacy = WireGoldenTests.envelope
        legacy.format = ResultEnvelope.legacyFormatName
        legacy.questions[0].timeUsedMs = -0
        legacy.questions[1].position = Int.max
        return [WireGoldenTests.envelope, stopped, empty, legacy]
    }()

    @Test func aWellFormedBodyIsReadAsJSONDecoderReadsIt() throws {
        for envelope in Self.envelopes {
            let bodies = [String(decoding: envelope.wireJSON(), as: UTF8.self),
                          String(decoding: WireJSON.encode(envelope), as: UTF8.self),
                          // Any member order, escaped letters and white space are still the same body.
                          String(decoding: envelope.fileData(), as: UTF8.self).replacingOccurrences(of: "\"bank\"", with: "\"b\\u0061nk\"")]
            for body in bodies {
                let direct = ResultEnvelope(direct: try Self.tree(body))
                #expect(direct == envelope)
                #expect(direct == (try JSONDecoder().decode(ResultEnvelope.self, from: Data(body.utf8))))
                #expect(try WireJSON.decodeRequest(ResultRequest.self, from: Data(body.utf8)) == envelope)
            }
        }
    }

    /// What the direct reading leaves to `JSONDecoder`: unknown keys, nulls, missing members, wrong
    /// types, numbers that are not plain integers or do not fit.
    @Test(arguments: [
        (#""position":1,"#, #""position":1,"extra":0,"#),
        (#""terminalId":"salle-b:pts/3""#, #""terminalId":"salle-b:pts/3","stopReason":null"#),
        (#""mac":"#, #""mak":"#),
        (#""extraTime":false"#, #""extraTime":0"#),
        (#""position":1,"#, #""position":1.0,"#),
        (#""position":1,"#, #""position":1e0,"#),
        (#""timeUsedMs":12850"#, #""timeUsedMs":99999999999999999999"#),
        (#""selected":["B","C"]"#, #""selected":["B",3]"#),
        (#""selected":["B","C"]"#, #""selected":"B""#),
        (#""questions":[{"#, #""questions":[7,{"#),
        (#""bank":"assr1""#, #""bank":["assr1"]"#),
    ])
    func anythingElseIsLeftToJSONDecoder(replacing: String, with replacement: String) throws {
        let body = Self.envelopes[0].wireJSON()
        let altered = String(decoding: body, as: UTF8.self).replacingOccurrences(of: replacing, with: replacement)
        #expect(altered != String(decoding: body, as: UTF8.self))
        #expect(ResultEnvelope(direct: try Self.tree(altered)) == nil)
    }

    @Test func aBodyThatIsNotAnObjectIsLeftToJSONDecoder() throws {
        #expect(ResultEnvelope(direct: try Self.tree("[]")) == nil)
        #expect(ResultEnvelope(direct: try Self.tree("\"texte\"")) == nil)
    }

    static let progressJSON = #"{"mac":"bWFj","progress":{"index":3,"phase":"answering","remainingMs":4000,"selections":[[],[0,2],[1]],"timeUsedMs":[0,1200,-0]},"terminalId":"salle-b:pts/3"}"#

    @Test func loginsAndProgressReportsAreReadAsJSONDecoderReadsThem() throws {
        for body in [#"{"code":"aaaa-aaaa","terminalId":"salle-b:pts/3"}"#, #"{"code":"AAAA\u0041AAA"}"#, #"{"terminalId":"","code":""}"#] {
            let direct = try #require(LoginRequest(direct: try Self.tree(body)))
            #expect(direct == (try JSONDecoder().decode(LoginRequest.self, from: Data(body.utf8))))
        }
        let withoutTime = Self.progressJSON.replacingOccurrences(of: #""remainingMs":4000,"#, with: "")
        for body in [Self.progressJSON, withoutTime] {
            let direct = try #require(ProgressRequest(direct: try Self.tree(body)))
            #expect(direct == (try JSONDecoder().decode(ProgressRequest.self, from: Data(body.utf8))))
        }
        #expect(ProgressRequest(direct: try Self.tree(withoutTime))?.progress.remainingMs == nil)
    }

    @Test(arguments: [
        (#""index":3"#, #""index":3.5"#),
        (#""phase":"answering""#, #""phase":"pause""#),
        (#""remainingMs":4000"#, #""remainingMs":null"#),
        (#""remainingMs":4000"#, #""remainingMs":"4000""#),
        (#"[0,2]"#, #"[0,"C"]"#),
        (#"[[],[0,2],[1]]"#, #"[[],[0,2],1]"#),
        (#"[0,1200,-0]"#, #"[0,1200,1e3]"#),
        (#""terminalId":"salle-b:pts/3""#, #""terminalId":"salle-b:pts/3","extra":1"#),
        (#""timeUsedMs""#, #""extra":[],"timeUsedMs""#),
        (#""mac":"bWFj","#, ""),
    ])
    func anyOtherProgressReportIsLeftToJSONDecoder(replacing: String, with replacement: String) throws {
        let altered = Self.progressJSON.replacingOccurrences(of: replacing, with: replacement)
        #expect(altered != Self.progressJSON)
        #expect(ProgressRequest(direct: try Self.tree(altered)) == nil)
    }

    @Test func anyOtherLoginIsLeftToJSONDecoder() throws {
        for body in [#"{"code":1}"#, #"{"code":"a","terminalId":null}"#, #"{"code":"a","extra":true}"#, #"{"terminalId":"t"}"#] {
            #expect(LoginRequest(direct: try Self.tree(body)) == nil)
        }
    }
}
