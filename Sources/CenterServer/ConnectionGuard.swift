import CenterWire
import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// First in the pipeline, on raw bytes: admits the connection under the cap (or answers 503 and
/// closes), and gives each request `requestReadTimeout` from its first byte to arrive whole, so a
/// client trickling a byte a second holds nothing for long. On the server's stop it closes the
/// connections whose request has not arrived yet: nothing was answered, the terminal retries.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limits: ServerLimits
    private let connections: OpenConnections
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var admitted = false
    private var refused = false
    private var requestInProgress = false
    private var readDeadline: Scheduled<Void>?

    init(limits: ServerLimits, connections: OpenConnections, logger: Logger) {
        self.limits = limits
        self.connections = connections
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { admit(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        leave()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        guard !refused else { return }
        // The first request's time starts at the connection: the clock runs on the event loop even
        // before anything is read (reads wait for the connection's task, which a busy pool delays).
        requestStarted()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        if !requestInProgress { requestStarted() }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, requestInProgress {
            logger.info("connexion fermée à l'arrêt : requête pas encore reçue en entier", metadata: client(context))
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// A request begins (its first byte, or a pipelined head already in the buffer).
    func requestStarted() {
        guard !requestInProgress, let context else { return }
        requestInProgress = true
        readDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(limits.requestReadTimeout)) { [self] in
            readTimedOut()
        }
    }

    /// The request has arrived whole: from here its time is the center's, not the client's.
    func requestArrived() {
        requestInProgress = false
        readDeadline?.cancel()
        readDeadline = nil
    }

    private func readTimedOut() {
        guard requestInProgress, let context else { return }
        logger.notice("connexion coupée : requête incomplète après \(limits.requestReadTimeout.components.seconds) s",
                      metadata: client(context))
        context.close(promise: nil)
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !admitted, !refused else { return }
        if connections.admit(limit: limits.maximumConnections) {
            admitted = true
            return
        }
        refused = true
        logger.notice("connexion refusée : \(limits.maximumConnections) connexions déjà ouvertes", metadata: client(context))
        let answer = Self.rawAnswer(status: .serviceUnavailable, body: CenterAPI.serverBusy)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: answer))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func leave() {
        requestArrived()
        if admitted {
            admitted = false
            connections.release()
        }
    }

    private func client(_ context: ChannelHandlerContext) -> Logger.Metadata {
        ["client": "\(context.channel.remoteAddress?.ipAddress ?? "inconnu")"]
    }

    /// A whole HTTP/1.1 answer as bytes, for a connection no HTTP handler will ever serve.
    static func rawAnswer(status: HTTPResponse.Status, body: ErrorBody) -> [UInt8] {
        let json = WireJSON.encode(body)
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(json.count)\r\nConnection: close\r\n"
        if let seconds = body.retryAfter { head += "Retry-After: \(seconds)\r\n" }
        return Array((head + "\r\n").utf8) + json
    }
}

/// Behind the HTTP parser: tells the guard when a request has arrived whole, and refuses a body
/// announced larger than the limit with 413 before reading any of it.
final class RequestWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let connectionGuard: ConnectionGuard
    private let maximumBodyBytes: Int
    private var refusing = false

    init(connectionGuard: ConnectionGuard, maximumBodyBytes: Int) {
        self.connectionGuard = connectionGuard
        self.maximumBodyBytes = maximumBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            connectionGuard.requestStarted()
            if let announced = head.headerFields[.contentLength].flatMap(Int.init), announced > maximumBodyBytes {
                refuseTooLarge(context)
                return
            }
        case .body:
            if refusing { return }
        case .end:
            connectionGuard.requestArrived()
            if refusing { return }
        }
        context.fireChannelRead(data)
    }

    private func refuseTooLarge(_ context: ChannelHandlerContext) {
        refusing = true
        connectionGuard.requestArrived()
        let json = WireJSON.encode(CenterAPI.payloadTooLarge(limit: maximumBodyBytes))
        let head = HTTPResponse(status: .contentTooLarge, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: "\(json.count)", .connection: "close"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: json))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
