import Foundation

/// What the SQLite and PostgreSQL row readers share: a row's text columns, read as JSON or as a
/// state's raw value, a failure naming the table, the row and the column
/// (`CenterError.unreadableRow`). Each reader gives its own typed column access.
public protocol StoredRowReading {
    var table: String { get }
    /// The row's key columns' values, joined with "/", for errors.
    var id: String { get }
    /// A text column that must hold a value.
    func text(_ column: String) throws -> String
    /// A nullable text column.
    func optionalText(_ column: String) throws -> String?
}

extension StoredRowReading {
    /// A text column holding one of a state's raw values.
    public func state<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try text(column)) else { throw unreadable(column) }
        return value
    }

    /// A JSON column.
    public func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decoded(column, try text(column)) { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// A nullable JSON column.
    public func optionalJSON<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard let text = try optionalText(column) else { return nil }
        return try decoded(column, text) { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// A JSON column whose text recurs on many reads (a session's question ids and offline code
    /// check, read with every result of the session): decoded once per text (`DecodedJSONCache`).
    public func recurringJSON<T: Decodable & Sendable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decoded(column, try text(column)) { try DecodedJSONCache.decode(T.self, from: $0) }
    }

    public func optionalRecurringJSON<T: Decodable & Sendable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard let text = try optionalText(column) else { return nil }
        return try decoded(column, text) { try DecodedJSONCache.decode(T.self, from: $0) }
    }

    public func unreadable(_ column: String, _ detail: String? = nil) -> CenterError {
        CenterError.unreadableRow(table: table, id: id, column: column, detail: detail)
    }

    /// `decode(text)`, its failure named after the column.
    private func decoded<T>(_ column: String, _ text: String, _ decode: (String) throws -> T) throws -> T {
        do {
            return try decode(text)
        } catch {
            throw unreadable(column)
        }
    }
}
