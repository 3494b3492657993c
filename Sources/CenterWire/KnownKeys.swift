import ExamKit
import Synchronization

/// A request type whose JSON has the same keys whatever its values (no variant whose keys depend on
/// a field): a key one of its echoes showed at a path is a key it knows there. `decodeRequest` can
/// then remember the keys seen and skip the echo (encoding the value again and parsing it) when a body
/// uses only those: a fifth of the center's work on a result went to JSON encoding.
public protocol StaticRequestKeys {}

// The requests every terminal sends: its login, its progress every 5 s, its result. Plain structs.
extension ResultEnvelope: StaticRequestKeys {}
extension LoginRequest: StaticRequestKeys {}
extension ProgressRequest: StaticRequestKeys {}

/// The keys of every echo seen so far for a type, merged into one tree; array elements share one child.
struct KnownKeys: Sendable {
    var members: [String: KnownKeys] = [:]
    var elements: [KnownKeys] = []

    /// More than this many keys (a dictionary keyed by what clients send) and the tree stops growing:
    /// bodies with other keys are simply checked against their echo.
    static let limit = 2_000

    /// Every key of `shape` is one this tree holds at its path.
    func covers(_ shape: StrictJSON.Shape) -> Bool {
        switch shape {
        case .scalar, .null: true
        case let .object(given): given.allSatisfy { key, value in members[key]?.covers(value) ?? false }
        case let .array(given): given.isEmpty || (elements.first.map { child in given.allSatisfy(child.covers) } ?? false)
        }
    }

    mutating func merge(_ shape: StrictJSON.Shape) {
        switch shape {
        case .scalar, .null: break
        case let .object(given):
            for (key, value) in given { members[key, default: KnownKeys()].merge(value) }
        case let .array(given):
            guard !given.isEmpty else { return }
            var child = elements.first ?? KnownKeys()
            for element in given { child.merge(element) }
            elements = [child]
        }
    }

    var count: Int { members.count + members.values.reduce(0) { $0 + $1.count } + elements.reduce(0) { $0 + $1.count } }

    private static let byType = Mutex<[ObjectIdentifier: KnownKeys]>([:])

    static func covers(_ shape: StrictJSON.Shape, for type: Any.Type) -> Bool {
        byType.withLock { $0[ObjectIdentifier(type)]?.covers(shape) ?? false }
    }

    static func remember(_ echo: StrictJSON.Shape, for type: Any.Type) {
        byType.withLock { known in
            var tree = known[ObjectIdentifier(type)] ?? KnownKeys()
            tree.merge(echo)
            if tree.count <= limit { known[ObjectIdentifier(type)] = tree }
        }
    }
}
