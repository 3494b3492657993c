import CenterWire
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import ServiceLifecycle

/// What keeps the center up when clients misbehave: slow senders are cut off, idle connections
/// closed, an oversized body refused from its Content-Length before it is read, connections past a
/// cap answered 503 at once, and a stop signal honoured within a few seconds whatever clients do.
public struct ServerLimits: Sendable {
    /// A request must arrive whole within this time of its first byte, the first request of a
    /// connection within this time of its opening (a byte a second is cut off).
    public var requestReadTimeout: Duration
    /// A connection with no request in progress is closed after this time.
    public var idleTimeout: Duration
    /// Connections open at once; the next ones get 503 `server-busy` and are closed.
    public var maximumConnections: Int
    /// The largest request body.
    public var maximumBodyBytes: Int
    /// After SIGTERM, requests in flight get this long to finish before the server is cancelled.
    public var gracefulShutdown: Duration

    public init(requestReadTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30),
                maximumConnections: Int = 1000, maximumBodyBytes: Int = CenterAPI.maximumBodyBytes,
                gracefulShutdown: Duration = .seconds(4)) {
        self.requestReadTimeout = requestReadTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.maximumBodyBytes = maximumBodyBytes
        self.gracefulShutdown = gracefulShutdown
    }

    public static let standard = ServerLimits()
}

/// The connections open right now, across event loops.
final class OpenConnections: Sendable {
    private let count = NIOLockedValueBox(0)

    func admit(limit: Int) -> Bool {
        count.withLockedValue { open in
            guard open < limit else { return false }
            open += 1
            return true
        }
    }

    func release() { count.withLockedValue { $0 -= 1 } }
}

/// HTTP/1.1 as Hummingbird's `HTTP1Channel` sets it up, with a `ConnectionGuard` in front of the
/// parser and a `RequestWatcher` behind it.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: ServerLimits
    let connections: OpenConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let connectionGuard = ConnectionGuard(limits: limits, connections: connections, logger: logger)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(connectionGuard)
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: .init())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(RequestWatcher(connectionGuard: connectionGuard, maximumBodyBytes: limits.maximumBodyBytes))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: limits.idleTimeout, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

extension CenterAPI {
    /// Runs the application until SIGTERM or SIGINT; requests in flight get `limits.gracefulShutdown`
    /// to finish, then whatever is left (a slow upload, a stuck client) is cancelled.
    public static func runUntilSignalled(_ app: some ApplicationProtocol, limits: ServerLimits = .standard, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = limits.gracefulShutdown
        configuration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// The 413 answer, the same whether refused from Content-Length or while reading the body.
    static func payloadTooLarge(limit: Int) -> ErrorBody {
        ErrorBody(error: .payloadTooLarge, message: "Corps de requête trop gros (\(limit / 1024) Kio au plus).")
    }

    /// The 503 answer written to a connection past the cap, before any request is read.
    static let serverBusy = ErrorBody(
        error: .serverBusy, message: "Le centre reçoit trop de connexions à la fois : le terminal réessaiera dans quelques secondes.",
        retryAfter: 5)
}
