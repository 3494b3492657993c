/// A center error a person can act on, in one French line: policy refusals of the administrator's
/// commands, storage failures and rows that cannot be read.
public struct CenterError: Error, CustomStringConvertible, Sendable, Hashable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// A stored row that cannot be turned back into its domain value: never read as a default.
    public static func unreadableRow(table: String, id: String, column: String, detail: String? = nil) -> CenterError {
        CenterError("table \(table), ligne \(id) : colonne \(column) illisible\(detail.map { " (\($0))" } ?? "")")
    }
}
