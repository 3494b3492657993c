import Crypto
import ExamKit
import Foundation
import Testing

@Suite struct IntegrityTests {
    @Test func attemptKeysDifferPerAttemptAndAreReproducible() {
        let a = AttemptKey.derive(sessionKey: "clé de session", attemptId: "a")
        #expect(a == AttemptKey.derive(sessionKey: "clé de session", attemptId: "a"))
        #expect(a != AttemptKey.derive(sessionKey: "clé de session", attemptId: "b"))
        #expect(a != AttemptKey.derive(sessionKey: "autre clé", attemptId: "a"))
        #expect(a != "clé de session" && Data(base64Encoded: a)?.count == 32)
        // Frozen: a terminal and a center of different versions must agree.
        #expect(AttemptKey.derive(sessionKey: "k", attemptId: "1") == "+AuJT/g0WfvbrU2nvPUz8GLWFeS5xJ/5lazBt5kJsCU=")
    }

    @Test func aSlowHashMatchesItsCodeOnly() throws {
        let hash = try SlowCodeHash.make("424242", cost: 1 << 10)
        #expect(hash.matches("424242"))
        #expect(!hash.matches("424243"))
        #expect(try SlowCodeHash.make("424242", cost: 1 << 10).salt != hash.salt)
        var tampered = hash
        tampered.cost = 3
        #expect(!tampered.matches("424242"))
    }

    static func envelope() -> ResultEnvelope {
        ResultEnvelope(attemptId: "1a2b3c4d-0000", examNumber: "123456", candidateId: "C42", terminalId: "poste", bank: "assr1",
                       extraTime: false, startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 900),
                       questions: [.init(position: 1, questionId: "q1", selected: ["B"], timeUsedMs: 1000)], contentDigest: "d")
            .signed(key: "k")
    }

    @Test func aSealedRescueFileOpensWithTheCentersKeyOnly() throws {
        let center = Curve25519.KeyAgreement.PrivateKey()
        let envelope = Self.envelope()
        let sealed = try SealedRescue.seal(envelope, centerPublicKey: center.publicKey.rawRepresentation.base64EncodedString())
        let file = String(decoding: sealed.fileData(), as: UTF8.self)
        #expect(file.contains("\"format\" : \"epreuve-rescue/2\""))
        // No answer readable: quotes never occur in base64, so these keys can only come from clear JSON.
        #expect(!file.contains("\"questionId\"") && !file.contains("\"selected\"") && !file.contains("\"mac\""))
        #expect(sealed.fileName == "epreuve-123456-C42-1a2b3c4d.json")
        #expect(try sealed.open(centerPrivateKey: center) == envelope)

        #expect(throws: IntegrityError.self) { try sealed.open(centerPrivateKey: Curve25519.KeyAgreement.PrivateKey()) }
        var renamed = sealed
        renamed.candidateId = "C43"  // the clear header is authenticated too
        #expect(throws: IntegrityError.self) { try renamed.open(centerPrivateKey: center) }
        #expect(throws: IntegrityError.self) { try SealedRescue.seal(envelope, centerPublicKey: "pas une clé") }
    }
}
