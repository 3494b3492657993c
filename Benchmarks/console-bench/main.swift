// Console benchmark: run with `swift run -c release epreuve-console-bench [seconds]`.
// A session of 200 candidates on a SQLite center; 30 of them run on terminals that report their
// progress every 5 s (six reports a second, spread). The surveillant's console refreshes once a second
// (read the board in one transaction, derive the lines, draw an 80×24 frame). Measured: the process's
// CPU with the terminals alone, then with the console too; the time of one refresh; the SQL statements
// and repository calls per refresh.
import BenchmarkSupport
import CenterService
import ConsoleUI
import ExamKit
import ExamStore
import Foundation
import Synchronization
import TerminalUI

let candidates = 200
let terminals = 30
let seconds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10

func line(_ label: String, _ value: String) { printLine(label, value, width: 60) }

let themes = ["circulation", "vitesse"]
let questions = themes.flatMap { theme in
    (1...15).map { Question(id: "b-\(theme)-\($0)", theme: theme, competence: "c", prompt: "\(theme) \($0)", choices: ["a", "b", "c"],
                            answer: [1], explanation: "e") }
}
let catalog = Catalog(
    themes: themes.map { Theme(id: $0, label: $0) },
    profiles: [Profile(id: "ASSR1", title: "Bench", bank: "bench", questionCount: 20, answerSeconds: 45, extraTimeAnswerSeconds: 60,
                       passMark: 10, quotas: ["circulation": 10, "vitesse": 10])],
    banks: ["bench": Bank(id: "bench", questions: questions)], digest: "bench")
let root = FileManager.default.temporaryDirectory.appendingPathComponent("console-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }

let statements = Atomic<Int>(0)
let repository = try SQLiteCenterRepository(path: root.appendingPathComponent("center.sqlite").path) { _ in
    statements.add(1, ordering: .relaxed)
}
let center = CenterService(repository: repository, catalog: catalog, clock: SystemWallClock(), surveillantHashCost: 1 << 10)
_ = try await center.importCandidates((0..<candidates).map {
    CandidateImport.Row(line: $0, ine: nil, lastName: "Nom\($0)", firstName: "Prénom", birthDate: "2011-01-01",
                        className: $0 < 100 ? "3A" : "3B", sex: "F", attestation: "ASSR1", siecle: false, extraTime: $0 % 10 == 0)
})
let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Bench",
                                                                           startsAt: Date().addingTimeInterval(-600)))
let number = created.session.number
var packages: [ExamPackage] = []
for (index, (_, code)) in created.codes.prefix(terminals).enumerated() {
    packages.append(try await center.login(number: number, code: code, terminalId: "poste-\(index)").get())
}
let running = packages

/// Every terminal reports every 5 s: one report each 5 s / 30 ≈ 167 ms, round robin.
func reportLoop(until deadline: Date) async throws {
    var turn = 0
    let gap = 5.0 / Double(terminals)
    while Date() < deadline {
        let package = running[turn % terminals]
        let progress = AttemptSnapshot(index: (turn / terminals) % 20, phase: .answering, remainingMs: 30_000,
                                       selections: Array(repeating: [1], count: 20), timeUsedMs: Array(repeating: 3000, count: 20))
        _ = try await center.recordProgress(ProgressReport(attemptId: package.attemptId, terminalId: "poste-\(turn % terminals)",
                                                           progress: progress, key: package.resultKey))
        turn += 1
        try await Task.sleep(for: .seconds(gap))
    }
}

// Phase 1: the terminals alone.
var start = Date(), cpu = ProcessUsage.cpuSeconds()
try await reportLoop(until: start.addingTimeInterval(Double(seconds)))
let baseline = (ProcessUsage.cpuSeconds() - cpu) / Date().timeIntervalSince(start) * 100

