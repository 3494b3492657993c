// Delivery benchmark: run with `swift run -c release epreuve-delivery-bench [--database URL]`.
// Results stored per second by a real center on loopback with 32 concurrent HTTP clients (p50 / p99
// latency), on SQLite and, with `--database`, on that PostgreSQL database in the same run; and the
// time to journal one answer on a terminal (p50 / p99).
import BenchmarkSupport
import CenterPostgres
import CenterServer
import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Logging

let clients = 32
/// The value after `option` on the command line.
func argument(after option: String) -> String? {
    CommandLine.arguments.firstIndex(of: option).flatMap {
        CommandLine.arguments.indices.contains($0 + 1) ? CommandLine.arguments[$0 + 1] : nil
    }
}

/// `--par-client N`: results each client sends (default 20).
let resultsPerClient = argument(after: "--par-client").flatMap { Int($0) } ?? 20
let journalWrites = 2000

func line(_ label: String, _ value: String) { printLine(label, value, width: 44) }

let themes = ["circulation", "vitesse"]
let questions = themes.flatMap { theme in
    (1...15).map { Question(id: "b-\(theme)-\($0)", theme: theme, competence: "c", prompt: "\(theme) \($0)", choices: ["a", "b", "c"], answer: [1], explanation: "e") }
}
let catalog = Catalog(
    themes: themes.map { Theme(id: $0, label: $0) },
    profiles: [Profile(id: "ASSR1", title: "Bench", bank: "bench", questionCount: 20, answerSeconds: 45, extraTimeAnswerSeconds: 60,
                       passMark: 10, quotas: ["circulation": 10, "vitesse": 10])],
    banks: ["bench": Bank(id: "bench", questions: questions)], digest: "bench")
let root = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }
let total = clients * resultsPerClient

/// `--database URL`: the same run on that PostgreSQL database too, side by side with SQLite.
let databaseURL = argument(after: "--database")

struct Measure {
    let rate: Double
    /// CPU seconds per wall second during the results (2 = both cores busy).
    let cores: Double
    let p50: Double
    let p99: Double
    let p90: Double
    let worst: Double
    let center: CenterService
    let firstCandidate: String
}

