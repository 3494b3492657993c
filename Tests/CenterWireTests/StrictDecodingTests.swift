import CenterWire
import ExamKit
import Foundation
import Testing

/// Request bodies are read strictly: what Foundation would guess at is a 400 with a French sentence.
@Suite struct StrictDecodingTests {
    func refusal(_ json: String, as type: (some Codable).Type = LoginRequest.self) -> String? {
        do {
            _ = try WireJSON.decodeRequest(type, from: Data(json.utf8))
            return nil
        } catch {
            #expect(error.error == .invalidRequest)
            return error.message
        }
    }

    @Test func foundationAloneWouldAcceptThese() throws {
        // Why the syntax check exists: on this toolchain both of these decode.
        #expect((try? JSONDecoder().decode(LoginRequest.self, from: Data(#"{"code":"AAAA-AAAA",}"#.utf8))) != nil)
        #expect((try? JSONDecoder().decode(LoginRequest.self, from: Data(#"{"code":"A","code":"B"}"#.utf8))) != nil)
    }

    @Test(arguments: [
        (#"{"code":"AAAA-AAAA",}"#, "JSON invalide à l'octet 20 : virgule en trop avant « } »"),
        (#"{"code":"AAAA-AAAA" /* c */}"#, "JSON invalide à l'octet 20 : « , » ou « } » attendu"),
        ("// c\n{\"code\":\"A\"}", "JSON invalide à l'octet 0 : commentaire non admis"),
        (#"{"code":"A","code":"B"}"#, "JSON invalide à l'octet 12 : champ « code » en double"),
        (#"{"code":"A","co\u0064e":"B"}"#, "JSON invalide à l'octet 12 : champ « code » en double"),
        (#"{code:"A"}"#, "JSON invalide à l'octet 1 : nom de champ entre guillemets attendu"),
        (#"{'code':'A'}"#, "JSON invalide à l'octet 1 : nom de champ entre guillemets attendu"),
        (#"{"code":"A"} x"#, "JSON invalide à l'octet 13 : contenu après la fin du document"),
        (#"{"code":"A"}{}"#, "JSON invalide à l'octet 12 : contenu après la fin du document"),
        ("\u{FEFF}{\"code\":\"A\"}", "JSON invalide à l'octet 0 : marque d'ordre des octets (BOM) non admise"),
        (#"{"code":01}"#, "JSON invalide à l'octet 9 : zéro en tête d'un nombre"),
        (#"{"code":NaN}"#, "JSON invalide à l'octet 8 : valeur attendue"),
        (#"{"code":"\x41"}"#, "JSON invalide à l'octet 10 : échappement inconnu « \\x »"),
        ("{\"code\":\"A\u{01}\"}", "JSON invalide à l'octet 10 : caractère de contrôle non échappé dans une chaîne"),
        (#"{"code":"A""#, "JSON invalide à l'octet 11 : « , » ou « } » attendu"),
        ("", "JSON invalide à l'octet 0 : valeur attendue, fin du texte"),
        (#"{"code":"A","terminalId":"t","extra":1}"#, "champ inconnu « extra »"),
        (#"{"code":5}"#, "« code » : type inattendu (texte attendu)"),
        (#"{"terminalId":"t"}"#, "champ « code » manquant"),
        (#"{"code":"A","terminalId":null}"#, "« terminalId » : null n'est pas admis"),
        (#"["code"]"#, "« corps » : type inattendu (objet attendu)"),
        ("null", "« corps » : null n'est pas admis"),
    ])
    func loginBodiesRefused(json: String, message: String) {
        #expect(refusal(json) == message)
    }

    @Test func invalidUTF8AndDeepNesting() {
        #expect(throws: StrictJSON.SyntaxError(offset: 0, reason: "texte non UTF-8")) { try StrictJSON.parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: StrictJSON.SyntaxError(offset: 32, reason: "imbrication trop profonde (32 au plus)")) { try StrictJSON.parse(Array(deep.utf8)) }
    }

    @Test func validDocumentsPass() throws {
        #expect(try StrictJSON.parse(Array(" { \"a\" : [ 1 , -0.5e+10 , 2E3, 0 , true , false , null , \"\\u00e9\\ud83d\\ude97\\n\" , { } , [ ] ] } \n".utf8))
            == .object(["a": .array([.scalar(.number("1")), .scalar(.number("-0.5e+10")), .scalar(.number("2E3")), .scalar(.number("0")),
                                     .scalar(.bool(true)), .scalar(.bool(false)), .null, .scalar(.string("é🚗\n")), .object([:]),
                                     .array([])])]))
        #expect(try StrictJSON.parse(Array(#""seul""#.utf8)) == .scalar(.string("seul")))
        let login = try WireJSON.decodeRequest(LoginRequest.self, from: Data("\r\n {\"co\\u0064e\" : \"aaaa-aaaa\"}\t".utf8))
        #expect(login == LoginRequest(code: "aaaa-aaaa", terminalId: nil))
    }

    @Test func envelopesAreCheckedDownToTheirAnswers() throws {
        var json = String(decoding: WireJSON.encode(WireGoldenTests.envelope), as: UTF8.self)
        #expect(refusal(json, as: ResultRequest.self) == nil)
        json = json.replacingOccurrences(of: #""position":2,"#, with: #""position":2,"extra":true,"#)
        #expect(refusal(json, as: ResultRequest.self) == "champ inconnu « questions[1].extra »")
        let wrongType = String(decoding: WireJSON.encode(WireGoldenTests.envelope), as: UTF8.self)
            .replacingOccurrences(of: #""extraTime":false"#, with: #""extraTime":0"#)
        #expect(refusal(wrongType, as: ResultRequest.self) == "« extraTime » : type inattendu (booléen attendu)")
        let fraction = String(decoding: WireJSON.encode(WireGoldenTests.envelope), as: UTF8.self)
            .replacingOccurrences(of: #""timeUsedMs":12850"#, with: #""timeUsedMs":12850.5"#)
        #expect(refusal(fraction, as: ResultRequest.self) == "nombre invalide pour son champ (entier attendu ou valeur hors limites)")
    }
}