// Phase 2: the terminals and the console at one refresh a second.
start = Date()
cpu = ProcessUsage.cpuSeconds()
let reporters = Task { try await reportLoop(until: start.addingTimeInterval(Double(seconds))) }
var app = ConsoleApp(sessionNumber: number)
app.resize(width: 80, height: 24)
var refreshTimes: [Double] = []
var statementsPerRefresh: [Int] = []
var repositoryCalls = 0
while Date() < start.addingTimeInterval(Double(seconds)) {
    let tick = Date()
    guard app.update(.tick, now: tick).contains(.load) else { fatalError("the console did not ask for a refresh") }
    let before = statements.load(ordering: .relaxed)
    repositoryCalls += 1
    let board = try await center.board(session: number)
    _ = app.update(.loaded(.success(board)), now: Date())
    var frame = Frame(width: 80, height: 24)
    app.render(into: &frame)
    refreshTimes.append(Date().timeIntervalSince(tick) * 1000)
    // Statements run meanwhile by the reporting terminals are counted too: this is an upper bound.
    statementsPerRefresh.append(statements.load(ordering: .relaxed) - before)
    try await Task.sleep(for: .seconds(max(0, 1 - Date().timeIntervalSince(tick))))
}
try await reporters.value
let withConsole = (ProcessUsage.cpuSeconds() - cpu) / Date().timeIntervalSince(start) * 100

// One refresh alone, for its own statements.
let before = statements.load(ordering: .relaxed)
_ = try await center.board(session: number)
let ownStatements = statements.load(ordering: .relaxed) - before

let sorted = refreshTimes.sorted()
print("Console de surveillance : \(candidates) candidats, \(terminals) postes qui rendent compte toutes les 5 s, \(seconds) s par phase")
line("CPU du processus, postes seuls", String(format: "%.1f %%", baseline))
line("CPU du processus, postes + console (1 rafraîchissement/s)", String(format: "%.1f %%", withConsole))
line("CPU dû à la console", String(format: "%.1f %%", withConsole - baseline))
line("Rafraîchissement (lecture + lignes + écran 80×24)", String(format: "médiane %.2f ms, p95 %.2f ms, max %.2f ms",
                                                                     sorted[sorted.count / 2], sorted[Int(Double(sorted.count - 1) * 0.95)],
                                                                     sorted.last ?? 0))
line("Appels au dépôt par rafraîchissement", "\(repositoryCalls / max(1, refreshTimes.count))")
line("Requêtes SQL par rafraîchissement (seul)", "\(ownStatements)")
line("Requêtes SQL pendant un rafraîchissement (avec les postes)", "médiane \(statementsPerRefresh.sorted()[statementsPerRefresh.count / 2])")

// The candidates' list in French order (the head's list, a session's choice, a name typed in):
// names folded once per candidate, against folding both names at every comparison.
let listed = (0..<10_000).map { index in
    Candidate(id: "L\(index)", ine: nil, lastName: ["Dupont", "Élie", "da Silva", "FABRE", "Nguyễn"][index % 5] + "\(index % 997)",
              firstName: ["Léa", "Hélène", "Zoé", "Marc"][index % 4], birthDate: "2012-01-01", className: "\(3 + index % 2)\(["A", "B", "C"][index % 3])",
              sex: "F", attestation: "ASSR1", siecle: false, extraTime: false)
}.shuffled()
let foldedOnceStart = ContinuousClock.now
let foldedOnce = CenterService.inFrenchOrder(listed)
let foldedOnceMs = (ContinuousClock.now - foldedOnceStart).milliseconds
let foldedEachStart = ContinuousClock.now
let foldedEach = listed.sorted { a, b in
    for (x, y) in [(a.className, b.className), (a.lastName, b.lastName), (a.firstName, b.firstName)]
    where NameFolding.key(x) != NameFolding.key(y) {
        return NameFolding.precedes(x, y)
    }
    return a.id < b.id
}
let foldedEachMs = (ContinuousClock.now - foldedEachStart).milliseconds
precondition(foldedOnce == foldedEach, "the two orders differ")
line("10 000 candidats en ordre français, noms pliés une fois", String(format: "%.0f ms", foldedOnceMs))
line("  pliés à chaque comparaison (avant)", String(format: "%.0f ms (× %.1f)", foldedEachMs, foldedEachMs / foldedOnceMs))
