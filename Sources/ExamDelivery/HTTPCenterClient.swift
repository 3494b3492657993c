import AsyncHTTPClient
import CenterWire
import ExamKit
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The center over HTTP or HTTPS (DESIGN §8, §11), for `epreuve --center URL [--ca FILE]`.
public struct HTTPCenterClient: CenterClient {
    public let baseURL: URL
    let timeout: TimeAmount
    let client: HTTPClient

    /// `timeout` bounds each request: a center that does not answer is a failed try, retried later.
    /// `connections`: how many the client keeps open to the center (a terminal needs one; a load
    /// generator many).
    public init(baseURL: URL, timeout: TimeInterval = 10, connections: Int = 16) {
        self.baseURL = baseURL
        self.timeout = .milliseconds(Int64(timeout * 1000))
        client = Self.client(tls: TLSConfiguration.makeClientConfiguration(), authority: "", timeout: self.timeout, connections: connections)
    }

    /// `certificateAuthority` (PEM) is trusted for an `https` center whose certificate the school made
    /// itself, besides the system's authorities.
    public init(baseURL: URL, timeout: TimeInterval = 10, certificateAuthority: String?) throws(DeliveryError) {
        self.baseURL = baseURL
        self.timeout = .milliseconds(Int64(timeout * 1000))
        var tls = TLSConfiguration.makeClientConfiguration()
        if let certificateAuthority {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(certificateAuthority)
            } catch {
                throw DeliveryError("\(certificateAuthority) : certificat illisible (fichier PEM attendu)")
            }
            guard !certificates.isEmpty else { throw DeliveryError("\(certificateAuthority) : aucun certificat dans le fichier") }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        client = Self.client(tls: tls, authority: certificateAuthority ?? "", timeout: self.timeout)
    }

    /// One client per trusted authority for the whole process: its connections are reused, and it is
    /// never shut down while requests may still come.
    private static let clients = Mutex<[String: HTTPClient]>([:])

    private static func client(tls: TLSConfiguration, authority: String, timeout: TimeAmount, connections: Int = 16) -> HTTPClient {
        let key = "\(authority) \(timeout.nanoseconds) \(connections)"
        if let known = clients.withLock({ $0[key] }) { return known }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        // Waiting for a connection counts against the connection timeout: the same bound as a request.
        configuration.timeout = .init(connect: timeout, read: timeout)
        // A terminal sends one request at a time; tools and tests sending many at once get more connections.
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let made = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        return clients.withLock { clients in
            if let raced = clients[key] {
                try? made.syncShutdown()
                return raced
            }
            clients[key] = made
            return made
        }
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
        let body = envelope.wireJSON()
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
        case 200:
            let answer = try converted { try decode(ProgressResponse.self, data) }
            return .recorded(surveillantCheck: answer.surveillantCheck?.slowCodeHash, stopReason: answer.stopReason)
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

    public func raiseAlert(_ report: AlertReport) async throws(DeliveryError) -> AlertReceipt {
        let body = WireJSON.encode(AlertRequest(report))
        let (data, status) = try await send("POST", "api/v1/attempts/\(report.attemptId)/alerts", body: body)
        switch status {
        case 201, 200: return .received
        case 404: return .unknownAttempt
        case 409: return .moved
        default: throw unexpected(status, data)
        }
    }

    public func pollPresence(_ request: PresenceRequest) async throws(DeliveryError) -> PresenceAnswer {
        let body = WireJSON.encode(PresenceRequestBody(request))
        let (data, status) = try await send("POST", "api/v1/attempts/\(request.attemptId)/presence", body: body)
        switch status {
        case 200:
            switch try converted({ try decode(PresenceResponse.self, data).status }) {
            case .confirmed: return .confirmed
            case .waiting: return .waiting
            }
        case 404: return .unknownAttempt
        case 409: return .moved
        default: throw unexpected(status, data)
        }
    }

    public func health() async throws(DeliveryError) -> Bool {
        try await send("GET", "api/v1/health").1 == 200
    }

    /// Answers are small: anything larger is not from a center.
    static let maximumAnswerBytes = 4 * 1024 * 1024

    private func send(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws(DeliveryError) -> (Data, Int) {
        var request = HTTPClientRequest(url: baseURL.appendingPathComponent(path).absoluteString)
        request.method = HTTPMethod(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let data = try await response.body.collect(upTo: Self.maximumAnswerBytes)
            return (Data(buffer: data), Int(response.status.code))
        } catch {
            throw DeliveryError("centre injoignable (\(baseURL.absoluteString)) : \(Self.reason(error))")
        }
    }

    /// What went wrong on the network, in French (the libraries' own texts are English).
    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .readTimeout, .deadlineExceeded, .writeTimeout, .getConnectionFromPoolTimeout:
                return "le centre n'a pas répondu à temps"
            case .remoteConnectionClosed, .cancelled: return "connexion interrompue"
            default: return "erreur de réseau"
            }
        }
        if error is NIOSSLError || error is BoringSSLError {
            return "connexion sécurisée impossible (certificat du centre non reconnu : voir l'option --ca)"
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAAAAError != nil || error.dnsAError != nil { return "nom de serveur inconnu" }
            return "connexion refusée (le centre est-il démarré ?)"
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return "connexion refusée (le centre est-il démarré ?)" }
        if error is ChannelError { return "connexion interrompue" }
        return "erreur de réseau"
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
