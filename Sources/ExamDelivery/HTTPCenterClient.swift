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
        case 200: return try decode(SessionInfo.self, data)
        case 404: return nil
        default: throw unexpected(status, data)
        }
    }

    public func login(number: String, code: String, terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        let body = try? JSONEncoder().encode(["code": code, "terminalId": terminalId])
        let (data, status) = try await send("POST", "api/v1/sessions/\(number)/login", body: body, headers: ["X-Terminal-Id": terminalId])
        switch status {
        case 200: return .success(try decode(ExamPackage.self, data))
        case 401, 404, 409, 429: return .failure(try decode(LoginRefusal.self, data))
        default: throw unexpected(status, data)
        }
    }

    public func submit(_ envelope: ResultEnvelope) async throws(DeliveryError) -> Result<ResultReceipt, ResultRefusal> {
        let body = try? JSONEncoder().encode(envelope)
        let (data, status) = try await send("POST", "api/v1/results", body: body, headers: ["Idempotency-Key": envelope.attemptId])
        switch status {
        case 201, 200: return .success(try decode(ResultReceipt.self, data))
        case 401: return .failure(.badMac)
        case 409: return .failure(.conflict)
        case 400: return .failure(.invalid(errorText(data)))
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

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(DeliveryError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw DeliveryError("réponse illisible du centre")
        }
    }

    private func errorText(_ data: Data) -> String {
        (try? JSONDecoder().decode([String: String].self, from: data))?["error"] ?? "requête refusée"
    }

    private func unexpected(_ status: Int, _ data: Data) -> DeliveryError {
        DeliveryError("le centre a répondu \(status) (\(errorText(data)))")
    }
}
