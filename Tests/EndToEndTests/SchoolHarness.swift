import CenterService
import ExamContent
import ExamStore
import Foundation
import Testing

/// A school's center driven through the real `epreuve-center`: a fresh home, the bundled content
/// (20 questions, nine themes), Paris time, and 30 pupils as the handbook's CSV brings them.
struct SchoolCenter {
    let home: String
    static let content = Binaries.packageRoot.appendingPathComponent("Content").path
    static let environment = ["TZ": "Europe/Paris"]

    init() {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("school-\(UUID().uuidString)").path
    }

    /// Runs `epreuve-center` on this home; `expect` is the exit status required.
    @discardableResult
    func run(_ arguments: [String], expect status: Int32 = 0, in folder: String? = nil,
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> Binaries.Output {
        let output = try await Binaries.run("epreuve-center", arguments + ["--home", home, "--content", Self.content],
                                            environment: Self.environment, currentDirectory: folder)
        #expect(output.status == status, "epreuve-center \(arguments.joined(separator: " ")): \(output.stderr)\(output.stdout)",
                sourceLocation: sourceLocation)
        return output
    }

    /// The session number printed by `sessions create`.
    static func number(in output: Binaries.Output) throws -> String {
        let line = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("Numéro de l'épreuve :") })
        return String(line.split(separator: ":").last!).trimmingCharacters(in: .whitespaces)
    }

    /// The center itself, opened in this process on the same home (to check stored hashes).
    func service() async throws -> CenterService {
        let catalog = ContentLoader.load(from: URL(fileURLWithPath: Self.content)).catalog
        return try await CenterHome.open(home: URL(fileURLWithPath: home), catalog: catalog, bundledContent: false)
    }

    func setEstablishment() async throws {
        try await run(["etablissement", "--nom", "Collège Jean-Baptiste de La Salle", "--uai", "0691234X", "--academie", "Lyon",
                       "--commune", "Villeurbanne", "--adresse", "12, rue de l'Égalité, 69100 Villeurbanne"])
    }

    static let longFirstName = "Marie-Françoise-Éléonore-Bérénice"
    static let longLastName = "de La Rochefoucauld-Montmorency-Laval d'Harcourt de Saint-Exupéry"

    /// (last name, first name, class, tiers-temps): accents, an apostrophe, one very long name.
    static let pupils: [(last: String, first: String, className: String, extraTime: Bool)] = [
        ("Dupont", "Léa", "5A", false), ("Lefèvre", "Zoé", "5A", true), ("Benoît", "Chloé", "5A", false),
        ("N'Diaye", "Aïssatou", "5A", false), ("Œuvray", "Noël", "5A", false), ("Müller", "Jürgen", "5A", false),
        ("Garçon", "François", "5A", false), ("Hébert", "Maëlle", "5A", true), ("Ibáñez", "Iñès", "5A", false),
        ("Jégou", "Anaïs", "5A", false), (longLastName, longFirstName, "5B", true),
        ("Kervella", "Gwénaëlle", "5B", false), ("Lacroix", "Jérôme", "5B", false), ("Martin", "Hugo", "5B", false),
        ("Nguyễn", "Thảo", "5B", false), ("Olivier", "Célestin", "5B", false), ("Pérez", "Inès", "5B", false),
        ("Quéré", "Loïc", "5B", false), ("Rousseau", "Éloïse", "5B", false), ("Sánchez", "Raphaël", "5B", false),
        ("Thibault", "Bérénice", "5C", false), ("Urbain", "Gaël", "5C", false), ("Vasseur", "Maïwenn", "5C", false),
        ("Wagner", "Ophélie", "5C", false), ("Xavier", "Timothée", "5C", false), ("Yilmaz", "Elif", "5C", false),
        ("Zeller", "Cécile", "5C", false), ("Abécassis", "Noémie", "5C", false), ("Bézier", "Côme", "5C", false),
        ("Çelik", "Emre", "5C", true),
    ]

    /// « DUPONT » as stored and printed.
    static func printedLastName(_ index: Int) -> String { NameFolding.lastName(pupils[index].last) }

    static func ine(_ index: Int) -> String { String(format: "%010dA", index + 1) }

    /// Imports the 30 pupils (ASSR1) from a handbook CSV.
    func importPupils() async throws {
        var csv = "INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE;Tiers-temps\n"
        for (index, pupil) in Self.pupils.enumerated() {
            csv += "\(Self.ine(index));\(pupil.last);\(pupil.first);\(String(format: "%02d/%02d/2013", 1 + index % 28, 1 + index % 12));"
                + "\(pupil.className);\(index % 2 == 0 ? "F" : "M");ASSR1;non;\(pupil.extraTime ? "oui" : "non")\n"
        }
        let file = home + "-eleves.csv"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await run(["candidates", "import", file])
        #expect(imported.stdout.contains("30 candidat(s) ajouté(s)"))
    }
}

