import Foundation
import Glibc
import GRDB

/// Opens SQLite files the same way everywhere: WAL with one writer, synchronous FULL, foreign keys,
/// a busy timeout so a second process waits instead of failing, migrations applied on open.
enum DatabaseOpener {
    /// A pool: one writer and concurrent readers (the center, which serves many terminals at once).
    /// Its WAL is checkpointed by `WALCheckpointer`, off the commit path; SQLite's own automatic
    /// checkpoint stays as a backstop at `WALCheckpointer.backstopPages`.
    static func open(path: String, migrator: DatabaseMigrator,
                     statementObserver: (@Sendable (String) -> Void)? = nil) throws -> (DatabasePool, WALCheckpointer) {
        try prepareFile(path)
        var configuration = configuration(statementObserver: statementObserver)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        return (pool, try WALCheckpointer(path: path, configuration: Self.configuration(statementObserver: nil)))
    }

    /// One connection in WAL mode (a terminal, whose store one program uses at a time). A pool
    /// would, at every start, write and sync a throwaway table so that its readers find a
    /// non-empty WAL file: three fsyncs before the first frame, for readers a terminal does not need.
    static func openSerial(path: String, migrator: DatabaseMigrator) throws -> DatabaseQueue {
        try prepareFile(path)
        var configuration = configuration(statementObserver: nil)
        configuration.prepareDatabase { db in
            // Persistent in the file: a no-op, with no write, once the file is in WAL mode.
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else { throw StoreError("\(path) : mode WAL impossible (\(mode ?? "?"))") }
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try migrator.migrate(queue)
        return queue
    }

    /// The folder and the file are the owner's alone: answers, codes' hashes and keys. SQLite gives
    /// its -wal and -shm files the database file's permissions.
    private static func prepareFile(_ path: String) throws {
        // As text, and only when missing: `URL` and `FileManager` cost the terminal about a
        // millisecond before its first frame.
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var status = stat()
        if !directory.isEmpty, stat(directory, &status) != 0 || (status.st_mode & S_IFMT) != S_IFDIR {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let descriptor = Glibc.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            close(descriptor)
        }
    }

    private static func configuration(statementObserver: (@Sendable (String) -> Void)?) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL: an answer acknowledged to the screen survives a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Benchmarks count the statements a piece of work costs.
            if let statementObserver { db.trace { statementObserver("\($0)") } }
        }
        return configuration
    }

    /// SQLite failures as sentences (a full disk must not look like a crash).
    static func sentence(_ what: String, _ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: "\(what) : disque plein, rien n'a été enregistré"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            "\(what) : base de données non accessible en écriture (\(error.message ?? "droits"))"
        default: "\(what) : erreur de la base de données (\(error.message ?? "\(error.resultCode)"))"
        }
    }
}

/// A store error a person can act on, in one French line.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// A JSON column that cannot be read: the row is named, never replaced by a default.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String, id: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError("table \(table), ligne \(id) : colonne \(column) illisible (donnée corrompue)")
        }
    }

    /// Turns SQLite failures into sentences (a full disk must not look like a crash).
    static func wrap<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(DatabaseOpener.sentence(what, error))
        }
    }
}
