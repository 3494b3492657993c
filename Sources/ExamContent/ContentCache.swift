import Crypto
import ExamKit
import Foundation

/// The content compiled once validated, so that later starts skip the YAML parse and the checks.
///
/// One file per content digest in `directory` (`content-<digest>.cache`): a one-line JSON header
/// (`ContentCacheHeader`), a newline, then the payload (`CompiledContent`, JSON). The digest is the
/// one results carry (`ContentLoader.digest(of:)`, SHA-256 over every YAML file's path and bytes), so
/// a changed file always misses. A file that is truncated, altered, of another version or for other
/// content is never served: the content is loaded and validated in full, and the file rewritten.
public struct ContentCache: Sendable {
    public let directory: URL
    /// Files kept in `directory` (one per content folder in use: the bundled one, a test's…).
    public static let keptFiles = 4

    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache folder's name in a home folder.
    public static let folderName = "cache"

    /// `cache/` in the terminal's or the center's home folder.
    public init(home: URL) {
        self.init(directory: home.appendingPathComponent(Self.folderName, isDirectory: true))
    }

    /// Where the content came from.
    public enum Source: Sendable, Equatable {
        /// Read from the cache: no YAML parsed, no check run.
        case cache
        /// Parsed and validated (no cache yet, content changed, or the cache was unusable: `reason`).
        /// A valid result was written to the cache.
        case validated(reason: String)
    }

    /// The content of `root`, from the cache when it holds this very content, else loaded and
    /// validated in full (then cached when valid).
    public func load(from root: URL) -> (report: ContentReport, source: Source) {
        let digest = ContentLoader.digest(of: root)
        let file = fileURL(digest: digest)
        let reason: String
        do {
            let catalog = try Self.read(Data(contentsOf: file), expectedDigest: digest)
            return (ContentReport(catalog: catalog, issues: []), .cache)
        } catch let error as ContentCacheError {
            reason = error.description
        } catch {
            reason = "absent"
        }
        let report = ContentLoader.load(from: root)
        // Cached only when valid, and only if no file changed while it was read (the key must name
        // exactly the content that was validated).
        if report.isValid, report.catalog.digest == digest {
            try? write(Self.encode(report.catalog), to: file)
        }
        return (report, .validated(reason: reason))
    }

    /// The cache file of a content digest.
    public func fileURL(digest: String) -> URL {
        directory.appendingPathComponent("content-\(digest).cache")
    }

    // MARK: Format

    /// The file's bytes for a validated catalog.
    public static func encode(_ catalog: Catalog) throws -> Data {
        // Sorted keys: the same content always gives the same bytes (profiles' quotas are a dictionary).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(CompiledContent(catalog))
        let header = ContentCacheHeader(contentDigest: catalog.digest, payloadBytes: payload.count,
                                        payloadSHA256: Hex.encode(SHA256.hash(data: payload)))
        var data = try header.encoded()
        data.append(UInt8(ascii: "\n"))
        data.append(payload)
        return data
    }

    /// The catalog in a cache file's bytes, checked against its header and the expected digest.
    public static func read(_ data: Data, expectedDigest: String) throws(ContentCacheError) -> Catalog {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { throw .truncated }
        let header: ContentCacheHeader
        do {
            header = try JSONDecoder().decode(ContentCacheHeader.self, from: data[data.startIndex..<newline])
        } catch {
            throw .unreadableHeader
        }
        guard header.format == ContentCacheHeader.formatName else { throw .notACache }
        guard header.version == ContentCacheHeader.currentVersion else { throw .otherVersion(header.version) }
        guard header.contentDigest == expectedDigest else { throw .otherContent }
        let payload = data[(newline + 1)...]
        guard payload.count == header.payloadBytes else { throw .truncated }
        guard Hex.encode(SHA256.hash(data: payload)) == header.payloadSHA256 else { throw .altered }
        do {
            return try JSONDecoder().decode(CompiledContent.self, from: payload).catalog(digest: header.contentDigest)
        } catch {
            throw .altered
        }
    }

    // MARK: Files

    /// The content's file, written (`writeWhole`), then the older ones pruned.
    private func write(_ data: Data, to file: URL) throws {
        try writeWhole(data, to: file)
        prune(keeping: file)
    }

    /// Any file of the cache folder (the terminal's compiled theme too), written whole under a
    /// temporary name then renamed: a reader sees the old file or the new one.
    public func writeWhole(_ data: Data, to file: URL) throws {
        let manager = FileManager.default
        // The home folder too when it is new: both readable by their owner only (answer keys inside).
        for folder in [directory.deletingLastPathComponent(), directory] where !manager.fileExists(atPath: folder.path) {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw ContentCacheError.notWritten
        }
        guard rename(temporary.path, file.path) == 0 else {
            try? manager.removeItem(at: temporary)
            throw ContentCacheError.notWritten
        }
    }

    /// Keeps the newest files (by modification date), the one just written among them.
    private func prune(keeping file: URL) {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("content-") && $0.hasSuffix(".cache") && $0 != file.lastPathComponent }
        let dated = names.map { name -> (String, Date) in
            let date = (try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.modificationDate]) as? Date
            return (name, date ?? .distantPast)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(Self.keptFiles - 1) {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

/// Why a cache file was not used (said by the benchmark; the terminal only falls back).
public enum ContentCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    case truncated
    case unreadableHeader
    case notACache
    case otherVersion(Int)
    case otherContent
    case altered
    case notWritten

    public var description: String {
        switch self {
        case .truncated: "cache tronqué"
        case .unreadableHeader: "en-tête du cache illisible"
        case .notACache: "fichier qui n'est pas un cache de contenu"
        case let .otherVersion(version): "cache de version \(version) (attendue : \(ContentCacheHeader.currentVersion))"
        case .otherContent: "cache d'un autre contenu"
        case .altered: "cache altéré"
        case .notWritten: "cache impossible à écrire"
        }
    }
}

/// The first line of a cache file.
public struct ContentCacheHeader: Codable, Sendable, Equatable {
    public static let formatName = "epreuve-content-cache"
    /// Raise it whenever `CompiledContent` or `Question` changes shape: older files are then rebuilt.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// `Catalog.digest` of the content the payload was compiled from.
    public var contentDigest: String
    public var payloadBytes: Int
    /// SHA-256 (hex) of the payload: a changed byte is detected.
    public var payloadSHA256: String

    public init(format: String = formatName, version: Int = currentVersion, contentDigest: String, payloadBytes: Int,
                payloadSHA256: String) {
        self.format = format
        self.version = version
        self.contentDigest = contentDigest
        self.payloadBytes = payloadBytes
        self.payloadSHA256 = payloadSHA256
    }

    /// One line of JSON, keys sorted.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A validated catalog as stored: banks as a list (sorted by id), questions in bank order.
public struct CompiledContent: Codable, Sendable, Equatable {
    public struct CompiledBank: Codable, Sendable, Equatable {
        public var id: String
        public var questions: [Question]
    }

    public var themes: [Theme]
    public var profiles: [Profile]
    public var banks: [CompiledBank]

    public init(_ catalog: Catalog) {
        themes = catalog.themes
        profiles = catalog.profiles
        banks = catalog.banks.values.sorted { $0.id < $1.id }.map { CompiledBank(id: $0.id, questions: $0.questions) }
    }

    public func catalog(digest: String) -> Catalog {
        Catalog(themes: themes, profiles: profiles,
                banks: Dictionary(banks.map { ($0.id, Bank(id: $0.id, questions: $0.questions)) }, uniquingKeysWith: { first, _ in first }),
                digest: digest)
    }
}