/// A PDF read back with poppler-utils, one string per page.
struct PDFPages {
    let pages: [String]

    init(_ path: String) async throws {
        let text = try await Binaries.run("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
        #expect(text.status == 0, "pdftotext \(path): \(text.stderr)")
        var pages = text.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        // pdftotext may break a long name or put several spaces between words: compare words.
        self.pages = pages
    }

    var count: Int { pages.count }

    /// The page's words joined by single spaces, so « DE LA » matches across line breaks of cells.
    func words(_ page: Int) -> String { Self.words(pages[page]) }

    var allWords: String { Self.words(pages.joined(separator: " ")) }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether `name` is in `text`, whole or wrapped in its table cell: a cell too narrow breaks the
    /// name over lines, and pdftotext puts the neighbouring cells' words between its pieces. The
    /// name's characters (spaces aside) must then follow in order within three times its length.
    static func contains(name: String, in text: String) -> Bool {
        if words(text).contains(name) { return true }
        let wanted = Array(name.filter { !$0.isWhitespace })
        let letters = Array(text.filter { !$0.isWhitespace })
        guard let first = wanted.first else { return true }
        for start in letters.indices where letters[start] == first {
            var matched = 0
            for character in letters[start..<min(letters.count, start + 3 * wanted.count)] where character == wanted[matched] {
                matched += 1
                if matched == wanted.count { return true }
            }
        }
        return false
    }

    /// The text with French typographic apostrophes (’), as the documents print them, made plain (').
    static func plainApostrophes(_ text: String) -> String { text.replacingOccurrences(of: "’", with: "'") }

    /// The text with the session number replaced, trailing spaces removed: what goldens hold.
    func golden(replacing numbers: [String: String]) -> String {
        pages.map { page in
            var text = page
            for (number, placeholder) in numbers { text = text.replacingOccurrences(of: number, with: placeholder) }
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        }.joined(separator: "\n\u{0C}")
    }
}

/// Golden text files in Fixtures/Goldens: after a deliberate change,
/// `EPREUVE_WRITE_GOLDENS=1 swift test --filter EndToEndTests`, then read the diff.
func expectGolden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Binaries.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/Goldens/\(name).txt")
    if ProcessInfo.processInfo.environment["EPREUVE_WRITE_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("Golden \(name).txt absent: EPREUVE_WRITE_GOLDENS=1 swift test --filter EndToEndTests", sourceLocation: sourceLocation)
        return
    }
    guard text != expected else { return }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(got, wanted).enumerated().first { $1.0 != $1.1 }?.offset ?? min(got.count, wanted.count)
    let gotLine = first < got.count ? String(got[first]) : "(fin)"
    let wantedLine = first < wanted.count ? String(wanted[first]) : "(fin)"
    Issue.record("\(name) differs from Goldens/\(name).txt at line \(first + 1):\n  got:      \(gotLine)\n  expected: \(wantedLine)",
                 sourceLocation: sourceLocation)
}
