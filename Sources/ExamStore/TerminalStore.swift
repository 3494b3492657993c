import ExamKit
import Foundation
import GRDB

/// The terminal's own store (`terminal.sqlite` in the home folder): the journal of every attempt
/// taken here, and the outbox of results not yet acknowledged by the center.
public final class TerminalStore: Sendable {
    let database: DatabaseQueue
    let clock: any WallClock

    public init(path: String, clock: any WallClock = SystemWallClock()) throws {
        self.clock = clock
        database = try StoreError.wrap("ouverture de \(path)") {
            try DatabaseOpener.openSerial(path: path, migrator: TerminalSchema.migrator)
        }
    }

    public static func open(home: URL, clock: any WallClock = SystemWallClock()) throws -> TerminalStore {
        try open(homePath: home.path, clock: clock)
    }

    /// `terminal.sqlite` in the folder `homePath`, joined as text (no `URL` before the first frame).
    public static func open(homePath: String, clock: any WallClock = SystemWallClock()) throws -> TerminalStore {
        try TerminalStore(path: HomeFolder.join(homePath, "terminal.sqlite"), clock: clock)
    }

    // MARK: Attempts and journal

    /// Records a started attempt with its package, so it can be resumed after a crash.
    public func beginAttempt(_ package: ExamPackage, terminalId: String) throws {
        let packageJSON = String(decoding: try JSONEncoder().encode(package), as: UTF8.self)
        let now = clock.now()
        try StoreError.wrap("journal") {
            try database.write { db in
                guard try LocalAttemptRecord.fetchOne(db, key: package.attemptId) == nil else { return }
                try LocalAttemptRecord(
                    attemptId: package.attemptId, examNumber: package.session.number, candidateId: package.candidateId,
                    candidateName: "\(package.firstName) \(package.lastName.uppercased())", terminalId: terminalId,
                    package: packageJSON, snapshot: nil, status: .running, stopReason: nil, startedAt: now, updatedAt: now
                ).insert(db)
            }
        }
    }

