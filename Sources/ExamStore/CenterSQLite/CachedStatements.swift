import GRDB

/// Statements prepared once per connection. The center's hot paths (login, progress, result) run
/// the same few SQL texts for every candidate; GRDB's query interface prepares (and authorizes) a
/// new statement each time, which cost more than running it (`epreuve-delivery-bench`, perf).
extension Database {
    func one<Record: FetchableRecord>(_ type: Record.Type, _ sql: String, _ arguments: StatementArguments) throws -> Record? {
        try Record.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// `sql` selects anything from the rows that count: true when there is one.
    func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (\(sql))"), arguments: arguments) == true
    }

    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
