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
        case 409: return .failure(errorBody(data)?.resultRefusal ?? .conflict)
        // Any 400 refuses this envelope as sent (malformed, mismatching key or invalid content).
        case 400: return .failure(.invalid(errorBody(data)?.message ?? "requête refusée"))
        default: throw unexpected(status, data)
        }
    }

    public func checkSurveillantCode(number: String, code: String, terminalId: String) async throws(DeliveryError) -> SurveillantCheck {
        let body = WireJSON.encode(SurveillantRequest(code: code, terminalId: terminalId))
        let (data, status) = try await send("POST", "api/v1/sessions/\(number)/surveillant", body: body)
        switch status {
        case 200: return .accepted
        case 401: return .wrongCode
        case 404: return .unknownSession
        case 429: return .locked(seconds: errorBody(data)?.retryAfter ?? 60)
        default: throw unexpected(status, data)
        }
    }

    public func reportProgress(_ report: ProgressReport) async throws(DeliveryError) -> ProgressReceipt {
        let body = WireJSON.encode(ProgressRequest(report))
        let (data, status) = try await send("POST", "api/v1/attempts/\(report.attemptId)/progress", body: body)
        switch status {
        case 200: return .recorded(surveillantCheck: try converted { try decode(ProgressResponse.self, data).surveillantCheck?.slowCodeHash })
        case 404: return .unknownAttempt
        case 409: return .moved
        default: throw unexpected(status, data)
        }
    }

    public func transfer(number: String, code: String, surveillantCode: String,
                         terminalId: String) async throws(DeliveryError) -> Result<ExamPackage, LoginRefusal> {
        let body = WireJSON.encode(TransferRequest(code: code, surveillantCode: surveillantCode, terminalId: terminalId))
        let (data, status) = try await send("POST", "api/v1/sessions/\(number)/transfer", body: body)
        switch status {
        case 200: return .success(try converted { try decode(LoginResponse.self, data).examPackage() })
        case 401, 404, 409, 429:
            guard let refusal = try converted({ try decode(ErrorBody.self, data).loginRefusal() }) else { throw unexpected(status, data) }
            return .failure(refusal)
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
            throw DeliveryError("centre injoignable (\(baseURL.absoluteString)) : \(Self.reason(error))")
        }
    }

    /// What went wrong on the network, in French (the system's own text is English).
    static func reason(_ error: any Error) -> String {
        switch (error as? URLError)?.code {
        case .timedOut?: "le centre n'a pas répondu à temps"
        case .cannotConnectToHost?: "connexion refusée (le centre est-il démarré ?)"
        case .cannotFindHost?, .dnsLookupFailed?: "nom de serveur inconnu"
        case .networkConnectionLost?: "connexion interrompue"
        case .notConnectedToInternet?: "pas de réseau sur ce poste"
        case .serverCertificateUntrusted?, .serverCertificateHasBadDate?, .serverCertificateHasUnknownRoot?,
             .serverCertificateNotYetValid?, .secureConnectionFailed?:
            "connexion sécurisée impossible (certificat du centre non reconnu : voir l'option --ca)"
        case .badServerResponse?, .cannotParseResponse?: "réponse invalide"
        default: "erreur de réseau"
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