    /// Writes one attempt event and the snapshot after it, durably, before the screen shows it.
    /// When the event finishes the attempt, the signed result enters the outbox in the same transaction.
    public func journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot) throws {
        let snapshotJSON = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        let now = clock.now()
        try StoreError.wrap("journal") {
            try database.write { db in
                guard var attempt = try LocalAttemptRecord.fetchOne(db, key: attemptId) else {
                    throw StoreError("journal : tentative \(attemptId) inconnue")
                }
                var entry = JournalEntry(id: nil, attemptId: attemptId, event: event.journalName, questionIndex: event.questionIndex,
                                         selection: event.selectionText, at: now)
                try entry.insert(db)
                attempt.snapshot = snapshotJSON
                attempt.updatedAt = now
                if event == .finished {
                    attempt.status = .finished
                    let envelope = try attempt.envelope(snapshot: snapshot, finishedAt: now)
                    try OutboxRecord(
                        attemptId: attemptId, examNumber: attempt.examNumber, candidateId: attempt.candidateId,
                        envelope: String(decoding: envelope.fileData(), as: UTF8.self), tries: 0, lastError: nil,
                        state: .pending, nextTryAt: now, createdAt: now, deliveredAt: nil
                    ).insert(db, onConflict: .ignore)
                }
                try attempt.update(db)
            }
        }
    }

    /// The surveillant ended the attempt: the reason goes with its result.
    public func recordStop(attemptId: String, reason: String) throws {
        try StoreError.wrap("journal") {
            try database.write { db in
                try db.execute(sql: "UPDATE localAttempt SET stopReason = ? WHERE attemptId = ?", arguments: [reason, attemptId])
            }
        }
    }

    /// Saves the time left without an event (each second during an exam, and on SIGTERM).
    public func saveSnapshot(attemptId: String, snapshot: AttemptSnapshot) throws {
        let snapshotJSON = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        try StoreError.wrap("journal") {
            try database.write { db in
                try db.execute(sql: "UPDATE localAttempt SET snapshot = ?, updatedAt = ? WHERE attemptId = ? AND status = ?",
                               arguments: [snapshotJSON, clock.now(), attemptId, LocalAttemptStatus.running])
            }
        }
    }

    public struct Interrupted: Sendable {
        public let attemptId: String
        public let examNumber: String
        public let candidateId: String
        public let candidateName: String
        public let package: ExamPackage
        public let snapshot: AttemptSnapshot?
    }

    /// The attempt left running on this terminal (crash, power cut, SIGTERM), if any.
    public func interruptedAttempt() throws -> Interrupted? {
        try database.read { db in
            // In SQL: asked before the first frame, where the query builder's first use (it reads
            // the schema to plan the request) cost 0.7 ms.
            let latestRunning = "SELECT * FROM localAttempt WHERE status = ? ORDER BY updatedAt DESC LIMIT 1"
            guard let record = try LocalAttemptRecord.fetchOne(db, sql: latestRunning, arguments: [LocalAttemptStatus.running.rawValue])
            else { return nil }
            return try record.interrupted()
        }
    }

    public func interruptedAttempt(examNumber: String, candidateId: String) throws -> Interrupted? {
        try database.read { db in
            try LocalAttemptRecord.filter(Column("status") == LocalAttemptStatus.running && Column("examNumber") == examNumber
                && Column("candidateId") == candidateId).fetchOne(db)?.interrupted()
        }
    }

    /// The package of the attempt taken here most recently (its session is the terminal's last one).
    public func latestPackage() throws -> ExamPackage? {
        try database.read { db in
            try LocalAttemptRecord.order(Column("updatedAt").desc).fetchOne(db)?.decodedPackage()
        }
    }

    /// The latest package of one session taken here (its offline surveillant check).
    public func latestPackage(examNumber: String) throws -> ExamPackage? {
        try database.read { db in
            try LocalAttemptRecord.filter(Column("examNumber") == examNumber).order(Column("updatedAt").desc).fetchOne(db)?
                .decodedPackage()
        }
    }

    /// The attempt went on on another terminal: it is not resumable here and its result, if one was
    /// queued, is not sent.
    public func markMoved(attemptId: String) throws {
        try StoreError.wrap("journal") {
            try database.write { db in
                try db.execute(sql: "UPDATE localAttempt SET status = ?, updatedAt = ? WHERE attemptId = ?",
                               arguments: [LocalAttemptStatus.moved, clock.now(), attemptId])
                try db.execute(sql: "UPDATE outbox SET state = ? WHERE attemptId = ? AND state = ?",
                               arguments: [OutboxState.superseded, attemptId, OutboxState.pending])
            }
        }
    }

    /// A reissued surveillant code reaches the packages of its session kept here.
    public func updateSurveillantCheck(examNumber: String, check: SlowCodeHash) throws {
        try StoreError.wrap("journal") {
            try database.write { db in
                for var record in try LocalAttemptRecord.filter(Column("examNumber") == examNumber).fetchAll(db) {
                    var package = try record.decodedPackage()
                    guard package.surveillantCheck != check else { continue }
                    package.surveillantCheck = check
                    record.package = String(decoding: try JSONEncoder().encode(package), as: UTF8.self)
                    try record.update(db)
                }
            }
        }
    }
}

/// One line of the journal: what happened to an attempt, in order.
struct JournalEntry: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "journal"
    var id: Int64?
    var attemptId: String
    var event: String
    var questionIndex: Int?
    var selection: String?
    var at: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Whether an attempt taken here still runs (and can be resumed) or is over.
enum LocalAttemptStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case running
    case finished
    /// The surveillant moved it to another terminal: nothing here counts any more.
    case moved
}

