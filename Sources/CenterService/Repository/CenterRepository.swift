/// Everything the center keeps, by concern. Reads see committed data; each write method is ONE
/// transaction in every implementation, so several server processes sharing one database stay
/// correct (the SQLite file today, PostgreSQL later: the same contract tests run against both).
/// Errors are `CenterError`s in French; a row that cannot be read is an error naming its table and
/// id, never a default value.
public protocol CenterRepository:
    CandidateRepository, SessionRepository, AttemptRepository, ResultRepository, ThrottleRepository, CenterKeyRepository,
    CandidateEditing, SessionEditing, EnteredResultRepository, EstablishmentRepository, SupervisionRepository {
    /// What checking one result needs: the session, the attempt, the enrolment of the attempt's
    /// candidate in the session, and the attempt's accepted alerts. Every result reads it: each store
    /// reads it in one go (SQLite: one snapshot; PostgreSQL: one statement).
    func resultContext(session number: String, attemptId: String) async throws -> ResultContext
}
