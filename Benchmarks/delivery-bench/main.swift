// Delivery benchmark: run with `swift run -c release epreuve-delivery-bench`.
// Results stored per second by a real center on loopback with 32 concurrent HTTP clients (p50 / p99
// latency), and the time to journal one answer on a terminal (p50 / p99).
import CenterServer
import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Logging

let clients = 32
let resultsPerClient = 20
let journalWrites = 2000

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func line(_ label: String, _ value: String) {
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0) + value)
}

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
let center = CenterService(repository: try SQLiteCenterRepository(path: root.appendingPathComponent("center.sqlite").path),
                           catalog: catalog, clock: SystemWallClock())
let total = clients * resultsPerClient
_ = try await center.importCandidates((0..<total).map {
    CandidateImport.Row(line: $0, ine: nil, lastName: "Nom\($0)", firstName: "P", birthDate: "2013-01-01", className: "5A",
                        sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
})
let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Bench", startsAt: Date().addingTimeInterval(-60)))
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
func firstPort(_ stream: AsyncStream<Int>) async -> Int {
    for await port in stream { return port }
    fatalError("the server did not start")
}
let port = await firstPort(ports)
let client = HTTPCenterClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!)

let start = ContinuousClock.now
let latencies = await withTaskGroup(of: [Double].self) { group in
    for worker in 0..<clients {
        group.addTask {
            var times: [Double] = []
            for index in stride(from: worker, to: total, by: clients) {
                let begin = ContinuousClock.now
                let outcome = try? await client.submit(submitted[index])
                guard case .success(.stored)? = outcome else { fatalError("not stored: \(String(describing: outcome))") }
                let elapsed = ContinuousClock.now - begin
                times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            return times
        }
    }
    var all: [Double] = []
    for await times in group { all += times }
    return all
}.sorted()
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let storedCount = try await center.results().count
precondition(storedCount == total)
line("results stored (\(clients) clients, HTTP)", "\(total) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", Double(total) / seconds)) /s")
line("POST /results latency p50 / p99", String(format: "%.1f ms / %.1f ms", percentile(latencies, 0.5), percentile(latencies, 0.99)))
server.cancel()
_ = await server.result

// Journal: one answer change = one SQLite transaction (WAL, synchronous FULL) before the screen shows it.
let store = try TerminalStore(path: root.appendingPathComponent("terminal.sqlite").path)
let journalSession = try await center.createSession(CenterService.SessionRequest(
    kind: .entrainement, profileId: "ASSR1", name: "Journal", startsAt: Date().addingTimeInterval(-60), selection: .ids([created.codes[0].candidate.id])))
let package = try await center.login(number: journalSession.session.number, code: journalSession.codes[0].code, terminalId: "journal").get()
try store.beginAttempt(package, terminalId: "journal")
var journalTimes: [Double] = []
for n in 0..<journalWrites {
    let snapshot = AttemptSnapshot(index: n % 20, phase: .answering, remainingMs: 30_000, selections: Array(repeating: [n % 3], count: 20),
                                   timeUsedMs: Array(repeating: 1000, count: 20))
    let begin = ContinuousClock.now
    try store.journal(attemptId: package.attemptId, event: .selectionChanged(index: n % 20, selection: [n % 3]), snapshot: snapshot)
    let took = ContinuousClock.now - begin
    journalTimes.append(Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15)
}
journalTimes.sort()
line("journal one answer p50 / p99 (\(journalWrites))", String(format: "%.2f ms / %.2f ms", percentile(journalTimes, 0.5), percentile(journalTimes, 0.99)))
