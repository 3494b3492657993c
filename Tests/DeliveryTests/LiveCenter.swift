import CenterServer
import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

/// A mini catalog: 2 themes × 4 questions, a 4-question profile.
enum DeliveryFixtures {
    static var catalog: Catalog {
        let themes = ["circulation", "vitesse"]
        let questions = themes.flatMap { theme in
            (1...4).map { n in
                Question(id: "d-\(theme)-\(n)", theme: theme, competence: "c", prompt: "\(theme) \(n) ?",
                         choices: ["a", "b", "c"], answer: n.isMultiple(of: 2) ? [0, 2] : [1], explanation: "e")
            }
        }
        let profile = Profile(id: "ASSR1", title: "Mini", bank: "mini", questionCount: 4, answerSeconds: 45,
                              extraTimeAnswerSeconds: 60, passMark: 2, quotas: ["circulation": 2, "vitesse": 2])
        return Catalog(themes: themes.map { Theme(id: $0, label: $0) }, profiles: [profile],
                       banks: ["mini": Bank(id: "mini", questions: questions)], digest: "d")
    }

    /// A center with `count` candidates and one active exam; returns the codes.
    static func center(candidates count: Int = 3) async throws -> (CenterService, number: String, codes: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString)/center.sqlite").path
        let center = CenterService(repository: try SQLiteCenterRepository(path: path), catalog: catalog, clock: SystemWallClock(), surveillantHashCost: 1 << 10)
        _ = try await center.importCandidates((0..<count).map { n in
            CandidateImport.Row(line: n + 2, ine: nil, lastName: "Nom\(n)", firstName: "Prénom\(n)", birthDate: "2013-01-01",
                                className: "5A", sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
        })
        let created = try await center.createSession(CenterService.SessionRequest(
            kind: .examen, profileId: "ASSR1", name: "Livraison", startsAt: Date().addingTimeInterval(-60)))
        surveillantCodes.withLock { $0[created.session.number] = created.surveillantCode }
        return (center, created.session.number, created.codes.map(\.code))
    }

    /// The surveillant code of each session made by `center(candidates:)`.
    static let surveillantCodes = Mutex<[String: String]>([:])

    /// A terminal store holding one finished attempt of `package` (all answers "B"), in its outbox.
    /// `terminalId` is the one the package was obtained with: a result counts from that terminal only.
    static func finishedAttempt(_ package: ExamPackage, terminalId: String) throws -> TerminalStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("terminal-\(UUID().uuidString)/terminal.sqlite").path
        let store = try TerminalStore(path: path)
        try store.beginAttempt(package, terminalId: terminalId)
        let snapshot = AttemptSnapshot(index: package.questions.count - 1, phase: .finished, remainingMs: nil,
                                       selections: package.questions.map { _ in [1] }, timeUsedMs: package.questions.map { _ in 1000 })
        try store.journal(attemptId: package.attemptId, event: .finished, snapshot: snapshot)
        return store
    }
}

/// What the fault middleware does to the next result submissions.
enum Fault: Sendable {
    case status500
    /// Answers only after this many seconds (the client has given up by then); the result is stored.
    case slow(seconds: Double)
    /// Stores the result, then answers 500 as if the acknowledgement were lost on the way.
    case lostAcknowledgement
}

final class FaultQueue: Sendable {
    let faults: Mutex<[Fault]>
    init(_ faults: [Fault]) { self.faults = Mutex(faults) }
}

struct FaultMiddleware: RouterMiddleware {
    typealias Context = CenterRequestContext
    let queue: FaultQueue

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasSuffix("/results") else { return try await next(request, context) }
        let fault: Fault? = queue.faults.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch fault {
        case nil: return try await next(request, context)
        case .status500: return Response(status: .internalServerError)
        case let .slow(seconds):
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return try await next(request, context)
        case .lostAcknowledgement:
            _ = try await next(request, context)
            return Response(status: .internalServerError)
        }
    }
}

/// A real center on a free loopback port, for one test.
final class LiveCenter: Sendable {
    let port: Int
    let faults: FaultMiddleware
    private let task: Task<Void, any Error>

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The client timeout of tests about outcomes, not time: the whole suite runs in parallel on 2
    /// cores, where documents and code hashes keep the cooperative pool busy for seconds at a time.
    static let patientTimeout: TimeInterval = 60

    /// A client of this center for tests about outcomes (see `patientTimeout`).
    func client() -> HTTPCenterClient { HTTPCenterClient(baseURL: url, timeout: Self.patientTimeout) }

    private init(port: Int, faults: FaultMiddleware, task: Task<Void, any Error>) {
        self.port = port
        self.faults = faults
        self.task = task
    }

    static func start(_ center: CenterService, faults: [Fault] = [], limits: ServerLimits = .standard) async throws -> LiveCenter {
        let middleware = FaultMiddleware(queue: FaultQueue(faults))
        let router = Router(context: CenterRequestContext.self)
        router.add(middleware: middleware)
        CenterAPI.addRoutes(to: router, service: center)
        var logger = Logger(label: "test-center")
        // Cancelling the server at the end of a test logs a harmless shutdown error.
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try CenterAPI.application(service: center, host: "127.0.0.1", port: 0, logger: logger, router: router, limits: limits) { port in
            continuation.yield(port)
        }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return LiveCenter(port: port, faults: middleware, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// Accepts connections and closes them as soon as a request starts arriving.
final class ClosingServer: @unchecked Sendable {
    let port: Int
    private let socketDescriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        listen(descriptor, 16)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        socketDescriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread {
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 64)
                _ = recv(client, &buffer, 64, 0)
                close(client)
            }
        }
    }

    deinit {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        close(socketDescriptor)
    }
}
