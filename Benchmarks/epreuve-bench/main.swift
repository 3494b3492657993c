// Foundations benchmark: run with `swift run -c release epreuve-bench`.
// Loads and validates a generated 10,000-question bank, composes 1,000 sessions, orders 10,000
// candidates, and prints the times and the peak resident memory.
import ExamContent
import ExamKit
import Foundation

let themeIds = ["circulation", "comportement-citoyen", "developpement-durable", "distracteurs", "equipements",
                "passagers", "premiers-secours", "sante-conduites-a-risque", "vitesse"]
let questionCount = 10_000

func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    let result = try body()
    let elapsed = ContinuousClock.now - start
    let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    print(label.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%10.1f ms", milliseconds))
    return result
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
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

let report = measure("load and validate \(questionCount) questions") { ContentLoader.load(from: root) }
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
let perTryMs = Double(perTry.components.attoseconds) / 1e15 + Double(perTry.components.seconds) * 1000
print("surveillant code, offline check (scrypt 2^15)".padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%10.1f ms a try", perTryMs))
print("  all 1,000,000 codes on one core".padding(toLength: 46, withPad: " ", startingAt: 0)
      + String(format: "%10.1f hours", perTryMs * 1_000_000 / 3_600_000))
print("peak resident memory".padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%10.1f MiB", peakMemoryMiB()))
print("checksum \(checksum)")
