/// One problem in the content, located in its file.
public struct ContentIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Path as given to the loader's root (e.g. `banks/assr1/vitesse.yaml`).
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Several problems at once: validation reports them all, not only the first.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public let issues: [ContentIssue]

    public init(_ issues: [ContentIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
