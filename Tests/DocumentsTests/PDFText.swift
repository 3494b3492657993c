import Documents
import Foundation
import TestSupport
import Testing

/// A rendered PDF read back with poppler-utils (`pdftotext`, `pdfinfo`), as a person would find
/// the words on paper.
struct RenderedPDF {
    /// A word as pdftotext -bbox places it, in points from the top left of its page.
    struct Word {
        let text: String
        let xMin, yMin, xMax, yMax: Double
    }

    let name: String
    let summary: RenderSummary
    /// `pdftotext -layout`, one string per page, spaces normalised (see `normalised`).
    let pages: [String]
    /// `pdftotext -bbox`: the words of each page with their boxes.
    let words: [[Word]]
    /// `pdfinfo`'s page count and page sizes (width, height).
    let pageCount: Int
    let pageSizes: [Size]

    /// Renders into a fresh temporary folder, reads the file back, removes the folder.
    static func make(_ document: Document, name: String) throws -> RenderedPDF {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("epreuve-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("\(name).pdf")
        let summary = try ExamDocuments.render(document, to: url)
        let text = try Poppler.run("pdftotext", ["-layout", "-enc", "UTF-8", url.path, "-"])
        var pages = text.components(separatedBy: "\u{0C}").map(normalised)
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        let info = try Poppler.run("pdfinfo", [url.path])
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) } ?? -1
        let sizes = try Poppler.run("pdfinfo", ["-f", "1", "-l", "\(max(count, 1))", url.path]).split(separator: "\n")
            .filter { $0.hasPrefix("Page ") && $0.contains(" size: ") }
            .map { line -> Size in
                let numbers = line.split(separator: ":")[1].split(separator: " ").compactMap { Double($0) }
                return Size(width: numbers[0], height: numbers[1])
            }
        let boxes = try Poppler.run("pdftotext", ["-bbox", "-enc", "UTF-8", url.path, "-"])
        return RenderedPDF(name: name, summary: summary, pages: pages, words: parseWords(boxes), pageCount: count, pageSizes: sizes)
    }

    private static func parseWords(_ html: String) -> [[Word]] {
        var pages: [[Word]] = []
        for line in html.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<page ") { pages.append([]) }
            guard trimmed.hasPrefix("<word "), let close = trimmed.range(of: ">"), let end = trimmed.range(of: "</word>") else { continue }
            func attribute(_ name: String) -> Double {
                guard let start = trimmed.range(of: "\(name)=\"") else { return .nan }
                return Double(trimmed[start.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let text = String(trimmed[close.upperBound..<end.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            pages[pages.count - 1].append(Word(text: text, xMin: attribute("xMin"), yMin: attribute("yMin"),
                                               xMax: attribute("xMax"), yMax: attribute("yMax")))
        }
        return pages
    }

    /// Fails on any word cut with « … » (pdftotext gives such a word its whole text, spaces
    /// included, in the box of what was drawn) or printed outside the page less 5 mm: what a
    /// printer would lose.
    func expectNothingCutOrOffThePaper(sourceLocation: SourceLocation = #_sourceLocation) {
        let margin = 72 * 5 / 25.4
        for (index, words) in words.enumerated() {
            let size = pageSizes[index]
            for word in words {
                #expect(!word.text.contains(" "), "\(name) page \(index + 1): « \(word.text) » is cut", sourceLocation: sourceLocation)
                let inside = word.xMin >= margin - 0.5 && word.yMin >= margin - 0.5
                    && word.xMax <= size.width - margin + 0.5 && word.yMax <= size.height - margin + 0.5
                #expect(inside, "\(name) page \(index + 1): « \(word.text) » at \(Int(word.xMin)),\(Int(word.yMin))–\(Int(word.xMax)),\(Int(word.yMax)) is off the printable area",
                        sourceLocation: sourceLocation)
            }
        }
    }

    var text: String { pages.joined(separator: "\n\u{0C}") }

    /// Non-breaking spaces as spaces and typographic apostrophes as straight ones, so tests can be
    /// written with plain strings.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
            .replacingOccurrences(of: "’", with: "'")
    }

    /// Pages (0-based) whose text holds every word of the candidate's name. Words, not the whole
    /// name: a long name is wrapped over several lines.
    func pagesNaming(_ candidate: DocumentCandidate) -> [Int] {
        pages.indices.filter { pageNames(pages[$0], candidate) }
    }

    static func nameWords(_ candidate: DocumentCandidate) -> [String] {
        (candidate.lastName.uppercased() + " " + candidate.firstName)
            .replacingOccurrences(of: "’", with: "'")
            .split { $0 == " " || $0 == "-" }.map(String.init)
    }

    func pageNames(_ page: String, _ candidate: DocumentCandidate) -> Bool {
        Self.nameWords(candidate).allSatisfy { page.contains($0) }
    }

    /// Lines of a page, for checks on what stands beside what.
    func lines(page: Int) -> [String] {
        pages[page].split(separator: "\n").map(String.init)
    }
}

enum Poppler {
    struct Missing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) est introuvable : installez le paquet Debian poppler-utils (voir .ci/run)." }
    }

    struct Failed: Error, CustomStringConvertible {
        let tool: String
        let status: Int32
        var description: String { "\(tool) a échoué (code \(status))." }
    }

    /// Runs a poppler tool found on PATH; a missing tool fails the test with a clear message.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            Issue.record(Comment(rawValue: Missing(tool: tool).description))
            throw Missing(tool: tool)
        }
        let output = try ChildProcess.run(path, arguments)
        guard output.status == 0 else { throw Failed(tool: tool, status: output.status) }
        return output.stdout
    }
}

/// Golden text files in Goldens/: the test fails on any difference. After a deliberate change of
/// layout or wording: `EPREUVE_WRITE_GOLDENS=1 swift test --filter DocumentsTests`, then review
/// the diff by eye before committing it.
func expectGolden(_ name: String, _ rendered: RenderedPDF, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens").appendingPathComponent("\(name).txt")
    // Trailing spaces depend on nothing the reader sees; they stay out of the goldens.
    let actual = rendered.pages.map { page in
        page.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }.joined(separator: "\n\u{0C}")
    if ProcessInfo.processInfo.environment["EPREUVE_WRITE_GOLDENS"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("Golden \(name).txt absent : EPREUVE_WRITE_GOLDENS=1 swift test --filter DocumentsTests", sourceLocation: sourceLocation)
        return
    }
    if actual != expected {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $1.0 != $1.1 }?.offset ?? min(actualLines.count, expectedLines.count)
        let got = first < actualLines.count ? String(actualLines[first]) : "(fin)"
        let wanted = first < expectedLines.count ? String(expectedLines[first]) : "(fin)"
        Issue.record("\(name) differs from Goldens/\(name).txt at line \(first + 1):\n  got:      \(got)\n  expected: \(wanted)",
                     sourceLocation: sourceLocation)
    }
}
