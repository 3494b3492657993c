import Foundation
import Hummingbird
import Logging

/// One line per request once it is answered: method, path, status, time taken and client address,
/// so a head reading the log sees at once which terminal got a refusal and how slow the center was.
public struct AccessLogMiddleware: RouterMiddleware {
    public typealias Context = CenterRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: Int(response.status.code), since: start)
            return response
        } catch {
            let status = (error as? HTTPResponseError)?.status.code ?? 500
            log(request, context, status: Int(status), since: start)
            throw error
        }
    }

    func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        // The line and its metadata are made only when the level lets them out (autoclosures).
        func line() -> Logger.Message {
            "\(Self.line(method: request.method.rawValue, path: request.uri.path, status: status, elapsed: elapsed))"
        }
        let level: Logger.Level = status >= 500 ? .error : .info
        context.logger.log(level: level, line(), metadata: ["client": "\(context.clientAddress)"])
    }

    /// `POST /api/v1/attempts/a1/result 200 3.2 ms`
    static func line(method: String, path: String, status: Int, elapsed: Duration) -> String {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "\(method) \(path) \(status) \(String(format: "%.1f", milliseconds)) ms"
    }
}
