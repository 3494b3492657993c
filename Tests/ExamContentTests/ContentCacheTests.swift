import ExamContent
import ExamKit
import Foundation
import Testing

/// The compiled content cache: served only for the very content it was made from, rebuilt otherwise.
@Suite struct ContentCacheTests {
    let content: TemporaryContent
    let cache: ContentCache

    init() throws {
        content = try TemporaryContent(banks: TemporaryContent.validBanks)
        cache = ContentCache(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("content-cache-\(UUID().uuidString)"))
    }

    private var cacheFile: URL { cache.fileURL(digest: ContentLoader.digest(of: content.root)) }

    @Test func aSecondLoadComesFromTheCacheAndEqualsTheValidatedCatalog() throws {
        let first = cache.load(from: content.root)
        #expect(first.source == .validated(reason: "absent"))
        #expect(FileManager.default.fileExists(atPath: cacheFile.path))
        let second = cache.load(from: content.root)
        #expect(second.source == .cache)
        #expect(second.report.issues == [])
        let validated = try ContentLoader.load(from: content.root).validCatalog()
        #expect(second.report.catalog == validated)
        #expect(second.report.catalog.digest == validated.digest)
        #expect(second.report.catalog.banks["mini"]?.questions(inTheme: "circulation").map(\.id) == ["c1", "c2"])
    }

    @Test func aChangedFileIsNeverServedStale() throws {
        _ = cache.load(from: content.root)
        // Same size, one letter changed: the digest is over the bytes, not sizes or dates.
        let file = content.root.appendingPathComponent("banks/mini/vitesse.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "answer: C", with: "answer: A").write(to: file, atomically: false, encoding: .utf8)
        let changed = cache.load(from: content.root)
        #expect(changed.source == .validated(reason: "absent"))
        #expect(changed.report.catalog.question(id: "v1")?.answer == [0])
        let again = cache.load(from: content.root)
        #expect(again.source == .cache)
        #expect(again.report.catalog.question(id: "v1")?.answer == [0])
    }

    @Test func invalidContentIsReportedAndNotCached() throws {
        var banks = TemporaryContent.validBanks
        banks["mini/vitesse.yaml"] = TemporaryContent.bankFile(theme: "vitesse", [TemporaryContent.question("v1", answer: "[F]")])
        let broken = try TemporaryContent(banks: banks)
        let first = cache.load(from: broken.root)
        #expect(!first.report.issues.isEmpty)
        #expect(cache.load(from: broken.root).source != .cache)
        #expect(!FileManager.default.fileExists(atPath: cache.fileURL(digest: ContentLoader.digest(of: broken.root)).path))
    }

    enum Damage: String, CaseIterable, Sendable {
        case truncatedPayload, truncatedHeader, empty, flippedByte, otherVersion, otherFormat, otherDigest, garbage
    }

    @Test(arguments: Damage.allCases)
    func aDamagedCacheFallsBackToAFullLoadAndIsRewritten(_ damage: Damage) throws {
        _ = cache.load(from: content.root)
        let good = try Data(contentsOf: cacheFile)
        let newline = try #require(good.firstIndex(of: UInt8(ascii: "\n")))
        var bad = good
        switch damage {
        case .truncatedPayload: bad = good.prefix(good.count - 40)
        case .truncatedHeader: bad = good.prefix(newline - 5)
        case .empty: bad = Data()
        case .flippedByte: bad[good.count - 30] ^= 0x01
        case .otherVersion, .otherFormat, .otherDigest:
            var header = try JSONDecoder().decode(ContentCacheHeader.self, from: good.prefix(newline))
            if damage == .otherVersion { header.version += 1 }
            if damage == .otherFormat { header.format = "autre-chose" }
            if damage == .otherDigest { header.contentDigest = String(repeating: "0", count: 64) }
            bad = try header.encoded() + good.suffix(from: newline)
        case .garbage: bad = Data("{ pas du tout un cache }\n[1, 2".utf8)
        }
        try bad.write(to: cacheFile)

        let fallback = cache.load(from: content.root)
        guard case .validated = fallback.source else {
            Issue.record("a damaged cache (\(damage)) was served")
            return
        }
        #expect(fallback.report.catalog == (try ContentLoader.load(from: content.root).validCatalog()))
        #expect(try Data(contentsOf: cacheFile) == good)
        #expect(cache.load(from: content.root).source == .cache)
    }

    @Test func theReasonForAFallbackIsSaid() throws {
        _ = cache.load(from: content.root)
        let good = try Data(contentsOf: cacheFile)
        try good.prefix(good.count - 1).write(to: cacheFile)
        #expect(cache.load(from: content.root).source == .validated(reason: "cache tronqué"))
    }

    /// The file format: a sorted one-line JSON header, a newline, then the payload it describes.
    @Test func goldenHeaderAndPayload() throws {
        let header = ContentCacheHeader(contentDigest: String(repeating: "ab", count: 32), payloadBytes: 1234,
                                        payloadSHA256: String(repeating: "cd", count: 32))
        #expect(String(decoding: try header.encoded(), as: UTF8.self) == """
            {"contentDigest":"\(String(repeating: "ab", count: 32))","format":"epreuve-content-cache",\
            "payloadBytes":1234,"payloadSHA256":"\(String(repeating: "cd", count: 32))","version":1}
            """)

        let question = Question(id: "q1", theme: "vitesse", competence: "Savoir", prompt: "Vite ?", choices: ["oui", "non"],
                                answer: [1], explanation: "Non.")
        let catalog = Catalog(themes: [Theme(id: "vitesse", label: "Vitesse")],
                              profiles: [Profile(id: "P", title: "Titre", bank: "b", questionCount: 1, answerSeconds: 45,
                                                 extraTimeAnswerSeconds: 60, passMark: 1, quotas: ["vitesse": 1])],
                              banks: ["b": Bank(id: "b", questions: [question])], digest: String(repeating: "0", count: 64))
        let file = String(decoding: try ContentCache.encode(catalog), as: UTF8.self)
        let lines = file.split(separator: "\n", maxSplits: 1).map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"contentDigest":"\#(String(repeating: "0", count: 64))","format":"epreuve-content-cache","payloadBytes":"#))
        #expect(lines[0].hasSuffix(#","version":1}"#))
        #expect(lines[1] == #"{"banks":[{"id":"b","questions":[{"answer":[1],"choices":["oui","non"],"competence":"Savoir","#
            + #""expectsSeveralAnswers":false,"explanation":"Non.","id":"q1","prompt":"Vite ?","situationSeconds":0,"#
            + #""theme":"vitesse"}]}],"profiles":[{"answerSeconds":45,"bank":"b","extraTimeAnswerSeconds":60,"id":"P","#
            + #""passMark":1,"questionCount":1,"quotas":{"vitesse":1},"title":"Titre"}],"themes":[{"id":"vitesse","label":"Vitesse"}]}"#)
        #expect(try ContentCache.read(Data(file.utf8), expectedDigest: catalog.digest) == catalog)
    }
}
