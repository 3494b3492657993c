import Crypto
import Foundation

/// Salted hashes for access and surveillant codes: the center never stores a code in clear, and a
/// terminal checks a surveillant code offline against the hash its package carries.
public enum SecretHash {
    public static func makeSalt<G: RandomNumberGenerator>(using generator: inout G) -> String {
        randomHex(bytes: 16, using: &generator)
    }

    public static func hash(_ code: String, salt: String) -> String {
        Hex.encode(SHA256.hash(data: Data((salt + ":" + code).utf8)))
    }

    public static func matches(_ code: String, salt: String, hash expected: String) -> Bool {
        // Constant-time comparison: the hash of a guess must not leak through timing.
        let actual = Array(hash(code, salt: salt).utf8)
        let wanted = Array(expected.utf8)
        guard actual.count == wanted.count else { return false }
        return zip(actual, wanted).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public static func randomHex<G: RandomNumberGenerator>(bytes: Int, using generator: inout G) -> String {
        Hex.encode((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
