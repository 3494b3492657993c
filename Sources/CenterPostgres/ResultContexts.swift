import CenterService
import PostgresNIO

/// The session, attempt and enrolment one result is checked against.
struct ResultContextRequest: Sendable {
    let session: String
    let attemptId: String
}

/// What a result's checks read, for the results arriving together in one statement (`Batches`):
/// `result_context` for one, `result_contexts` for several (schema 7); PL/pgSQL plans their queries
/// once per connection. The attempt's and the enrolment's columns are renamed (`a_…`, `e_…`) so that
/// none clashes with the session's.
struct ResultContexts: Sendable {
    let statements: PostgresStatements

    static let what = "lecture d'une tentative"
    static let attemptColumns = renamed(["id", "session_number", "candidate_id", "terminal_id", "opened_at", "progress",
                                         "progress_at", "transfer_authorized", "stop_reason", "stopped_at"], prefix: "a_")
    static let enrolmentColumns = renamed(["session_number", "candidate_id", "code_salt", "code_hash", "extra_time", "demo_code",
                                           "presence_confirmed_at"], prefix: "e_")
    /// The row's columns after the session's own: the attempt's and the enrolment's renamed, the alerts.
    static let columns = [("a", attemptColumns), ("e", enrolmentColumns)].flatMap { row, columns in
        columns.sorted { $0.key < $1.key }.map { "(c.\(row)).\($0.key) AS \($0.value)" }
    }.joined(separator: ", ") + ", c.accepted_alerts"

    private static func renamed(_ columns: [String], prefix: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0, prefix + $0) })
    }

    /// A batch, answered in its order; a row that cannot be read fails its request only.
    func read(_ batch: [ResultContextRequest]) async -> [Result<ResultContext, any Error>] {
        do {
            if batch.count == 1 {
                let rows = try await statements.rows(Self.what, """
                    SELECT (c.s).*, \(unescaped: Self.columns) FROM result_context(\(batch[0].session), \(batch[0].attemptId)) AS c
                    """)
                return [Result { try Self.context(rows.first, attemptId: batch[0].attemptId) }]
            }
            let rows = try await statements.rows(Self.what, """
                SELECT c.item, (c.s).*, \(unescaped: Self.columns)
                FROM result_contexts(\(batch.map(\.session)), \(batch.map(\.attemptId))) AS c
                """)
            return try PostgresStatements.answersByItem(rows, count: batch.count, table: "attempt") { row, index in
                try Self.context(row, attemptId: batch[index].attemptId)
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }

    static func context(_ row: PostgresRow?, attemptId: String) throws -> ResultContext {
        guard let row else { return ResultContext(session: nil, attempt: nil, enrolment: nil, acceptedAlerts: []) }
        let cells = row.makeRandomAccess()
        func present(_ column: String) -> Bool { cells[column].bytes != nil }
        let accepted: [String]
        do {
            accepted = try cells["accepted_alerts"].decode([String].self)
        } catch {
            throw CenterError.unreadableRow(table: "alert", id: attemptId, column: "question_id", detail: nil)
        }
        return ResultContext(
            session: present("number") ? try Rows.session(row) : nil,
            attempt: present("a_id") ? try Rows.attempt(row, aliases: attemptColumns) : nil,
            enrolment: present("e_session_number") ? try Rows.enrolment(row, aliases: enrolmentColumns) : nil,
            acceptedAlerts: Set(accepted))
    }
}
