import ExamKit
import Foundation

/// What terminals ask before an attempt: look a session up, log in, check a surveillant code.
extension CenterService {
    public func lookUp(number: String) async throws -> SessionInfo? {
        try await session(number: number).map(info)
    }

    /// Exam number + access code → the candidate's package. Five wrong codes in a row from one
    /// terminal lock it for 60 s, doubling after that. The code is matched here against the
    /// enrolments' hashes; only the throttle update and the attempt opening write.
    public func login(number: String, code typed: String, terminalId: String) async throws -> Result<ExamPackage, LoginRefusal> {
        let now = clock.now()
        guard let session = try await repository.session(number: number) else { return .failure(.unknownSession) }
        let state = session.window.state(at: now)
        guard state == .active else { return .failure(.notActive(state, startsAt: session.startsAt)) }

        let key = ThrottleKey.terminal(terminalId)
        if let refusal = Self.lockRefusal(try await repository.throttle(key), at: now) { return .failure(refusal) }

        let enrolments = try await repository.enrolments(session: number)
        let matched = AccessCode.normalize(typed).flatMap { code in
            enrolments.first { SecretHash.matches(code, salt: $0.codeSalt, hash: $0.codeHash) }
        }
        // The transforms re-check the lock inside the write: another process may have locked meanwhile.
        guard let enrolment = matched else {
            let throttle = try await repository.updateThrottle(key, now: now) { current in
                guard current.wait(at: now) == nil else { return current }
                var next = current
                next.recordFailure(at: now)
                return next
            }
            return .failure(Self.lockRefusal(throttle, at: now) ?? .wrongCode)
        }
        let throttle = try await repository.updateThrottle(key, now: now) { current in
            guard current.wait(at: now) == nil else { return current }
            var next = current
            next.recordSuccess()
            return next
        }
        if let refusal = Self.lockRefusal(throttle, at: now) { return .failure(refusal) }

        // An attempt opened earlier and not finished is the same attempt: the terminal resumes it.
        let fresh = CenterAttempt(id: UUID().uuidString.lowercased(), sessionNumber: number, candidateId: enrolment.candidateId,
                            terminalId: terminalId, openedAt: now)
        let attempt: CenterAttempt
        switch try await repository.openAttempt(fresh, onePerCandidate: session.kind == .examen) {
        case .candidateHasResult: return .failure(.alreadyTaken)
        case let .opened(opened), let .resumed(opened): attempt = opened
        }

        guard let candidate = try await repository.candidate(id: enrolment.candidateId),
              let profile = catalog.profile(session.profileId) else {
            throw CenterError("épreuve \(number) : candidat ou profil introuvable")
        }
        let questions = CandidateOrder.order(try self.questions(of: session), sessionSeed: session.seed, candidateId: candidate.id)
        let timing = AttemptTiming(answerSeconds: profile.answerSeconds(extraTime: enrolment.extraTime), timed: session.timed)
        return .success(ExamPackage(
            attemptId: attempt.id, session: info(session), candidateId: candidate.id,
            firstName: candidate.firstName, lastName: candidate.lastName, className: candidate.className,
            extraTime: enrolment.extraTime, bank: profile.bank,
            questions: session.kind == .examen ? questions.map { $0.withoutKey() } : questions,
            timing: timing, passMark: profile.passMark, contentDigest: session.contentDigest,
            resultKey: session.resultKey, surveillantSalt: session.surveillantSalt,
            surveillantHash: session.surveillantHash))
    }

    private static func lockRefusal(_ throttle: LoginThrottle, at now: Date) -> LoginRefusal? {
        throttle.wait(at: now).map { .locked(seconds: Int($0.rounded(.up))) }
    }

    public func checkSurveillantCode(number: String, code: String) async throws -> Bool {
        guard let session = try await session(number: number) else { return false }
        return Self.matchesSurveillantCode(code, of: session)
    }

    /// True when the code is the surveillant code of a session active now (the local terminal's
    /// F12 outside an attempt).
    public func isSurveillantCodeOfAnActiveSession(_ code: String) async throws -> Bool {
        try await sessions().contains { state(of: $0) == .active && Self.matchesSurveillantCode(code, of: $0) }
    }

    private static func matchesSurveillantCode(_ code: String, of session: CenterSession) -> Bool {
        SecretHash.matches(code.trimmingCharacters(in: .whitespaces), salt: session.surveillantSalt, hash: session.surveillantHash)
    }
}
