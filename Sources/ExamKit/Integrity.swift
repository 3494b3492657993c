import _CryptoExtras
import Crypto
import Foundation

/// The key a terminal signs one attempt's result with. Derived on the center from the session key and
/// the attempt id, so the session key never leaves the center and a result signed for one candidate
/// cannot pass for another's.
public enum AttemptKey {
    public static func derive(sessionKey: String, attemptId: String) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(sessionKey.utf8)),
                                         salt: Data("epreuve-attempt-key/1".utf8), info: Data(attemptId.utf8), outputByteCount: 32)
        return key.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}

/// The salt of every access code of one session, derived from the session key (DESIGN §8: codes are
/// kept as salted hashes). One salt per session lets a login find its enrolment by an indexed hash
/// instead of hashing the typed code once per candidate; a stolen database still costs a brute
/// force of the code space per session, and the salt never leaves the center.
public enum AccessCodeSalt {
    public static func derive(sessionKey: String) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(sessionKey.utf8)),
                                         salt: Data("epreuve-access-code-salt/1".utf8), info: Data(), outputByteCount: 16)
        return key.withUnsafeBytes { Hex.encode(Array($0)) }
    }
}

/// A six-digit code checked offline (a terminal whose center is unreachable): scrypt, slow and
/// memory-hard, so trying the million codes takes days rather than seconds.
public struct SlowCodeHash: Codable, Sendable, Hashable {
    /// scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and about 100 ms a try (measured by `epreuve-bench`).
    public static let defaultCost = 1 << 15
    public static let blockSize = 8

    public var salt: String
    public var cost: Int
    public var hash: String

    public init(salt: String, cost: Int, hash: String) {
        self.salt = salt
        self.cost = cost
        self.hash = hash
    }

    /// A new salted hash of `code`.
    public static func make(_ code: String, cost: Int = defaultCost) throws -> SlowCodeHash {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        return SlowCodeHash(salt: salt, cost: cost, hash: try derive(code, salt: salt, cost: cost).base64EncodedString())
    }

    public func matches(_ code: String) -> Bool {
        guard let expected = Data(base64Encoded: hash), let actual = try? Self.derive(code, salt: salt, cost: cost) else { return false }
        // Constant time: the comparison itself must not tell how close a guess was.
        return expected.count == actual.count && zip(expected, actual).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ code: String, salt: String, cost: Int) throws -> Data {
        guard let saltBytes = Data(base64Encoded: salt), cost >= 2, cost <= 1 << 20, cost & (cost - 1) == 0 else {
            throw IntegrityError("paramètres de contrôle du code surveillant invalides")
        }
        let key = try KDF.Scrypt.deriveKey(from: Data(code.utf8), salt: saltBytes, outputByteCount: 32, rounds: cost,
                                           blockSize: blockSize, parallelism: 1)
        return key.withUnsafeBytes { Data($0) }
    }
}

/// Rescue files are encrypted to the center (HPKE, X25519): a lost USB key reveals no answers. The
/// exam, candidate and attempt stay readable (they name the file); the signed result is sealed.
public struct SealedRescue: Codable, Sendable, Hashable {
    public static let formatName = "epreuve-rescue/2"
    static let info = Data("epreuve-rescue/2".utf8)

    public var format: String
    public var examNumber: String
    public var candidateId: String
    public var attemptId: String
    public var encapsulatedKey: String
    public var ciphertext: String

    /// Seals a signed result to the center's public key (raw X25519, base64).
    public static func seal(_ envelope: ResultEnvelope, centerPublicKey: String) throws -> SealedRescue {
        guard let raw = Data(base64Encoded: centerPublicKey),
              let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw IntegrityError("clé publique du centre illisible : fichier de secours impossible à chiffrer")
        }
        var sealed = SealedRescue(format: formatName, examNumber: envelope.examNumber, candidateId: envelope.candidateId,
                                  attemptId: envelope.attemptId, encapsulatedKey: "", ciphertext: "")
        var sender = try HPKE.Sender(recipientKey: key, ciphersuite: .Curve25519_SHA256_ChachaPoly, info: info)
        let ciphertext = try sender.seal(envelope.fileData(), authenticating: sealed.header)
        sealed.encapsulatedKey = sender.encapsulatedKey.base64EncodedString()
        sealed.ciphertext = ciphertext.base64EncodedString()
        return sealed
    }

    /// The signed result inside, with the center's private key; the clear header must match it.
    public func open(centerPrivateKey: Curve25519.KeyAgreement.PrivateKey) throws -> ResultEnvelope {
        guard format == Self.formatName, let encapsulated = Data(base64Encoded: encapsulatedKey),
              let sealedBytes = Data(base64Encoded: ciphertext) else {
            throw IntegrityError("fichier de secours illisible")
        }
        let plaintext: Data
        do {
            var recipient = try HPKE.Recipient(privateKey: centerPrivateKey, ciphersuite: .Curve25519_SHA256_ChachaPoly,
                                               info: Self.info, encapsulatedKey: encapsulated)
            plaintext = try recipient.open(sealedBytes, authenticating: header)
        } catch {
            throw IntegrityError("fichier de secours modifié ou chiffré pour un autre centre")
        }
        guard let envelope = try? JSONDecoder().decode(ResultEnvelope.self, from: plaintext), envelope.fileData() == plaintext,
              envelope.examNumber == examNumber, envelope.candidateId == candidateId, envelope.attemptId == attemptId else {
            throw IntegrityError("fichier de secours incohérent")
        }
        return envelope
    }

    /// The clear fields, authenticated with the sealed result.
    var header: Data { Data("\(format)\n\(examNumber)\n\(candidateId)\n\(attemptId)".utf8) }

    /// The file written on the USB key: pretty, sorted.
    public func fileData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// `epreuve-<exam>-<candidate>-<first 8 of attemptId>.json`, as for the first format.
    public var fileName: String {
        let safeCandidate = candidateId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "epreuve-\(examNumber)-\(safeCandidate)-\(attemptId.prefix(8)).json"
    }
}

/// A key, hash or sealed file that cannot be used, in one French line.
public struct IntegrityError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
