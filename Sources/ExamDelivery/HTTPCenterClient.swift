import CenterWire
import ExamKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The center over HTTP (DESIGN §8), for `epreuve --center URL`.
public struct HTTPCenterClient: CenterClient {
    public let baseURL: URL
    let session: URLSession

    /// `timeout` bounds each request: a center that does not answer is a failed try, retried later.
    public init(baseURL: URL, timeout: TimeInterval = 10) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 4
        session = URLSession(configuration: configuration)
    }

    public func session(number: String) async throws(DeliveryError) -> SessionInfo? {
        let (data, status) = try await send("GET", "api/v1/sessions/\(number)")
        switch status {
        case 200: return try converted { try decode(SessionInfoBody.self, data).sessionInfo() }
        case 404: return nil
        default: throw unexpected(status, data)
        }
    }

    public func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        let body = WireJSON.encode(LoginRequest(code: code, terminalId: terminalId))
        let (data, status) = try await send("POST", "api/v1/sessions/\(number)/login", body: body, headers: ["X-Terminal-Id": terminalId])
        switch status {
        case 200: return .success(try converted { try decode(LoginResponse.self, data).examPackage() })
        case 401, 404, 409, 429:
            guard let refusal = try converted({ try decode(ErrorBody.self, data).loginRefusal() }) else { throw unexpected(status, data) }
            return .failure(refusal)
        default: throw unexpected(status, data)
        }
    }

    public func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal> {
        let body = WireJSON.encode(envelope)
        let (data, status) = try await send("POST", "api/v1/results", body: body, headers: ["Idempotency-Key": envelope.attemptId])
        switch status {
        case 201, 200: return .success(try converted { try decode(ResultReceiptBody.self, data).receipt() })
        case 401: return .failure(.badMac)
        case 409: return .failure(.conflict)
        // Any 400 refuses this envelope as sent (malformed, mismatching key or invalid content).
        case 400: return .failure(.invalid(errorBody(data)?.message ?? "requête refusée"))
        default: throw unexpected(status, data)
        }
    }

    public func health() async throws(DeliveryError) -> Bool {
        try await send("GET", "api/v1/health").1 == 200
    }

    private func send(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws(DeliveryError) -> (Data, Int) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: request)
            return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
        } catch {
            throw DeliveryError("centre injoignable (\(baseURL.absoluteString)) : \(error.localizedDescription)")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try WireJSON.decodeResponse(type, from: data)
    }

    /// Decoding and conversion failures are the center answering nonsense: a failed try.
    private func converted<T>(_ body: () throws -> T) throws(DeliveryError) -> T {
        do {
            return try body()
        } catch {
            throw DeliveryError("réponse illisible du centre")
        }
    }

    private func errorBody(_ data: Data) -> ErrorBody? {
        try? decode(ErrorBody.self, data)
    }

    private func unexpected(_ status: Int, _ data: Data) -> DeliveryError {
        DeliveryError("le centre a répondu \(status) (\(errorBody(data)?.message ?? "requête refusée"))")
    }
}
