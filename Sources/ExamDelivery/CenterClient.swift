import CenterService
import ExamKit
import Foundation

/// The center as a terminal sees it (DESIGN §8), local or over HTTP.
public protocol CenterClient: Sendable {
    /// nil when no session has this number.
    func session(number: String) async throws(DeliveryError) -> SessionInfo?
    func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal>
    func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal>
    /// The surveillant code typed on this terminal, for this session only (throttled on the center).
    func checkSurveillantCode(number: String, code: String, terminalId: String) async throws(DeliveryError) -> SurveillantCheck
    /// Where the attempt stands (on every move and every few seconds).
    func reportProgress(_ report: ProgressReport) async throws(DeliveryError) -> ProgressReceipt
    /// « Reprendre ici »: moves the candidate's running attempt to this terminal.
    func transfer(number: String, code: String, surveillantCode: String,
                  terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal>
    /// « Signaler un problème »: the candidate's alert about a question, for the surveillant's console.
    func raiseAlert(_ report: AlertReport) async throws(DeliveryError) -> AlertReceipt
    /// Whether the surveillant confirmed the candidate's presence (`--presence` sessions).
    func pollPresence(_ request: PresenceRequest) async throws(DeliveryError) -> PresenceAnswer
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

    public func checkSurveillantCode(number: String, code: String, terminalId: String) async throws(DeliveryError) -> SurveillantCheck {
        try await wrap { try await center.checkSurveillantCode(number: number, code: code, terminalId: terminalId) }
    }

    public func reportProgress(_ report: ProgressReport) async throws(DeliveryError) -> ProgressReceipt {
        do {
            return try await center.recordProgress(report)
        } catch let refusal as ResultRefusal {
            throw DeliveryError("progression refusée par le centre : \(refusal.message)")
        } catch {
            throw DeliveryError("centre local : \(error)")
        }
    }

    public func transfer(number: String, code: String, surveillantCode: String,
                         terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        try await wrap {
            try await center.transfer(number: number, code: code, surveillantCode: surveillantCode, terminalId: terminalId)
        }
    }

    public func raiseAlert(_ report: AlertReport) async throws(DeliveryError) -> AlertReceipt {
        do {
            return try await center.raiseAlert(report)
        } catch let refusal as ResultRefusal {
            throw DeliveryError("signalement refusé par le centre : \(refusal.message)")
        } catch {
            throw DeliveryError("centre local : \(error)")
        }
    }

    public func pollPresence(_ request: PresenceRequest) async throws(DeliveryError) -> PresenceAnswer {
        do {
            return try await center.pollPresence(request)
        } catch let refusal as ResultRefusal {
            throw DeliveryError("attente refusée par le centre : \(refusal.message)")
        } catch {
            throw DeliveryError("centre local : \(error)")
        }
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
        case .attemptMoved: "cette épreuve a été reprise sur un autre poste : ce résultat ne compte pas"
        }
    }
}
