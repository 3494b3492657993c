import Foundation

/// The center's own key pair (X25519): rescue files are sealed to its public half.
public protocol CenterKeyRepository: Sendable {
    /// The stored private key (raw bytes); `fresh` is stored first when there is none yet, in one
    /// transaction, so concurrent first calls agree on one key.
    func centerPrivateKey(storingIfAbsent fresh: Data) async throws -> Data
}
