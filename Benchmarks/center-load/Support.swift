import BenchmarkSupport
import CenterPostgres
import CenterService
import ExamKit
import ExamStore
import Foundation
import GRDB
import PostgresNIO

/// A new exam with N new candidates on the center the servers will use, and their access codes.
struct LoadSetUp: Sendable {
    let center: CenterService
    let number: String
    let codes: [String]
    let close: @Sendable () async -> Void

    static func make(candidates: Int, catalog: Catalog, home: URL, database: String?) async throws -> LoadSetUp {
        let center: CenterService
        var close: @Sendable () async -> Void = {}
        if let database {
            let (service, repository) = try await PostgresCenterHome.open(url: database, catalog: catalog, bundledContent: true, clock: SystemWallClock())
            center = service
            close = { await repository.close() }
        } else {
            center = try await CenterHome.open(home: home, catalog: catalog, bundledContent: true)
        }
        // Candidates of this run only: a database used before changes nothing.
        let run = UUID().uuidString.prefix(6)
        let ids = (0..<candidates).map { "CHARGE\(run)\($0)" }
        _ = try await center.importCandidates(ids.enumerated().map {
            CandidateImport.Row(line: $0 + 2, ine: $1, lastName: "Charge\($0)", firstName: "Élève", birthDate: "2012-01-01",
                                className: "3A", sex: "F", attestation: "ASSR2", siecle: false, extraTime: false)
        })
        let created = try await center.createSession(CenterService.SessionRequest(
            kind: .examen, profileId: "ASSR2", name: "Charge \(run)", startsAt: Date().addingTimeInterval(-60), selection: .ids(ids)))
        return LoadSetUp(center: center, number: created.session.number, codes: created.codes.map(\.code), close: close)
    }
}

/// `epreuve-center serve` processes on the same center, each on a port of its own.
final class ServeFleet: @unchecked Sendable {
    let urls: [URL]
    private let processes: [Process]

    private init(urls: [URL], processes: [Process]) {
        self.urls = urls
        self.processes = processes
    }

    static func start(count: Int, home: URL, database: String?) async throws -> ServeFleet {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("epreuve-center")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CenterError("\(binary.path) introuvable : swift build -c release --product epreuve-center")
        }
        var processes: [Process] = []
        var urls: [URL] = []
        for index in 0..<max(count, 1) {
            let output = home.appendingPathComponent("serve-\(index).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let process = Process()
            process.executableURL = binary
            process.arguments = ["serve", "--home", home.path, "--port", "0"] + (database.map { ["--database", $0] } ?? [])
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
            let deadline = Date().addingTimeInterval(30)
            var port: Int?
            while port == nil, Date() < deadline, process.isRunning {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                port = text.split(separator: "\n").first { $0.hasPrefix("Centre Épreuve à l'écoute sur http://") }
                    .flatMap { $0.split(separator: ":").last?.split(separator: "/").first }.flatMap { Int($0) }
                if port == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            guard let port else {
                processes.forEach { $0.terminate() }
                throw CenterError("le serveur \(index + 1) n'a pas démarré")
            }
            urls.append(URL(string: "http://127.0.0.1:\(port)")!)
        }
        return ServeFleet(urls: urls, processes: processes)
    }

    /// CPU seconds the serve processes have used so far (user + system, from /proc/PID/stat): what
    /// the center itself costs, apart from the generator sharing the machine.
    func cpuSeconds() -> Double {
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return processes.reduce(0) { total, process in
            guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
                  let nameEnd = stat.lastIndex(of: ")") else { return total }
            // After the command's name: the state (field 3) first, so utime (14) and stime (15) at 11 and 12.
            let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return total }
            return total + (user + system) / ticksPerSecond
        }
    }

    func stop() {
        for process in processes where process.isRunning { process.terminate() }
        for process in processes { process.waitUntilExit() }
    }
}

/// The disk's pace for the same database: single-row inserts, one transaction each, one after the other.
enum RawInserts {
    static let count = 2000

