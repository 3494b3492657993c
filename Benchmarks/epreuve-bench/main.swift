// Foundations benchmark: run with `swift run -c release epreuve-bench`.
// Loads and validates a generated 10,000-question bank, then loads it from the compiled content
// cache (each in a child process of its own, so one's peak memory does not hide the other's),
// composes 1,000 sessions, orders 10,000 candidates, and prints the times and peak resident memory.
// Child modes: `epreuve-bench --validation DIR` and `epreuve-bench --depuis-cache DIR CACHE_DIR` print
// "<milliseconds> <peak MiB> <source>" for one load of DIR.
import BenchmarkSupport
import ExamContent
import ExamKit
import Foundation

let themeIds = ["circulation", "comportement-citoyen", "developpement-durable", "distracteurs", "equipements",
                "passagers", "premiers-secours", "sante-conduites-a-risque", "vitesse"]
let questionCount = 10_000

func line(_ label: String, _ value: String) { printLine(label, value, width: 46) }

func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    let result = try body()
    line(label, String(format: "%10.1f ms", (ContinuousClock.now - start).milliseconds))
    return result
}


// MARK: Child modes: one load, its time and the process's peak memory.

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--validation" || arguments[1] == "--depuis-cache" {
    let root = URL(fileURLWithPath: arguments[2])
    let start = ContinuousClock.now
    let report: ContentReport
    var source = "validated"
    if arguments[1] == "--depuis-cache", arguments.count >= 4 {
        let loaded = ContentCache(directory: URL(fileURLWithPath: arguments[3])).load(from: root)
        report = loaded.report
        if loaded.source == .cache { source = "cache" }
    } else {
        report = ContentLoader.load(from: root)
    }
    let elapsed = (ContinuousClock.now - start).milliseconds
    let count = report.catalog.banks.values.reduce(0) { $0 + $1.questions.count }
    guard report.isValid, count == questionCount else {
        print("invalid \(count) \(report.issues.prefix(3))")
        exit(1)
    }
    print(String(format: "%.1f %.1f ", elapsed, ProcessUsage.peakMemoryMiB()) + source)
    exit(0)
}

