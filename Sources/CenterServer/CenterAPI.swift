import ExamKit
import ExamStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The center's HTTP API (DESIGN §8) over the center store.
public enum CenterAPI {
    /// Bodies above this are refused with 413: a 20-question envelope is about 3 KB.
    public static let maximumBodyBytes = 64 * 1024

    public static func router(center: Center) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LogRequestsMiddleware(.info))
        addRoutes(to: router, center: center)
        return router
    }

    /// The routes alone, so a test can put its own middleware (faults) in front of them.
    public static func addRoutes(to router: Router<BasicRequestContext>, center: Center) {
        let api = router.group("api/v1")

        api.get("health") { _, _ in
            json(["status": "ok"], status: .ok)
        }

        api.get("sessions/:number") { _, context in
            let number = try context.parameters.require("number")
            guard let info = try center.lookUp(number: number) else {
                return json(["error": "épreuve inconnue"], status: .notFound)
            }
            return encode(info, status: .ok)
        }

        api.post("sessions/:number/login") { request, context in
            let number = try context.parameters.require("number")
            var request = request
            let body = try await request.collectBody(upTo: maximumBodyBytes)
            guard let login = try? JSONDecoder().decode(LoginRequest.self, from: Data(buffer: body)) else {
                return json(["error": "corps attendu : {\"code\": \"…\", \"terminalId\": \"…\"}"], status: .badRequest)
            }
            let terminalId = login.terminalId ?? request.headers[HTTPField.Name("X-Terminal-Id")!] ?? "inconnu"
            switch try center.login(number: number, code: login.code, terminalId: terminalId) {
            case let .success(package):
                context.logger.info("login", metadata: ["exam": "\(number)", "terminal": "\(terminalId)", "attempt": "\(package.attemptId)"])
                return encode(package, status: .ok)
            case let .failure(refusal):
                context.logger.notice("login refused", metadata: ["exam": "\(number)", "terminal": "\(terminalId)", "reason": "\(refusal)"])
                return refusalResponse(refusal)
            }
        }

        api.post("results") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: maximumBodyBytes)
            guard let envelope = try? JSONDecoder().decode(ResultEnvelope.self, from: Data(buffer: body)) else {
                return json(["error": "enveloppe de résultat illisible"], status: .badRequest)
            }
            if let key = request.headers[HTTPField.Name("Idempotency-Key")!], key != envelope.attemptId {
                return json(["error": "Idempotency-Key différent de attemptId"], status: .badRequest)
            }
            let outcome = try center.storeResult(envelope)
            context.logger.info("result", metadata: ["attempt": "\(envelope.attemptId)", "exam": "\(envelope.examNumber)", "outcome": "\(outcome)"])
            switch outcome {
            case let .success(receipt):
                switch receipt {
                case .stored: return encode(receipt, status: .created)
                case .alreadyStored: return encode(receipt, status: .ok)
                }
            case let .failure(refusal):
                switch refusal {
                case let .invalid(reason): return json(["error": reason], status: .badRequest)
                case .badMac: return json(["error": "signature invalide"], status: .unauthorized)
                case .conflict: return json(["error": "autre contenu pour cette tentative"], status: .conflict)
                }
            }
        }
    }

    public struct LoginRequest: Codable, Sendable {
        public var code: String
        public var terminalId: String?

        public init(code: String, terminalId: String?) {
            self.code = code
            self.terminalId = terminalId
        }
    }

    /// The refusal travels as JSON so the terminal can show the right sentence.
    static func refusalResponse(_ refusal: LoginRefusal) -> Response {
        var response = encode(refusal, status: status(for: refusal))
        if case let .locked(seconds) = refusal { response.headers[.retryAfter] = "\(seconds)" }
        return response
    }

    static func status(for refusal: LoginRefusal) -> HTTPResponse.Status {
        switch refusal {
        case .unknownSession: .notFound
        case .notActive, .alreadyTaken: .conflict
        case .wrongCode: .unauthorized
        case .locked: .tooManyRequests
        }
    }

    static func encode(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        encode(object, status: status)
    }

    /// The application, ready to run; `onRunning` receives the bound port (useful with port 0).
    public static func application(
        center: Center, host: String, port: Int, logger: Logger, router: Router<BasicRequestContext>? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router ?? Self.router(center: center),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "epreuve-center"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
