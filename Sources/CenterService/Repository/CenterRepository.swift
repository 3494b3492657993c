/// Everything the center keeps, by concern. Reads see committed data; each write method is ONE
/// transaction in every implementation, so several server processes sharing one database stay
/// correct (the SQLite file today, PostgreSQL later: the same contract tests run against both).
/// Errors are `CenterError`s in French; a row that cannot be read is an error naming its table and
/// id, never a default value.
public protocol CenterRepository:
    CandidateRepository, SessionRepository, AttemptRepository, ResultRepository, ThrottleRepository, CenterKeyRepository,
    CandidateEditing, SessionEditing, EnteredResultRepository, EstablishmentRepository, SupervisionRepository {
    /// What checking one result needs: the session, the attempt, the enrolment of the attempt's
    /// candidate in the session, and the attempt's accepted alerts. Every result reads it, so a store
    /// that can read it in one go (one snapshot, one trip to its reader) does.
    func resultContext(session number: String, attemptId: String) async throws -> ResultContext
}

extension CenterRepository {
    /// One read per part.
    public func resultContext(session number: String, attemptId: String) async throws -> ResultContext {
        let session = try await self.session(number: number)
        let attempt = try await self.attempt(id: attemptId)
        var enrolment: Enrolment?
        if let attempt { enrolment = try await self.enrolment(session: number, candidate: attempt.candidateId) }
        let alerts = session == nil ? [] : try await self.alerts(session: number)
        return ResultContext(session: session, attempt: attempt, enrolment: enrolment,
                             acceptedAlerts: Set(alerts.filter { $0.attemptId == attemptId && $0.status == .accepted }.map(\.questionId)))
    }
}
