import Crypto
import Foundation

/// Transaction-level advisory locks (`pg_advisory_xact_lock`): what makes a read-then-write method
/// one step for every connection of every process on the database, whether or not the rows it reads
/// exist yet. A lock is released by the transaction's COMMIT or ROLLBACK, never held longer.
///
/// The key is the first 8 bytes of SHA-256 over the lock's name and parts: stable across processes
/// and program versions. Two names sharing a key would only wait for each other, never be wrong.
enum AdvisoryLock {
    /// One candidate in one session: opening an attempt and storing a result read "has this
    /// candidate an attempt / a result here?" before writing.
    case candidateInSession(session: String, candidate: String)
    /// One throttle counter: concurrent failures all count.
    case throttle(String)
    /// Candidate imports: a key (INE, or name and birth date without INE) finds at most one candidate.
    case candidates
    /// Schema migrations on open.
    case migrations

    var key: Int64 {
        let name: [String] = switch self {
        case let .candidateInSession(session, candidate): ["candidate-in-session", session, candidate]
        case let .throttle(key): ["throttle", key]
        case .candidates: ["candidates"]
        case .migrations: ["migrations"]
        }
        let digest = SHA256.hash(data: Data(name.joined(separator: "\u{0}").utf8))
        return digest.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }
}