    static func measure(home: URL, database: String?) async throws -> Double {
        if let database {
            let address = try PostgresAddress(url: database)
            let client = PostgresClient(configuration: address.clientConfiguration(maximumConnections: 1))
            return try await withThrowingTaskGroup(of: Double?.self) { group in
                group.addTask {
                    await client.run()
                    return nil
                }
                let rate = try await client.withConnection { connection in
                    try await connection.query("CREATE TEMPORARY TABLE load_raw (id integer PRIMARY KEY, written timestamptz)", logger: logger)
                    let begin = ContinuousClock.now
                    for id in 0..<count {
                        try await connection.query("INSERT INTO load_raw VALUES (\(id), now())", logger: logger)
                    }
                    return Double(count) / (ContinuousClock.now - begin).seconds
                }
                group.cancelAll()
                return rate
            }
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: home.appendingPathComponent("raw.sqlite").path, configuration: configuration)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE raw (id INTEGER PRIMARY KEY, written TEXT)") }
        let begin = ContinuousClock.now
        for id in 0..<count {
            try await pool.write { db in try db.execute(sql: "INSERT INTO raw VALUES (?, datetime('now'))", arguments: [id]) }
        }
        return Double(count) / (ContinuousClock.now - begin).seconds
    }

    static let logger = Logger(label: "center-load")
}

struct Report {
    let candidates: Int
    let servers: Int
    let store: String
    let journeys: [Journey]
    let stored: Int
    let rawInsertsPerSecond: Double
    /// CPU seconds during the simulation: the serve processes', and the generator's own.
    let serverCPU: Double
    let generatorCPU: Double

    func print() {
        Swift.print("epreuve-center-load : \(candidates) candidats, \(servers) serveur(s), \(store)")
        Swift.print(row(["route", "requêtes", "erreurs", "débit/s", "p50 ms", "p99 ms", "p999 ms"]))
        var resultsPerSecond = 0.0
        for route in Route.allCases {
            let spans = journeys.flatMap { $0.requests[route] ?? [] }
            let times = spans.map { ($0.end - $0.start).milliseconds }.sorted()
            let errors = journeys.reduce(0) { $0 + ($1.errors[route]?.count ?? 0) }
            // From the first request of the route to its last answer.
            var rate = 0.0
            if let start = spans.map(\.start).min(), let end = spans.map(\.end).max(), end > start {
                rate = Double(spans.count) / (end - start).seconds
            }
            if route == .result { resultsPerSecond = rate }
            Swift.print(row([route.rawValue, "\(times.count)", "\(errors)", String(format: "%.0f", rate),
                             percentile(times, 0.5), percentile(times, 0.99), percentile(times, 0.999)]))
        }
        Swift.print("résultats enregistrés : \(stored)/\(candidates)")
        Swift.print(String(format: "insertions brutes, 1 ligne par transaction, même base : %.0f /s", rawInsertsPerSecond))
        Swift.print(String(format: "POST /results par seconde ÷ insertions brutes par seconde : %.2f", resultsPerSecond / rawInsertsPerSecond))
        let requests = journeys.reduce(0) { $0 + $1.requests.values.reduce(0) { $0 + $1.count } }
        Swift.print(String(format: "CPU des serveurs : %.1f s, %.2f ms par requête (%.0f requêtes par seconde de CPU) ; CPU du générateur : %.1f s",
                           serverCPU, serverCPU * 1000 / Double(max(requests, 1)), Double(requests) / max(serverCPU, 0.001), generatorCPU))
        for route in Route.allCases {
            if let example = journeys.lazy.compactMap({ $0.errors[route]?.first }).first {
                Swift.print("exemple d'erreur \(route.rawValue) : \(example)")
            }
        }
    }

    private func percentile(_ sorted: [Double], _ p: Double) -> String {
        sorted.isEmpty ? "-" : String(format: "%.1f", BenchmarkSupport.percentile(sorted, p))
    }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == 0 ? cell.padding(toLength: 30, withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, 9 - cell.count)) + cell
        }.joined(separator: " ")
    }
}