/// `clients + total` candidates in a new exam, each logged in once, then every result sent over HTTP by
/// `clients` concurrent clients to a center on `repository`. Each client's first result is sent before
/// the clock starts: it opens the client's connection and fills the center's caches (prepared
/// statements of each reader, decoded session columns), which a center serving all day has done
/// long before; only the `total` results after it are timed.
func measure(_ repository: any CenterRepository) async throws -> Measure {
    let center = CenterService(repository: repository, catalog: catalog, clock: SystemWallClock())
    // Candidates of this run only, so a database used before changes nothing.
    let run = UUID().uuidString.prefix(8)
    let ids = (0..<clients + total).map { "B\(run)\($0)" }
    _ = try await center.importCandidates(ids.enumerated().map {
        CandidateImport.Row(line: $0, ine: $1, lastName: "Nom\($0)", firstName: "P", birthDate: "2013-01-01", className: "5A",
                            sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
    })
    let created = try await center.createSession(CenterService.SessionRequest(
        kind: .examen, profileId: "ASSR1", name: "Bench", startsAt: Date().addingTimeInterval(-60), selection: .ids(ids)))
    var envelopes: [ResultEnvelope] = []
    for (_, code) in created.codes {
        let package = try await center.login(number: created.session.number, code: code, terminalId: "bench").get()
        let answers = package.questions.enumerated().map { ResultEnvelope.Answer(position: $0 + 1, questionId: $1.id, selected: ["B"], timeUsedMs: 3000) }
        envelopes.append(ResultEnvelope(attemptId: package.attemptId, examNumber: package.session.number, candidateId: package.candidateId,
                                        terminalId: "bench", bank: "bench", extraTime: false, startedAt: Date(), finishedAt: Date(),
                                        questions: answers, contentDigest: "bench").signed(key: package.resultKey))
    }
    let submitted = envelopes

    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try CenterAPI.application(service: center, host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
    let server = Task { try await app.runService(gracefulShutdownSignals: []) }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { fatalError("the server did not start") }
    let client = HTTPCenterClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, connections: clients)
    await withTaskGroup(of: Void.self) { group in
        for worker in 0..<clients {
            group.addTask {
                guard case .success(.stored)? = try? await client.submit(submitted[worker]) else { fatalError("warm-up not stored") }
            }
        }
    }

    let start = ContinuousClock.now
    let cpuAtStart = ProcessUsage.cpuSeconds()
    let latencies = await withTaskGroup(of: [Double].self) { group in
        for worker in 0..<clients {
            group.addTask {
                var times: [Double] = []
                for index in stride(from: clients + worker, to: clients + total, by: clients) {
                    let begin = ContinuousClock.now
                    let outcome = try? await client.submit(submitted[index])
                    guard case .success(.stored)? = outcome else { fatalError("not stored: \(String(describing: outcome))") }
                    let elapsed = ContinuousClock.now - begin
                    times.append(elapsed.milliseconds)
                }
                return times
            }
        }
        var all: [Double] = []
        for await times in group { all += times }
        return all
    }.sorted()
    let elapsed = ContinuousClock.now - start
    let seconds = elapsed.seconds
    let cores = (ProcessUsage.cpuSeconds() - cpuAtStart) / seconds
    let storedCount = try await center.results(session: created.session.number).count
    precondition(storedCount == clients + total)
    server.cancel()
    _ = await server.result
    return Measure(rate: Double(total) / seconds, cores: cores, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
                   p90: percentile(latencies, 0.9), worst: latencies.last ?? 0,
                   center: center, firstCandidate: created.codes[0].candidate.id)
}

let sqlite = try await measure(try SQLiteCenterRepository(path: root.appendingPathComponent("center.sqlite").path))
line("results/s, SQLite (\(clients) HTTP clients)", String(format: "%.0f /s", sqlite.rate))
line("POST /results p50 / p99, SQLite", String(format: "%.1f ms / %.1f ms", sqlite.p50, sqlite.p99))
line("POST /results p90 / slowest, SQLite", String(format: "%.1f ms / %.1f ms", sqlite.p90, sqlite.worst))
line("cores busy during the results, SQLite", String(format: "%.2f (client and center in this process)", sqlite.cores))
if let databaseURL {
    let repository = try await PostgresCenterRepository.open(try PostgresAddress(url: databaseURL))
    let postgres = try await measure(repository)
    await repository.close()
    line("results/s, PostgreSQL (\(clients) HTTP clients)", String(format: "%.0f /s", postgres.rate))
    line("POST /results p50 / p99, PostgreSQL", String(format: "%.1f ms / %.1f ms", postgres.p50, postgres.p99))
    line("POST /results p90 / slowest, PostgreSQL", String(format: "%.1f ms / %.1f ms", postgres.p90, postgres.worst))
    line("cores busy during the results, PostgreSQL", String(format: "%.2f (client and center in this process)", postgres.cores))
    line("results/s, PostgreSQL / SQLite", String(format: "%.2f", postgres.rate / sqlite.rate))
}

// Journal: one answer change = one SQLite transaction (WAL, synchronous FULL) before the screen shows it.
let store = try TerminalStore(path: root.appendingPathComponent("terminal.sqlite").path)
let journalSession = try await sqlite.center.createSession(CenterService.SessionRequest(
    kind: .entrainement, profileId: "ASSR1", name: "Journal", startsAt: Date().addingTimeInterval(-60), selection: .ids([sqlite.firstCandidate])))
let package = try await sqlite.center.login(number: journalSession.session.number, code: journalSession.codes[0].code, terminalId: "journal").get()
try store.beginAttempt(package, terminalId: "journal")
var journalTimes: [Double] = []
for n in 0..<journalWrites {
    let snapshot = AttemptSnapshot(index: n % 20, phase: .answering, remainingMs: 30_000, selections: Array(repeating: [n % 3], count: 20),
                                   timeUsedMs: Array(repeating: 1000, count: 20))
    let begin = ContinuousClock.now
    try store.journal(attemptId: package.attemptId, event: .selectionChanged(index: n % 20, selection: [n % 3]), snapshot: snapshot)
    let took = ContinuousClock.now - begin
    journalTimes.append(took.milliseconds)
}
journalTimes.sort()
line("journal one answer p50 / p99 (\(journalWrites))", String(format: "%.2f ms / %.2f ms", percentile(journalTimes, 0.5), percentile(journalTimes, 0.99)))
