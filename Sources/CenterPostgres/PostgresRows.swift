import CenterService
import ExamKit
import Foundation
import PostgresNIO

// Rows back into domain values. Every column is checked: a NULL where a value is due, a value of
// another type, a state this program does not know or JSON of the wrong shape throws
// `CenterError.unreadableRow` naming the table, the row and the column (the SQLite wording).

/// Reads the columns of one row, naming the row in errors.
struct ColumnReader: StoredRowReading {
    let row: PostgresRandomAccessRow
    let table: String
    let id: String
    /// Column → the name it has in this result set, for joins that rename a clashing column.
    let aliases: [String: String]

    init(_ row: PostgresRow, table: String, id idColumns: String..., aliases: [String: String] = [:]) {
        let random = row.makeRandomAccess()
        self.row = random
        self.table = table
        self.aliases = aliases
        id = idColumns.map { column in
            let name = aliases[column] ?? column
            guard random.contains(name) else { return "?" }
            return ((try? random[name].decode(String?.self)) ?? nil) ?? "?"
        }.joined(separator: "/")
    }

    func callAsFunction<T: PostgresDecodable>(_ column: String) throws -> T {
        guard let value = try optional(column) as T? else { throw unreadable(column, "valeur absente") }
        return value
    }

    func optional<T: PostgresDecodable>(_ column: String) throws -> T? {
        let name = aliases[column] ?? column
        guard row.contains(name) else { throw unreadable(column, "colonne absente") }
        let cell = row[name]
        if cell.bytes == nil { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw unreadable(column)
        }
    }

    func text(_ column: String) throws -> String { try self(column) }

    func optionalText(_ column: String) throws -> String? { try optional(column) }
}

/// JSON for jsonb parameters (bound as text and cast in SQL), keys sorted like SQLite's columns.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

enum Rows {
    static func candidate(_ row: PostgresRow, aliases: [String: String] = [:]) throws -> Candidate {
        let read = ColumnReader(row, table: "candidate", id: "id", aliases: aliases)
        return Candidate(
            id: try read("id"), ine: try read.optional("ine"), lastName: try read("last_name"), firstName: try read("first_name"),
            birthDate: try read("birth_date"), className: try read("class_name"), sex: try read("sex"),
            attestation: try read("attestation"), siecle: try read("siecle"), extraTime: try read("extra_time"),
            readsAloud: try read("reads_aloud"))
    }

    static func session(_ row: PostgresRow) throws -> CenterSession {
        let read = ColumnReader(row, table: "session", id: "number")
        return CenterSession(
            number: try read("number"), kind: try read.state("kind"), profileId: try read("profile_id"), name: try read("name"),
            startsAt: try read("starts_at"), place: try read.optional("place"), timed: try read("timed"),
            alwaysActive: try read("always_active"), seed: try read("seed"), resultKey: try read("result_key"),
            surveillantSalt: try read("surveillant_salt"), surveillantHash: try read("surveillant_hash"),
            surveillantCheck: try read.optionalRecurringJSON("surveillant_check"),
            questionIds: try read.recurringJSON("question_ids"), contentDigest: try read("content_digest"),
            createdAt: try read("created_at"), medium: try read.state("medium"), themeIds: try read.optionalRecurringJSON("theme_ids"),
            additionalText: try read.optional("additional_text"), rattrapageOf: try read.optional("rattrapage_of"),
            requiresPresence: try read("requires_presence"), closedAt: try read.optional("closed_at"))
    }

    static func enrolment(_ row: PostgresRow, aliases: [String: String] = [:]) throws -> Enrolment {
        let read = ColumnReader(row, table: "session_candidate", id: "session_number", "candidate_id", aliases: aliases)
        return Enrolment(
            sessionNumber: try read("session_number"), candidateId: try read("candidate_id"), codeSalt: try read("code_salt"),
            codeHash: try read("code_hash"), extraTime: try read("extra_time"), demoCode: try read.optional("demo_code"),
            presenceConfirmedAt: try read.optional("presence_confirmed_at"))
    }

    static func attempt(_ row: PostgresRow, aliases: [String: String] = [:]) throws -> CenterAttempt {
        let read = ColumnReader(row, table: "attempt", id: "id", aliases: aliases)
        return CenterAttempt(id: try read("id"), sessionNumber: try read("session_number"), candidateId: try read("candidate_id"),
                             terminalId: try read("terminal_id"), openedAt: try read("opened_at"),
                             progress: try read.optionalJSON("progress"), progressAt: try read.optional("progress_at"),
                             transferAuthorized: try read("transfer_authorized"), stopReason: try read.optional("stop_reason"),
                             stoppedAt: try read.optional("stopped_at"))
    }

    static func result(_ row: PostgresRow) throws -> StoredResult {
        let read = ColumnReader(row, table: "result", id: "attempt_id")
        return StoredResult(
            attemptId: try read("attempt_id"), sessionNumber: try read("session_number"), candidateId: try read("candidate_id"),
            terminalId: try read("terminal_id"), startedAt: try read("started_at"), finishedAt: try read("finished_at"),
            answers: try read.json("answers"), contentHash: try read("content_hash"), envelope: try read("envelope"),
            score: try read("score"), questionCount: try read("question_count"), passed: try read("passed"),
            source: try read.state("source"), storedAt: try read("stored_at"), stopReason: try read.optional("stop_reason"),
            neutralizedQuestionIds: try read.json("neutralized"))
    }

    static func throttle(_ row: PostgresRow) throws -> LoginThrottle {
        let read = ColumnReader(row, table: "login_throttle", id: "key")
        return LoginThrottle(consecutiveFailures: try read("consecutive_failures"), lockCount: try read("lock_count"),
                             lockedUntil: try read.optional("locked_until"))
    }
}

extension ThrottleKey {
    /// Terminal keys are stored bare, as in SQLite.
    var storageKey: String {
        switch self {
        case let .terminal(id): id
        }
    }
}
