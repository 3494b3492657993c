import CenterService
import ExamKit
import Foundation
import GRDB

// The stored forms of the center's domain values. Decoding checks every column: a value that
// cannot be read throws `CenterError.unreadableRow` naming the table, the row and the column.

extension SessionKind: DatabaseValueConvertible {}
extension ResultSource: DatabaseValueConvertible {}
extension SessionMedium: DatabaseValueConvertible {}
extension AlertKind: DatabaseValueConvertible {}
extension AlertStatus: DatabaseValueConvertible {}
extension SessionLogKind: DatabaseValueConvertible {}

/// Reads the columns of one row, naming the row in errors.
struct ColumnReader: StoredRowReading {
    let row: Row
    let table: String
    let id: String

    init(_ row: Row, table: String, id idColumns: String...) {
        self.row = row
        self.table = table
        id = idColumns.map { column in
            let value: DatabaseValue = row[column]
            return String.fromDatabaseValue(value) ?? "?"
        }.joined(separator: "/")
    }

    func callAsFunction<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        guard let value = try optional(column) as T? else { throw unreadable(column, "valeur absente") }
        return value
    }

    func optional<T: DatabaseValueConvertible>(_ column: String) throws -> T? {
        let value: DatabaseValue = row[column]
        if value.isNull { return nil }
        guard let decoded = T.fromDatabaseValue(value) else { throw unreadable(column) }
        return decoded
    }

    func text(_ column: String) throws -> String { try self(column) }

    func optionalText(_ column: String) throws -> String? { try optional(column) }
}

func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

struct CandidateRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "candidate"
    var value: Candidate

    init(_ value: Candidate) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "id")
        value = Candidate(
            id: try read("id"), ine: try read.optional("ine"), lastName: try read("lastName"), firstName: try read("firstName"),
            birthDate: try read("birthDate"), className: try read("className"), sex: try read("sex"),
            attestation: try read("attestation"), siecle: try read("siecle"), extraTime: try read("extraTime"),
            readsAloud: try read("readsAloud"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = value.id
        container["ine"] = value.ine
        container["lastName"] = value.lastName
        container["firstName"] = value.firstName
        container["birthDate"] = value.birthDate
        container["className"] = value.className
        container["sex"] = value.sex
        container["attestation"] = value.attestation
        container["siecle"] = value.siecle
        container["extraTime"] = value.extraTime
        container["readsAloud"] = value.readsAloud
    }
}

struct SessionRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    var value: CenterSession

    init(_ value: CenterSession) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "number")
        value = CenterSession(
            number: try read("number"), kind: try read("kind"), profileId: try read("profileId"), name: try read("name"),
            startsAt: try read("startsAt"), place: try read.optional("place"), timed: try read("timed"),
            alwaysActive: try read("alwaysActive"), seed: try read("seed"), resultKey: try read("resultKey"),
            surveillantSalt: try read("surveillantSalt"), surveillantHash: try read("surveillantHash"),
            surveillantCheck: try read.optionalRecurringJSON("surveillantCheck"),
            questionIds: try read.recurringJSON("questionIds"), contentDigest: try read("contentDigest"),
            createdAt: try read("createdAt"), medium: try read("medium"), themeIds: try read.optionalRecurringJSON("themeIds"),
            additionalText: try read.optional("additionalText"), rattrapageOf: try read.optional("rattrapageOf"),
            requiresPresence: try read("requiresPresence"), closedAt: try read.optional("closedAt"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["number"] = value.number
        container["kind"] = value.kind
        container["profileId"] = value.profileId
        container["name"] = value.name
        container["startsAt"] = value.startsAt
        container["place"] = value.place
        container["timed"] = value.timed
        container["alwaysActive"] = value.alwaysActive
        container["seed"] = value.seed
        container["resultKey"] = value.resultKey
        container["surveillantSalt"] = value.surveillantSalt
        container["surveillantHash"] = value.surveillantHash
        container["surveillantCheck"] = try value.surveillantCheck.map(jsonText)
        container["questionIds"] = try jsonText(value.questionIds)
        container["contentDigest"] = value.contentDigest
        container["createdAt"] = value.createdAt
        container["medium"] = value.medium
        container["themeIds"] = try value.themeIds.map(jsonText)
        container["additionalText"] = value.additionalText
        container["rattrapageOf"] = value.rattrapageOf
        container["requiresPresence"] = value.requiresPresence
        container["closedAt"] = value.closedAt
    }
}

