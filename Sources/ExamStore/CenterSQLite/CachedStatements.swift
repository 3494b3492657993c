import CenterService
import ExamKit
import GRDB

/// Statements prepared once per connection. The center's hot paths (login, progress, result) run
/// the same few SQL texts for every candidate; GRDB's query interface prepares (and authorizes) a
/// new statement each time, which cost more than running it (`epreuve-delivery-bench`, perf).
extension Database {
    func one<Record: FetchableRecord>(_ type: Record.Type, _ sql: String, _ arguments: StatementArguments) throws -> Record? {
        try Record.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func all<Record: FetchableRecord>(_ type: Record.Type, _ sql: String, _ arguments: StatementArguments) throws -> [Record] {
        try Record.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// `sql` selects anything from the rows that count: true when there is one.
    func exists(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (\(sql))"), arguments: arguments) == true
    }

    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    // The rows read by key on those paths.

    func session(number: String) throws -> CenterSession? {
        try one(SessionRow.self, "SELECT * FROM session WHERE number = ?", [number])?.value
    }

    func attempt(id: String) throws -> CenterAttempt? {
        try one(AttemptRow.self, "SELECT * FROM attempt WHERE id = ?", [id])?.value
    }

    func enrolment(session number: String, candidate id: String) throws -> Enrolment? {
        try one(EnrolmentRow.self, "SELECT * FROM sessionCandidate WHERE sessionNumber = ? AND candidateId = ?", [number, id])?.value
    }

    func candidate(id: String) throws -> Candidate? {
        try one(CandidateRow.self, "SELECT * FROM candidate WHERE id = ?", [id])?.value
    }

    func result(attemptId: String) throws -> StoredResult? {
        try one(ResultRow.self, "SELECT * FROM result WHERE attemptId = ?", [attemptId])?.value
    }

    func hasResult(attemptId: String) throws -> Bool {
        try exists("SELECT 1 FROM result WHERE attemptId = ?", [attemptId])
    }

    /// The question ids of the attempt's accepted alerts: neutralized in its score.
    func acceptedAlerts(attemptId: String) throws -> Set<String> {
        Set(try String.fetchAll(cachedStatement(sql: "SELECT questionId FROM alert WHERE attemptId = ? AND status = ?"),
                                arguments: [attemptId, AlertStatus.accepted.rawValue]))
    }

    func throttle(_ key: ThrottleKey) throws -> LoginThrottle {
        try one(ThrottleRow.self, "SELECT * FROM loginThrottle WHERE terminalId = ?", [key.storageKey])?.value ?? LoginThrottle()
    }
}
