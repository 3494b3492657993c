import Crypto
import ExamKit
import Foundation

/// Salted hashes for access and surveillant codes: the center never stores a code in clear.
public enum SecretHash {
    public static func makeSalt<G: RandomNumberGenerator>(using generator: inout G) -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func hash(_ code: String, salt: String) -> String {
        SHA256.hash(data: Data((salt + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public static func matches(_ code: String, salt: String, hash expected: String) -> Bool {
        // Constant-time comparison: the hash of a guess must not leak through timing.
        let actual = Array(hash(code, salt: salt).utf8)
        let wanted = Array(expected.utf8)
        guard actual.count == wanted.count else { return false }
        return zip(actual, wanted).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public static func randomHex<G: RandomNumberGenerator>(bytes: Int, using generator: inout G) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// The system's clocks, for the executables; tests pass fixed ones.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

public struct FixedWallClock: WallClock {
    public let date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}
