import ExamKit
import ExamStore
import Foundation
import TestSupport
import Testing

/// The terminal store never turns a damaged row into a default: it names the table and the row.
@Suite struct TerminalStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("terminal-\(UUID().uuidString)/terminal.sqlite").path
    }

    /// Raw SQL through the sqlite3 program, as a damaged disk or a hand edit would leave the file.
    static func sqlite(_ sql: String, in path: String) throws {
        let output = try ChildProcess.run("/usr/bin/sqlite3", [path, sql])
        try #require(output.status == 0, "sqlite3 failed on \(sql): \(output.stderr)")
    }

    static let package = ExamPackage(
        attemptId: "a1", session: SessionInfo(number: "123456", name: "Essai", profileId: "ASSR1", profileTitle: "ASSR1",
                                              kind: .examen, state: .active, startsAt: Date(), endsAt: Date()),
        candidateId: "c1", firstName: "Lily", lastName: "Alexandre", className: "5A", extraTime: false, bank: "assr1",
        questions: [Question(id: "q1", theme: "vitesse", competence: "c", prompt: "p ?", choices: ["a", "b"], answer: [],
                             explanation: "", expectsSeveralAnswers: false)],
        timing: AttemptTiming(answerSeconds: 45), passMark: 10, contentDigest: "d", resultKey: "k")

    static let snapshot = AttemptSnapshot(index: 0, phase: .answering, remainingMs: 30_000, selections: [[1]], timeUsedMs: [15_000])

    /// Opening the store comes before the first frame: a store already made reads, and writes nothing
    /// (no throwaway table, no fsync), and stays in WAL mode.
    @Test func openingAnExistingStoreWritesNothing() throws {
        let path = Self.path()
        do {
            let store = try TerminalStore(path: path)
            try store.beginAttempt(Self.package, terminalId: "t")
        }
        let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)
        let store = try TerminalStore(path: path)
        #expect(try store.interruptedAttempt()?.attemptId == "a1")
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100) == header)
        let mode = try ChildProcess.run("/usr/bin/sqlite3", [path, "PRAGMA journal_mode"])
        #expect(mode.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
    }

    @Test func aCorruptSnapshotOrPackageNamesItsRow() throws {
        let path = Self.path()
        let store = try TerminalStore(path: path)
        try store.beginAttempt(Self.package, terminalId: "t")
        try store.journal(attemptId: "a1", event: .selectionChanged(index: 0, selection: [1]), snapshot: Self.snapshot)
        #expect(try store.interruptedAttempt()?.snapshot == Self.snapshot)

        try Self.sqlite("UPDATE localAttempt SET snapshot = '{\"index\": ' WHERE attemptId = 'a1'", in: path)
        #expect { try store.interruptedAttempt() } throws: { "\($0)" == "table localAttempt, ligne a1 : colonne snapshot illisible (donnée corrompue)" }
        try Self.sqlite("UPDATE localAttempt SET package = 'x' WHERE attemptId = 'a1'", in: path)
        #expect { try store.latestPackage() } throws: { "\($0)" == "table localAttempt, ligne a1 : colonne package illisible (donnée corrompue)" }
    }

    @Test func aCorruptEnvelopeNamesItsRow() throws {
        let path = Self.path()
        let store = try TerminalStore(path: path)
        try store.beginAttempt(Self.package, terminalId: "t")
        try store.journal(attemptId: "a1", event: .finished, snapshot: Self.snapshot)
        let entry = try #require(try store.undelivered().first)
        #expect(entry.state == .pending)
        #expect(try entry.decodedEnvelope().attemptId == "a1")
        try Self.sqlite("UPDATE outbox SET envelope = '[]' WHERE attemptId = 'a1'", in: path)
        #expect { try store.undelivered().first?.decodedEnvelope() } throws: {
            "\($0)" == "table outbox, ligne a1 : colonne envelope illisible (donnée corrompue)"
        }
    }

    @Test func aCorruptPracticeModeNamesItsRow() throws {
        let path = Self.path()
        let store = try TerminalStore(path: path)
        let id = try store.recordPractice(PracticeResult(mode: .practice, profileName: "Lily", bank: "ASSR1", questions: 2, right: 1,
                                                         durationMs: 1000, passed: nil, themes: []))
        try Self.sqlite("UPDATE practiceResult SET mode = 'nimporte'", in: path)
        #expect { try store.practiceHistory() } throws: {
            "\($0)" == "table practiceResult, ligne \(id) : mode « nimporte » inconnu (donnée corrompue)"
        }
    }

    @Test func outboxStatesWrittenAsWordsByTheFirstVersionAreRead() throws {
        // A store of the first version held « en attente » and « remis »: the migration turns them into states.
        let path = Self.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Self.sqlite("""
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1'), ('practice-history-v1');
            CREATE TABLE localAttempt (attemptId TEXT PRIMARY KEY, examNumber TEXT NOT NULL, candidateId TEXT NOT NULL,
              candidateName TEXT NOT NULL, terminalId TEXT NOT NULL, package TEXT NOT NULL, snapshot TEXT, status TEXT NOT NULL,
              startedAt DATETIME NOT NULL, updatedAt DATETIME NOT NULL);
            CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, attemptId TEXT NOT NULL REFERENCES localAttempt(attemptId),
              event TEXT NOT NULL, questionIndex INTEGER, selection TEXT, at DATETIME NOT NULL);
            CREATE TABLE outbox (attemptId TEXT PRIMARY KEY, examNumber TEXT NOT NULL, candidateId TEXT NOT NULL, envelope TEXT NOT NULL,
              tries INTEGER NOT NULL, lastError TEXT, state TEXT NOT NULL, nextTryAt DATETIME NOT NULL, createdAt DATETIME NOT NULL,
              deliveredAt DATETIME);
            CREATE TABLE practiceProfile (name TEXT PRIMARY KEY COLLATE NOCASE, createdAt DATETIME NOT NULL);
            CREATE TABLE practiceResult (id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL, mode TEXT NOT NULL,
              bank TEXT NOT NULL, questions INTEGER NOT NULL, "right" INTEGER NOT NULL, durationMs INTEGER NOT NULL, passed BOOLEAN,
              finishedAt DATETIME NOT NULL);
            CREATE TABLE practiceThemeResult (resultId INTEGER NOT NULL, theme TEXT NOT NULL, questions INTEGER NOT NULL,
              "right" INTEGER NOT NULL);
            INSERT INTO outbox VALUES ('a', '1', 'c', '{}', 0, NULL, 'en attente', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', NULL);
            INSERT INTO outbox VALUES ('b', '1', 'd', '{}', 1, NULL, 'remis', '2026-01-01 00:00:00.000', '2026-01-01 00:00:01.000', NULL);
            """, in: path)
        let store = try TerminalStore(path: path)
        #expect(try store.outbox().map(\.state) == [.pending, .delivered])
        #expect(try store.undelivered().map(\.attemptId) == ["a"])
    }
}

@Suite struct StoreFilePermissionTests {
    @Test func theHomeFolderAndTheStoreAreTheOwnersAlone() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("maison-\(UUID().uuidString)")
        let store = try TerminalStore.open(home: home)
        try store.beginAttempt(TerminalStoreTests.package, terminalId: "t")
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(home.path) == 0o700)
        for file in ["terminal.sqlite", "terminal.sqlite-wal", "terminal.sqlite-shm"] {
            #expect(try mode(home.appendingPathComponent(file).path) == 0o600, "\(file)")
        }
    }
}

@Suite struct HomeFolderTests {
    @Test func theUsersHomeIsFoundationsAsText() {
        #expect(HomeFolder.userHome == FileManager.default.homeDirectoryForCurrentUser.path)
    }

    @Test func namesAreJoinedWithOneSlash() {
        #expect(HomeFolder.join("/a/b", "c") == "/a/b/c")
        #expect(HomeFolder.join("/a/b/", "c") == "/a/b/c")
        #expect(HomeFolder.path(explicit: "/x/y") == "/x/y")
    }
}