struct EnrolmentRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "sessionCandidate"
    var value: Enrolment

    init(_ value: Enrolment) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "sessionNumber", "candidateId")
        value = Enrolment(
            sessionNumber: try read("sessionNumber"), candidateId: try read("candidateId"), codeSalt: try read("codeSalt"),
            codeHash: try read("codeHash"), extraTime: try read("extraTime"), demoCode: try read.optional("demoCode"),
            presenceConfirmedAt: try read.optional("presenceConfirmedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["sessionNumber"] = value.sessionNumber
        container["candidateId"] = value.candidateId
        container["codeSalt"] = value.codeSalt
        container["codeHash"] = value.codeHash
        container["extraTime"] = value.extraTime
        container["demoCode"] = value.demoCode
        container["presenceConfirmedAt"] = value.presenceConfirmedAt
    }
}

struct AttemptRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempt"
    var value: CenterAttempt

    init(_ value: CenterAttempt) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "id")
        value = CenterAttempt(id: try read("id"), sessionNumber: try read("sessionNumber"), candidateId: try read("candidateId"),
                              terminalId: try read("terminalId"), openedAt: try read("openedAt"),
                              progress: try read.optionalJSON("progress"), progressAt: try read.optional("progressAt"),
                              transferAuthorized: try read("transferAuthorized"), stopReason: try read.optional("stopReason"),
                              stoppedAt: try read.optional("stoppedAt"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = value.id
        container["sessionNumber"] = value.sessionNumber
        container["candidateId"] = value.candidateId
        container["terminalId"] = value.terminalId
        container["openedAt"] = value.openedAt
        container["progress"] = try value.progress.map(jsonText)
        container["progressAt"] = value.progressAt
        container["transferAuthorized"] = value.transferAuthorized
        container["stopReason"] = value.stopReason
        container["stoppedAt"] = value.stoppedAt
    }
}

struct ResultRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "result"
    var value: StoredResult

    init(_ value: StoredResult) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "attemptId")
        value = StoredResult(
            attemptId: try read("attemptId"), sessionNumber: try read("sessionNumber"), candidateId: try read("candidateId"),
            terminalId: try read("terminalId"), startedAt: try read("startedAt"), finishedAt: try read("finishedAt"),
            answers: try read.json("answers"), contentHash: try read("contentHash"), envelope: try read("envelope"),
            score: try read("score"), questionCount: try read("questionCount"), passed: try read("passed"),
            source: try read("source"), storedAt: try read("storedAt"), stopReason: try read.optional("stopReason"),
            neutralizedQuestionIds: try read.json("neutralized"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["attemptId"] = value.attemptId
        container["sessionNumber"] = value.sessionNumber
        container["candidateId"] = value.candidateId
        container["terminalId"] = value.terminalId
        container["startedAt"] = value.startedAt
        container["finishedAt"] = value.finishedAt
        container["answers"] = StoredJSON.answers(value.answers)
        container["contentHash"] = value.contentHash
        container["envelope"] = value.envelope
        container["score"] = value.score
        container["questionCount"] = value.questionCount
        container["passed"] = value.passed
        container["source"] = value.source
        container["storedAt"] = value.storedAt
        container["stopReason"] = value.stopReason
        container["neutralized"] = StoredJSON.strings(value.neutralizedQuestionIds)
    }
}

/// Consecutive wrong codes per key (DESIGN §7). The column is still named after the first key kind.
struct ThrottleRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "loginThrottle"
    var key: String
    var value: LoginThrottle
    var updatedAt: Date?

    init(key: String, value: LoginThrottle, updatedAt: Date) {
        self.key = key
        self.value = value
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "terminalId")
        key = try read("terminalId")
        value = LoginThrottle(consecutiveFailures: try read("consecutiveFailures"), lockCount: try read("lockCount"),
                              lockedUntil: try read.optional("lockedUntil"))
        updatedAt = try read.optional("updatedAt")
    }

    func encode(to container: inout PersistenceContainer) {
        container["terminalId"] = key
        container["consecutiveFailures"] = value.consecutiveFailures
        container["lockCount"] = value.lockCount
        container["lockedUntil"] = value.lockedUntil
        container["updatedAt"] = updatedAt
    }
}

extension ThrottleKey {
    /// Terminal keys are stored bare, as the first schema did.
    var storageKey: String {
        switch self {
        case let .terminal(id): id
        }
    }
}
