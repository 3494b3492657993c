// Load generator: `swift run -c release epreuve-center-load [--candidats N] [--serveurs K]
// [--database URL] [--montee S] [--rapports R] [--intervalle S]`.
// Starts K `epreuve-center serve` processes on one center (a fresh SQLite home, or the PostgreSQL
// database of --database), creates an exam for N new candidates, then simulates each over HTTP as
// a terminal does: login (ramped over --montee seconds), a progress report every --intervalle
// seconds (--rapports of them), the signed result. Prints per route the rate, p50/p99/p999 and
// errors, checks every result is stored once, and compares results/s with a raw insert loop (one
// row per transaction) on the same database measured in the same run.
import ArgumentParser
import BenchmarkSupport
import CenterPostgres
import CenterService
import ExamContent
import ExamDelivery
import ExamKit
import ExamStore
import Foundation

@main
struct CenterLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epreuve-center-load", abstract: "Simule N candidats d'une épreuve sur un centre réel, par HTTP.")

    @Option(name: .customLong("candidats"), help: "Candidats simulés.") var candidates = 32
    @Option(name: .customLong("serveurs"), help: "Processus « serve » partageant le centre.") var servers = 1
    @Option(help: "Base PostgreSQL (sinon un dossier SQLite neuf).") var database: String?
    @Option(name: .customLong("montee"), help: "Secondes sur lesquelles les connexions s'étalent.") var ramp = 5.0
    @Option(name: .customLong("rapports"), help: "Rapports de progression par candidat.") var reports = 2
    @Option(name: .customLong("intervalle"), help: "Secondes entre deux rapports.") var interval = 5.0

    func run() async throws {
        guard let content = ContentLocation.resolve(explicit: nil) else { throw ValidationError("contenu introuvable") }
        let catalog = ContentLoader.load(from: content.url).catalog
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("center-load-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }

        let setUp = try await LoadSetUp.make(candidates: candidates, catalog: catalog, home: home, database: database)
        let fleet = try await ServeFleet.start(count: servers, home: home, database: database)
        defer { fleet.stop() }
        let clients = fleet.urls.map { HTTPCenterClient(baseURL: $0, timeout: 30, connections: max(16, min(512, candidates / fleet.urls.count))) }

        let simulation = Simulation(ramp: ramp, reports: reports, interval: interval)
        let (serverCPUAtStart, generatorCPUAtStart) = (fleet.cpuSeconds(), ProcessUsage.cpuSeconds())
        let started = ContinuousClock.now
        let journeys = await withTaskGroup(of: Journey.self) { group in
            for (index, code) in setUp.codes.enumerated() {
                group.addTask {
                    await simulation.candidate(index: index, of: setUp.codes.count, number: setUp.number, code: code,
                                               client: clients[index % clients.count], started: started)
                }
            }
            var all: [Journey] = []
            for await journey in group { all.append(journey) }
            return all
        }
        let (serverCPU, generatorCPU) = (fleet.cpuSeconds() - serverCPUAtStart, ProcessUsage.cpuSeconds() - generatorCPUAtStart)
        let stored = try await setUp.center.results(session: setUp.number).count
        let raw = try await RawInserts.measure(home: home, database: database)
        await setUp.close()

        Report(candidates: candidates, servers: fleet.urls.count, store: database == nil ? "SQLite" : "PostgreSQL",
               journeys: journeys, stored: stored, rawInsertsPerSecond: raw, serverCPU: serverCPU, generatorCPU: generatorCPU).print()
    }
}

/// What one simulated candidate did: when each request was sent and answered, by route, and the errors.
struct Journey: Sendable {
    struct Span: Sendable {
        let start: ContinuousClock.Instant
        let end: ContinuousClock.Instant
    }
    var requests: [Route: [Span]] = [:]
    var errors: [Route: [String]] = [:]
}

enum Route: String, CaseIterable, Sendable {
    case login = "POST /sessions/{n}/login"
    case progress = "POST /attempts/{id}/progress"
    case result = "POST /results"
}

struct Simulation: Sendable {
    let ramp: Double
    let reports: Int
    let interval: Double

    func candidate(index: Int, of count: Int, number: String, code: String, client: HTTPCenterClient,
                   started: ContinuousClock.Instant) async -> Journey {
        var journey = Journey()
        func timed<T>(_ route: Route, _ body: () async throws -> T) async -> T? {
            let begin = ContinuousClock.now
            do {
                let value = try await body()
                journey.requests[route, default: []].append(Journey.Span(start: begin, end: ContinuousClock.now))
                return value
            } catch {
                journey.errors[route, default: []].append("\(error)")
                return nil
            }
        }
        try? await Task.sleep(until: started + .seconds(ramp * Double(index) / Double(max(count, 1))), clock: .continuous)
        let terminalId = "charge-\(index)"
        guard let login = await timed(.login, { try await client.login(number: number, code: code, terminalId: terminalId) }) else {
            return journey
        }
        guard case let .success(package) = login else {
            journey.errors[.login, default: []].append("\(login)")
            return journey
        }
        let startedAt = Date()
        let count = package.questions.count
        for report in 0..<reports {
            try? await Task.sleep(for: .seconds(interval))
            let answered = min(count - 1, (report + 1) * count / (reports + 1))
            let snapshot = AttemptSnapshot(index: answered, phase: .answering, remainingMs: 20_000,
                                           selections: (0..<count).map { $0 < answered ? [0] : [] },
                                           timeUsedMs: (0..<count).map { $0 < answered ? 3000 : 0 })
            _ = await timed(.progress, {
                try await client.reportProgress(ProgressReport(attemptId: package.attemptId, terminalId: terminalId, progress: snapshot,
                                                               key: package.resultKey))
            })
        }
        let answers = package.questions.enumerated().map {
            ResultEnvelope.Answer(position: $0 + 1, questionId: $1.id, selected: ["A"], timeUsedMs: 3000)
        }
        let envelope = ResultEnvelope(
            attemptId: package.attemptId, examNumber: number, candidateId: package.candidateId, terminalId: terminalId,
            bank: package.bank, extraTime: package.extraTime, startedAt: startedAt, finishedAt: Date(), questions: answers,
            contentDigest: package.contentDigest).signed(key: package.resultKey)
        if let receipt = await timed(.result, { try await client.submit(envelope) }), case .failure = receipt {
            journey.errors[.result, default: []].append("\(receipt)")
        }
        return journey
    }
}
