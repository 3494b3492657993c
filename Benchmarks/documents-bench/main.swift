// Documents benchmark: run with `swift run -c release epreuve-documents-bench`.
// Lays out and renders every document of a 30-candidate session (PDF through cairo and pango) and
// prints, per document, the pages, the layout time and the render time (median of 5 runs).
import BenchmarkSupport
import Documents
import ExamKit
import Foundation

let runs = 5
let paris = TimeZone(identifier: "Europe/Paris")!
let themes = ["circulation", "comportement-citoyen", "developpement-durable", "distracteurs", "equipements",
              "passagers", "premiers-secours", "sante-conduites-a-risque", "vitesse"].map { Theme(id: $0, label: $0.capitalized) }
let quotas = Dictionary(uniqueKeysWithValues: zip(themes.map(\.id), [6, 2, 1, 2, 2, 1, 1, 3, 2]))
let profile = Profile(id: "ASSR1", title: "Attestation scolaire de sécurité routière de premier niveau", bank: "assr1",
                      questionCount: 20, answerSeconds: 45, extraTimeAnswerSeconds: 60, passMark: 10, quotas: quotas)
let questions: [Question] = themes.flatMap { theme in (0..<quotas[theme.id]!).map { (theme, $0) } }.enumerated().map { index, pair in
    Question(id: "bench-\(index)", theme: pair.0.id, competence: "Compétence évaluée n° \(pair.1 + 1)",
             situation: index % 3 == 0 ? "Tu roules à vélo sur une route de campagne ; un tracteur arrive en face et la chaussée est étroite." : nil,
             prompt: "Question \(index + 1) : que dois-tu faire dans cette situation ?",
             choices: (0..<(2 + index % 5)).map { "Proposition \($0 + 1), rédigée comme une phrase complète de longueur moyenne." },
             answer: index % 4 == 0 ? [0, 1] : [index % 2], explanation: "L'explication reprend la règle du code de la route et la raison de sécurité qui la justifie.")
}
let firstNames = ["Léa", "Zoé", "Noël", "Maëlle", "Jérôme", "Anaïs", "Loïc", "Éloïse", "Côme", "Gaël"]
let lastNames = ["Dupont", "Lefèvre", "Œuvray", "Hébert", "Garçon", "N'Diaye", "Müller", "Quéré",
                 "de La Rochefoucauld-Montmorency-Laval d'Harcourt de Saint-Exupéry"]
let start = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: paris, year: 2026, month: 12, day: 14, hour: 9))!
let candidates = (0..<30).map { index in
    let score = (index * 7) % 21
    return DocumentCandidate(
        id: "C\(index)", lastName: lastNames[index % lastNames.count], firstName: firstNames[index % firstNames.count],
        className: ["5A", "5B", "5C"][index % 3], birthDate: CalendarDay(year: 2013, month: 1 + index % 12, day: 1 + index % 28),
        extraTime: index % 7 == 0, accessCode: String(format: "ABCD%04d", index).replacingOccurrences(of: "0", with: "Q"),
        result: DocumentResult(verdict: score >= 10 ? .admis : .echoue, score: score, outOf: 20, date: start),
        themes: themes.map { ThemeStat(theme: $0.id, questions: quotas[$0.id]!, right: min(quotas[$0.id]!, score / 3)) })
}
let establishment = Establishment(name: "Collège Jean-Baptiste de La Salle", uai: "0691234X", academie: "Lyon",
                                  commune: "Villeurbanne", address: "12, rue de l'Égalité\n69100 Villeurbanne")
func input(_ type: DocumentSessionType) -> DocumentInput {
    DocumentInput(establishment: establishment,
                  session: DocumentSession(number: "832648", type: type, profile: profile, name: "ASSR1 5e", start: start,
                                           timeZone: paris, room: "B12", additionalText: "Présentez-vous 15 minutes avant.",
                                           isOver: true),
                  candidates: candidates, questions: questions, themes: themes)
}

let jobs: [(String, DocumentInput, PrintKind, PrintOptions)] = [
    ("papillons --par-page 8", input(.examen), .papillons, PrintOptions(slipsPerPage: .eight)),
    ("papillons --par-page 2", input(.examen), .papillons, PrintOptions(slipsPerPage: .two)),
    ("papillons --par-page 1", input(.examen), .papillons, PrintOptions(slipsPerPage: .one)),
    ("convocations (A4)", input(.examen), .convocations, PrintOptions()),
    ("convocations (2 A5)", input(.examen), .convocations, PrintOptions(convocationsPerSheet: .two)),
    ("emargement", input(.examen), .emargement, PrintOptions()),
    ("attestations", input(.examen), .attestations, PrintOptions()),
    ("corrige", input(.examen), .corrige, PrintOptions()),
    ("rapport", input(.examen), .rapport, PrintOptions()),
    ("grille", input(.horsLigne), .grille, PrintOptions()),
    ("corrections", input(.horsLigne), .corrections, PrintOptions()),
]


func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("epreuve-documents-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
print("document".padding(toLength: 26, withPad: " ", startingAt: 0) + "pages   layout ms   render ms   KiB")
for (name, input, kind, options) in jobs {
    var layouts: [Double] = []
    var renders: [Double] = []
    var pages = 0
    let url = folder.appendingPathComponent(kind.defaultFileName(session: "832648"))
    for _ in 0..<runs {
        let clock = ContinuousClock()
        var document: Document?
        layouts.append(try clock.measure { document = try ExamDocuments.layout(kind, input, options: options) }.milliseconds)
        renders.append(try clock.measure { pages = try ExamDocuments.render(document!, to: url).pageCount }.milliseconds)
    }
    let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0) / 1024
    print(name.padding(toLength: 26, withPad: " ", startingAt: 0)
        + String(format: "%5d %11.2f %11.1f %5d", pages, median(layouts), median(renders), size))
}
