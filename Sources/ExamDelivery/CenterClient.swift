import CenterService
import ExamKit
import Foundation

/// The center as a terminal sees it (DESIGN §8), local or over HTTP.
public protocol CenterClient: Sendable {
    /// nil when no session has this number.
    func session(number: String) async throws(DeliveryError) -> SessionInfo?
    func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal>
    func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal>
}

/// The center could not be reached or answered nonsense: worth retrying later.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The embedded center in the home folder (DESIGN §9): same protocol, no network.
public struct LocalCenterClient: CenterClient {
    public let center: CenterService

    public init(center: CenterService) {
        self.center = center
    }

    public func session(number: String) async throws(DeliveryError) -> SessionInfo? {
        try await wrap { try await center.lookUp(number: number) }
    }

    public func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        try await wrap { try await center.login(number: number, code: code, terminalId: terminalId) }
    }

    public func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal> {
        try await wrap { try await center.storeResult(envelope) }
    }

    private func wrap<T>(_ body: () async throws -> T) async throws(DeliveryError) -> T {
        do {
            return try await body()
        } catch {
            throw DeliveryError("centre local : \(error)")
        }
    }
}

extension ResultRefusal {
    public var message: String {
        switch self {
        case let .invalid(reason): "résultat refusé par le centre : \(reason)"
        case .badMac: "résultat refusé par le centre : signature invalide"
        case .conflict: "le centre a déjà un autre résultat pour cette tentative"
        }
    }
}