/// Runs this program in a child mode; its "<ms> <MiB> <source>" line.
func child(_ mode: [String]) throws -> (ms: Double, mib: Double, source: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = mode
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: data, as: UTF8.self).split(separator: " ").map(String.init)
    guard process.terminationStatus == 0, fields.count == 3, let ms = Double(fields[0]), let mib = Double(fields[1]) else {
        print("child \(mode) failed: \(String(decoding: data, as: UTF8.self))")
        exit(1)
    }
    return (ms, mib, fields[2].trimmingCharacters(in: .whitespacesAndNewlines))
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("epreuve-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }
try FileManager.default.createDirectory(at: root.appendingPathComponent("banks/big"), withIntermediateDirectories: true)
try (themeIds.map { "- id: \($0)\n  label: \($0)" }.joined(separator: "\n"))
    .write(to: root.appendingPathComponent("themes.yaml"), atomically: true, encoding: .utf8)
try """
    BIG:
      title: Banque générée
      bank: big
      questions: 20
      answerSeconds: 45
      extraTimeAnswerSeconds: 60
      passMark: 10
      quotas: {circulation: 6, comportement-citoyen: 2, developpement-durable: 1, distracteurs: 2,
               equipements: 2, passagers: 1, premiers-secours: 1, sante-conduites-a-risque: 3, vitesse: 2}
    """.write(to: root.appendingPathComponent("profiles.yaml"), atomically: true, encoding: .utf8)

measure("generate \(questionCount) questions (YAML)") {
    for (t, theme) in themeIds.enumerated() {
        var text = "theme: \(theme)\nquestions:\n"
        for n in stride(from: t, to: questionCount, by: themeIds.count) {
            text += """
                  - id: big-\(theme)-\(n)
                    competence: Savoir se déplacer en sécurité
                    situation: |
                      Tu roules à vélo sur une route de campagne, la nuit, et une voiture arrive derrière toi.
                    situationSeconds: 8
                    prompt: "Question générée numéro \(n) : que fais-tu ?"
                    choices:
                      - Je serre à droite et je garde ma trajectoire.
                      - Je fais un écart pour regarder derrière moi.
                      - Je vérifie que mon éclairage fonctionne.
                      - J'accélère pour rester devant.
                    answer: \(n % 3 == 0 ? "[A, C]" : "[A]")
                    explanation: |
                      Rester visible et prévisible protège le cycliste la nuit.
                    reference: Code de la route, art. R313-4

                """
        }
        try! text.write(to: root.appendingPathComponent("banks/big/\(theme).yaml"), atomically: true, encoding: .utf8)
    }
}

// Full load and validation, then the cache: each measured alone in a child process.
let cacheDirectory = root.appendingPathComponent(".cache")
let full = try child(["--validation", root.path])
let firstStart = measure("first start: validate, write the cache") { ContentCache(directory: cacheDirectory).load(from: root) }
precondition(firstStart.report.isValid && firstStart.source != .cache)
let cached = try child(["--depuis-cache", root.path, cacheDirectory.path])
precondition(cached.source == "cache", "the second start did not read the cache")
_ = measure("content digest alone (SHA-256 of the YAML)") { ContentLoader.digest(of: root) }
let cacheBytes = (try? FileManager.default.attributesOfItem(atPath: ContentCache(directory: cacheDirectory)
    .fileURL(digest: firstStart.report.catalog.digest).path)[.size] as? Int) ?? 0
print("\(questionCount) questions, side by side (child processes):")
line("  load and validate (YAML)", String(format: "%10.1f ms %8.1f MiB peak", full.ms, full.mib))
line("  load from the cache", String(format: "%10.1f ms %8.1f MiB peak", cached.ms, cached.mib))
line("  cache / validation", String(format: "%10.3f ×  (cache file %.1f MiB)", cached.ms / full.ms, Double(cacheBytes) / 1_048_576))
let report = firstStart.report
guard report.isValid, let bank = report.catalog.banks["big"], let profile = report.catalog.profile("BIG") else {
    print("generated content is invalid: \(report.issues.prefix(3))")
    exit(1)
}
precondition(bank.questions.count == questionCount)

var composedTotal = 0
let sessions = try measure("compose 1,000 sessions") {
    try (0..<1000).map { i -> [Question] in
        let questions = try SessionComposer.compose(profile: profile, bank: bank, seed: "session-\(i)", themeOrder: themeIds)
        composedTotal += questions.count
        return questions
    }
}
precondition(composedTotal == 20_000)

var checksum = 0
measure("order 10,000 candidates (20 questions each)") {
    for c in 0..<10_000 {
        let order = CandidateOrder.order(sessions[c % sessions.count], sessionSeed: "session-\(c % 1000)", candidateId: "cand-\(c)")
        checksum &+= order[0].id.utf8.count
    }
}
// The surveillant code checked offline: one try of the slow hash, and the cost of trying all codes.
let slow = try SlowCodeHash.make("424242")
var tries = 0
let slowStart = ContinuousClock.now
while ContinuousClock.now - slowStart < .seconds(2) {
    precondition(!slow.matches(String(format: "%06d", tries)) || tries == 424242)
    tries += 1
}
let perTry = (ContinuousClock.now - slowStart) / tries
let perTryMs = perTry.milliseconds
line("surveillant code, offline check (scrypt 2^15)", String(format: "%10.1f ms a try", perTryMs))
line("  all 1,000,000 codes on one core", String(format: "%10.1f hours", perTryMs * 1_000_000 / 3_600_000))
line("peak resident memory", String(format: "%10.1f MiB", ProcessUsage.peakMemoryMiB()))
print("checksum \(checksum)")