struct LocalAttemptRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "localAttempt"
    var attemptId: String
    var examNumber: String
    var candidateId: String
    var candidateName: String
    var terminalId: String
    var package: String
    var snapshot: String?
    var status: LocalAttemptStatus
    /// Why the surveillant ended the attempt, when they did.
    var stopReason: String?
    var startedAt: Date
    var updatedAt: Date

    func decodedPackage() throws -> ExamPackage {
        try StoreError.decode(ExamPackage.self, from: package, table: Self.databaseTableName, id: attemptId, column: "package")
    }

    func decodedSnapshot() throws -> AttemptSnapshot? {
        try snapshot.map { try StoreError.decode(AttemptSnapshot.self, from: $0, table: Self.databaseTableName, id: attemptId, column: "snapshot") }
    }

    func interrupted() throws -> TerminalStore.Interrupted {
        TerminalStore.Interrupted(
            attemptId: attemptId, examNumber: examNumber, candidateId: candidateId, candidateName: candidateName,
            package: try decodedPackage(), snapshot: try decodedSnapshot())
    }

    /// The signed result of this attempt from its final snapshot.
    func envelope(snapshot: AttemptSnapshot, finishedAt: Date) throws -> ResultEnvelope {
        let package = try decodedPackage()
        let answers = package.questions.enumerated().map { index, question in
            ResultEnvelope.Answer(
                position: index + 1, questionId: question.id,
                selected: ChoiceLetter.letters(index < snapshot.selections.count ? snapshot.selections[index] : []),
                timeUsedMs: index < snapshot.timeUsedMs.count ? snapshot.timeUsedMs[index] : 0)
        }
        return ResultEnvelope(
            attemptId: attemptId, examNumber: examNumber, candidateId: candidateId, terminalId: terminalId, bank: package.bank,
            extraTime: package.extraTime, startedAt: startedAt, finishedAt: finishedAt, questions: answers,
            contentDigest: package.contentDigest, stopReason: stopReason
        ).signed(key: package.resultKey)
    }
}

extension AttemptEvent {
    var journalName: String {
        switch self {
        case .readingStarted: "reading"
        case .situationStarted: "situation"
        case .answeringStarted: "answering"
        case .selectionChanged: "selection"
        case .questionClosed: "closed"
        case .finished: "finished"
        }
    }

    var questionIndex: Int? {
        switch self {
        case let .readingStarted(index), let .situationStarted(index), let .answeringStarted(index): index
        case let .selectionChanged(index, _), let .questionClosed(index, _, _): index
        case .finished: nil
        }
    }

    var selectionText: String? {
        switch self {
        case let .selectionChanged(_, selection), let .questionClosed(_, selection, _):
            ChoiceLetter.letters(Array(selection)).joined(separator: ",")
        default: nil
        }
    }
}

enum TerminalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "localAttempt") { t in
                t.primaryKey("attemptId", .text)
                t.column("examNumber", .text).notNull()
                t.column("candidateId", .text).notNull()
                t.column("candidateName", .text).notNull()
                t.column("terminalId", .text).notNull()
                t.column("package", .text).notNull()
                t.column("snapshot", .text)
                t.column("status", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "journal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("attemptId", .text).notNull().references("localAttempt")
                t.column("event", .text).notNull()
                t.column("questionIndex", .integer)
                t.column("selection", .text)
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "outbox") { t in
                t.primaryKey("attemptId", .text)
                t.column("examNumber", .text).notNull()
                t.column("candidateId", .text).notNull()
                t.column("envelope", .text).notNull()
                t.column("tries", .integer).notNull()
                t.column("lastError", .text)
                t.column("state", .text).notNull()
                t.column("nextTryAt", .datetime).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("deliveredAt", .datetime)
            }
        }
        PracticeHistorySchema.register(in: &migrator)
        migrator.registerMigration("outbox-state-ids") { db in
            // The first version stored display words as states.
            try db.execute(sql: "UPDATE outbox SET state = 'pending' WHERE state = 'en attente'")
            try db.execute(sql: "UPDATE outbox SET state = 'delivered' WHERE state = 'remis'")
        }
        migrator.registerMigration("stop-reason") { db in
            try db.alter(table: "localAttempt") { t in t.add(column: "stopReason", .text) }
        }
        return migrator
    }
}
