import CenterService
import CenterWire
import ExamKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging

/// The center's HTTP API (DESIGN §8, docs/api.md) over the center service. Handlers only await
/// the service: nothing here blocks a thread of the cooperative pool.
public enum CenterAPI {
    /// Bodies above this are refused with 413: a 20-question envelope is about 3 KB.
    public static let maximumBodyBytes = 64 * 1024

    public static func router(service: CenterService) -> Router<CenterRequestContext> {
        let router = Router(context: CenterRequestContext.self)
        router.add(middleware: AccessLogMiddleware())
        addRoutes(to: router, service: service)
        return router
    }

    /// The routes alone, so a test can put its own middleware (faults) in front of them.
    public static func addRoutes(to router: Router<CenterRequestContext>, service: CenterService) {
        let api = router.group("api/v1")

        api.get("health") { _, _ in
            respond(HealthResponse(), status: .ok)
        }

        api.get("sessions/:number") { _, context in
            let number = try context.parameters.require("number")
            return await answering(context) {
                guard let info = try await service.lookUp(number: number) else { return failure(ErrorBody(LoginRefusal.unknownSession)) }
                return respond(SessionInfoBody(info), status: .ok)
            }
        }

        api.post("sessions/:number/login") { request, context in
            let number = try context.parameters.require("number")
            return await answering(context) {
                let login = try await body(LoginRequest.self, of: request)
                let terminalId = login.terminalId ?? request.headers[terminalIdHeader] ?? "inconnu"
                switch try await service.login(number: number, code: login.code, terminalId: terminalId,
                                               address: context.clientAddress) {
                case let .success(package):
                    context.logger.info("login", metadata: ["exam": "\(number)", "terminal": "\(terminalId)", "attempt": "\(package.attemptId)"])
                    return respond(LoginResponse(package), status: .ok)
                case let .failure(refusal):
                    context.logger.notice("login refused", metadata: ["exam": "\(number)", "terminal": "\(terminalId)", "reason": "\(refusal)"])
                    return failure(ErrorBody(refusal))
                }
            }
        }

        api.post("sessions/:number/surveillant") { request, context in
            let number = try context.parameters.require("number")
            return await answering(context) {
                let check = try await body(SurveillantRequest.self, of: request)
                let outcome = try await service.checkSurveillantCode(number: number, code: check.code, terminalId: check.terminalId,
                                                                     address: context.clientAddress)
                context.logger.info("surveillant code", metadata: ["exam": "\(number)", "terminal": "\(check.terminalId)", "outcome": "\(outcome)"])
                switch outcome {
                case .accepted: return respond(SurveillantResponse(), status: .ok)
                case .wrongCode: return failure(ErrorBody(LoginRefusal.surveillantCodeWrong))
                case let .locked(seconds): return failure(ErrorBody(LoginRefusal.locked(seconds: seconds)))
                case .unknownSession: return failure(ErrorBody(LoginRefusal.unknownSession))
                }
            }
        }

        api.post("sessions/:number/transfer") { request, context in
            let number = try context.parameters.require("number")
            return await answering(context) {
                let transfer = try await body(TransferRequest.self, of: request)
                let outcome = try await service.transfer(number: number, code: transfer.code, surveillantCode: transfer.surveillantCode,
                                                         terminalId: transfer.terminalId, address: context.clientAddress)
                switch outcome {
                case let .success(package):
                    context.logger.info("transfer", metadata: ["exam": "\(number)", "terminal": "\(transfer.terminalId)", "attempt": "\(package.attemptId)"])
                    return respond(LoginResponse(package), status: .ok)
                case let .failure(refusal):
                    context.logger.notice("transfer refused", metadata: ["exam": "\(number)", "terminal": "\(transfer.terminalId)", "reason": "\(refusal)"])
                    return failure(ErrorBody(refusal))
                }
            }
        }

        api.post("attempts/:attempt/progress") { request, context in
            let attemptId = try context.parameters.require("attempt")
            return await answering(context) {
                let progress = try await body(ProgressRequest.self, of: request)
                switch try await service.recordProgress(progress.report(attemptId: attemptId)) {
                case let .recorded(check, stopReason):
                    return respond(ProgressResponse(surveillantCheck: check.map(SlowCodeHashBody.init), stopReason: stopReason), status: .ok)
                case .moved:
                    return failure(ErrorBody(ResultRefusal.attemptMoved))
                case .unknownAttempt:
                    return failure(ErrorBody(error: .attemptUnknown, message: "Tentative inconnue de ce centre."))
                }
            }
        }

        api.post("attempts/:attempt/alerts") { request, context in
            let attemptId = try context.parameters.require("attempt")
            return await answering(context) {
                let alert = try await body(AlertRequest.self, of: request)
                switch try await service.raiseAlert(alert.report(attemptId: attemptId)) {
                case .received:
                    context.logger.info("alert", metadata: ["attempt": "\(attemptId)", "question": "\(alert.position)", "kind": "\(alert.kind)"])
                    return respond(AlertResponse(), status: .created)
                case .moved: return failure(ErrorBody(ResultRefusal.attemptMoved))
                case .unknownAttempt: return failure(ErrorBody(error: .attemptUnknown, message: "Tentative inconnue de ce centre."))
                }
            }
        }

        api.post("attempts/:attempt/presence") { request, context in
            let attemptId = try context.parameters.require("attempt")
            return await answering(context) {
                let poll = try await body(PresenceRequestBody.self, of: request)
                switch try await service.pollPresence(poll.request(attemptId: attemptId)) {
                case .confirmed: return respond(PresenceResponse(status: .confirmed), status: .ok)
                case .waiting: return respond(PresenceResponse(status: .waiting), status: .ok)
                case .moved: return failure(ErrorBody(ResultRefusal.attemptMoved))
                case .unknownAttempt: return failure(ErrorBody(error: .attemptUnknown, message: "Tentative inconnue de ce centre."))
                }
            }
        }

        api.post("results") { request, context in
            await answering(context) {
                let envelope = try await body(ResultRequest.self, of: request)
                if let key = request.headers[idempotencyKeyHeader], key != envelope.attemptId {
                    throw ErrorBody(error: .idempotencyKeyMismatch, message: "L'en-tête Idempotency-Key diffère de attemptId.")
                }
                let outcome = try await service.storeResult(envelope)
                context.logger.info("result", metadata: ["attempt": "\(envelope.attemptId)", "exam": "\(envelope.examNumber)", "outcome": "\(outcome)"])
                switch outcome {
                case let .success(receipt):
                    return respond(ResultReceiptBody(receipt), status: receipt == .alreadyStored ? .ok : .created)
                case let .failure(refusal):
                    return failure(ErrorBody(refusal))
                }
            }
        }
    }

    static let terminalIdHeader = HTTPField.Name("X-Terminal-Id")!
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!

    /// The application, ready to run; `onRunning` receives the bound port (useful with port 0).
    /// With `tls`, the API is served over HTTPS only.
    public static func application(
        service: CenterService, host: String, port: Int, logger: Logger, router: Router<CenterRequestContext>? = nil,
        tls: TLSConfiguration? = nil, limits: ServerLimits = .standard, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let connections = OpenConnections()
        let http1 = HTTPServerBuilder { responder in GuardedHTTP1Channel(responder: responder, limits: limits, connections: connections) }
        return Application(
            router: router ?? Self.router(service: service),
            server: try tls.map { try .tls(http1, tlsConfiguration: $0) } ?? http1,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "epreuve-center"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// The server side of TLS from PEM files (a certificate chain and its private key); a file that
    /// cannot be read is one French line naming it.
    public static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw CenterError("\(certificate) : certificat illisible (fichier PEM attendu)")
        }
        guard !chain.isEmpty else { throw CenterError("\(certificate) : aucun certificat dans le fichier") }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw CenterError("\(key) : clé privée illisible (fichier PEM attendu, sans mot de passe)")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
    }
}
