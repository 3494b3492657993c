import CenterService
import CenterWire
import ExamKit
import Foundation
import HTTPTypes
import NIOCore
import Hummingbird

extension CenterAPI {
    /// Runs a handler body; refusals thrown as `ErrorBody` and failures of the center become JSON
    /// error answers (docs/api.md), never Hummingbird's bare pages.
    static func answering(_ context: CenterRequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let refusal as ErrorBody {
            return failure(refusal)
        } catch let refusal as ResultRefusal {
            return failure(ErrorBody(refusal))
        } catch let error as CenterError {
            context.logger.error("center error", metadata: ["error": "\(error.message)"])
            return failure(ErrorBody(error: .internalError, message: "Erreur du centre : \(error.message)"))
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return failure(ErrorBody(error: .internalError, message: "Erreur interne du centre."))
        }
    }

    /// The request body, read up to the limit and decoded strictly.
    static func body<T: Codable>(_ type: T.Type, of request: Request) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBodyBytes)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw payloadTooLarge(limit: maximumBodyBytes)
        }
        return try WireJSON.decodeRequest(type, from: Data(buffer: buffer))
    }

    static func respond(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: WireJSON.encode(value))))
    }

    static func failure(_ body: ErrorBody) -> Response {
        var response = respond(body, status: HTTPResponse.Status(code: body.error.httpStatus))
        if let seconds = body.retryAfter { response.headers[.retryAfter] = "\(seconds)" }
        return response
    }
}

/// The request context of the center: the client's address counts in the throttles, whatever
/// terminal id the client sends about itself.
public struct CenterRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or « inconnue » (a Unix socket, a test without a channel).
    var clientAddress: String { remoteAddress?.ipAddress ?? "inconnue" }
}
