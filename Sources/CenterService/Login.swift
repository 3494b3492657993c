import Crypto
import ExamKit
import Foundation

/// What terminals ask before and during an attempt: look a session up, log in, move an attempt here.
/// Every code is checked here, under throttles no client can dodge: 20 wrong codes a minute per
/// session and per client address, whatever terminal id is sent, and the per-terminal lockout
/// (5 wrong codes → 60 s, doubling) keyed by address and terminal id together.
extension CenterService {
    /// Wrong codes allowed per window, per session and per client address.
    public static let failuresPerWindow = 20
    public static let failureWindow: TimeInterval = 60

    /// A paper exam (`--type hors-ligne`) opens no terminal: terminals are told it does not exist.
    public func lookUp(number: String) async throws -> SessionInfo? {
        try await session(number: number).flatMap { $0.medium == .terminal ? $0 : nil }.map(info)
    }

    /// Exam number + access code → the candidate's package. An exam attempt open on another terminal
    /// is refused (`runningElsewhere`) unless the surveillant authorised the move.
    public func login(number: String, code typed: String, terminalId: String,
                      address: String = "local") async throws -> Result<ExamPackage, LoginRefusal> {
        let now = clock.now()
        let session: CenterSession
        switch try await activeSession(number, at: now) {
        case let .success(found): session = found
        case let .failure(refusal): return .failure(refusal)
        }
        let guardKeys = CodeGuard(scope: "login", session: number, address: address, terminalId: terminalId)
        let guardState = try await lockState(guardKeys, at: now)
        if let refusal = guardState.refusal { return .failure(refusal) }
        guard let enrolled = try await matchAccessCode(typed, session: session) else {
            return .failure(try await recordWrongCode(guardKeys, at: now) ?? .wrongCode)
        }

        let fresh = CenterAttempt(id: UUID().uuidString.lowercased(), sessionNumber: number, candidateId: enrolled.candidate.id,
                                  terminalId: terminalId, openedAt: now)
        var attempt: CenterAttempt
        switch try await repository.openAttempt(fresh, onePerCandidate: session.kind == .examen) {
        case .candidateHasResult: return .failure(.alreadyTaken)
        case let .opened(opened): attempt = opened
        case let .resumed(existing):
            attempt = existing
            if existing.terminalId != terminalId {
                // A training moves with its candidate; an exam moves only when the surveillant said so.
                guard session.kind == .entrainement || existing.transferAuthorized else { return .failure(.runningElsewhere) }
                guard try await repository.moveAttempt(id: existing.id, from: existing.terminalId, to: terminalId, at: now) else {
                    return .failure(.runningElsewhere)
                }
                attempt.terminalId = terminalId
            }
        }
        // Only a login that passed every check ends a series of wrong codes.
        try await recordSuccess(guardKeys, at: now, seen: guardState.terminal)
        return .success(try await package(session: session, enrolled: enrolled, attempt: attempt))
    }

    /// « Reprendre ici »: the surveillant, with the session's code typed on this terminal, moves the
    /// candidate's running attempt here; it goes on where its last progress report left it.
    public func transfer(number: String, code typed: String, surveillantCode: String, terminalId: String,
                         address: String = "local") async throws -> Result<ExamPackage, LoginRefusal> {
        let now = clock.now()
        let session: CenterSession
        switch try await activeSession(number, at: now) {
        case let .success(found): session = found
        case let .failure(refusal): return .failure(refusal)
        }
        switch try await checkSurveillantCode(number: number, code: surveillantCode, terminalId: terminalId, address: address) {
        case .accepted: break
        case .wrongCode, .unknownSession: return .failure(.surveillantCodeWrong)
        case let .locked(seconds): return .failure(.locked(seconds: seconds))
        }
        let guardKeys = CodeGuard(scope: "login", session: number, address: address, terminalId: terminalId)
        let guardState = try await lockState(guardKeys, at: now)
        if let refusal = guardState.refusal { return .failure(refusal) }
        guard let enrolled = try await matchAccessCode(typed, session: session) else {
            return .failure(try await recordWrongCode(guardKeys, at: now) ?? .wrongCode)
        }
        guard var attempt = try await repository.openAttempt(session: number, candidate: enrolled.candidate.id),
              attempt.terminalId != terminalId else {
            return .failure(.nothingToResume)
        }
        guard try await repository.moveAttempt(id: attempt.id, from: attempt.terminalId, to: terminalId, at: now) else {
            return .failure(.nothingToResume)
        }
        attempt.terminalId = terminalId
        try await recordSuccess(guardKeys, at: now, seen: guardState.terminal)
        return .success(try await package(session: session, enrolled: enrolled, attempt: attempt))
    }

    /// The surveillant code typed on a terminal, for that terminal's session only.
    public func checkSurveillantCode(number: String, code: String, terminalId: String,
                                     address: String = "local") async throws -> SurveillantCheck {
        let now = clock.now()
        guard let session = try await repository.session(number: number) else { return .unknownSession }
        let guardKeys = CodeGuard(scope: "surveillant", session: number, address: address, terminalId: terminalId)
        let guardState = try await lockState(guardKeys, at: now)
        if case let .locked(seconds)? = guardState.refusal { return .locked(seconds: seconds) }
        guard Self.matchesSurveillantCode(code, of: session) else {
            if case let .locked(seconds)? = try await recordWrongCode(guardKeys, at: now) { return .locked(seconds: seconds) }
            return .wrongCode
        }
        try await recordSuccess(guardKeys, at: now, seen: guardState.terminal)
        return .accepted
    }

    /// Where a running attempt stands, from its terminal (signed with the attempt's key).
    public func recordProgress(_ report: ProgressReport) async throws -> ProgressReceipt {
        guard let attempt = try await repository.attempt(id: report.attemptId),
              let session = try await repository.session(number: attempt.sessionNumber) else { return .unknownAttempt }
        guard report.hasValidMac(key: AttemptKey.derive(sessionKey: session.resultKey, attemptId: attempt.id)) else {
            throw ResultRefusal.badMac
        }
        guard report.progress.fits(questionCount: session.questionIds.count) else {
            throw ResultRefusal.invalid("progression hors limites")
        }
        switch try await repository.recordProgress(attemptId: attempt.id, terminalId: report.terminalId,
                                                   progress: report.progress, at: clock.now()) {
        case .recorded, .finished: return .recorded(surveillantCheck: session.surveillantCheck)
        case let .stopRequested(reason): return .recorded(surveillantCheck: session.surveillantCheck, stopReason: reason)
        case .movedElsewhere: return .moved
        case .unknownAttempt: return .unknownAttempt
        }
    }

    // MARK: Parts

    private func activeSession(_ number: String, at now: Date) async throws -> Result<CenterSession, LoginRefusal> {
        guard let session = try await repository.session(number: number), session.medium == .terminal else {
            return .failure(.unknownSession)
        }
        let state = session.state(at: now)
        guard state == .active else { return .failure(.notActive(state, startsAt: session.startsAt)) }
        return .success(session)
    }

    /// One indexed read whatever the size of the session (codes share the session's salt); codes made
    /// before that, each with its own salt, are still compared one by one.
    private func matchAccessCode(_ typed: String, session: CenterSession) async throws -> EnrolledCandidate? {
        guard let code = AccessCode.normalize(typed) else { return nil }
        let salt = session.accessCodeSalt
        return try await repository.enrolledCandidates(session: session.number, codeHash: SecretHash.hash(code, salt: salt), sharedSalt: salt)
            .first { SecretHash.matches(code, salt: $0.enrolment.codeSalt, hash: $0.enrolment.codeHash) }
    }

    /// What the terminal receives: its own attempt's key, never the session's.
    func package(session: CenterSession, enrolled: EnrolledCandidate, attempt: CenterAttempt) async throws -> ExamPackage {
        let (candidate, enrolment) = (enrolled.candidate, enrolled.enrolment)
        let profile = try profile(of: session)
        let questions = CandidateOrder.order(try self.questions(of: session), sessionSeed: session.seed, candidateId: candidate.id)
        // The AER, and a candidate flagged `--lecture`, are read aloud; the terminal's --debit sets the rate.
        let reading = profile.readsAloud || candidate.readsAloud ? AttemptTiming.defaultReadingWordsPerMinute : nil
        let timing = AttemptTiming(answerSeconds: profile.answerSeconds(extraTime: enrolment.extraTime), timed: session.timed,
                                   readingWordsPerMinute: reading)
        let themeIds = Set(questions.map(\.theme))
        return ExamPackage(
            attemptId: attempt.id, session: info(session), candidateId: candidate.id,
            firstName: candidate.firstName, lastName: candidate.lastName, className: candidate.className,
            extraTime: enrolment.extraTime, bank: profile.bank,
            questions: session.kind == .examen ? questions.map { $0.withoutKey() } : questions,
            timing: timing, passMark: profile.passMark, contentDigest: session.contentDigest,
            resultKey: AttemptKey.derive(sessionKey: session.resultKey, attemptId: attempt.id),
            surveillantCheck: session.surveillantCheck, centerPublicKey: try await centerPublicKey(),
            themes: catalog.themes.filter { themeIds.contains($0.id) }, progress: attempt.progress,
            awaitingPresence: Self.awaitsPresence(session: session, enrolment: enrolment, attempt: attempt))
    }

    /// A `--presence` session's candidate waits for the surveillant before starting (never once started).
    static func awaitsPresence(session: CenterSession, enrolment: Enrolment, attempt: CenterAttempt) -> Bool {
        guard session.requiresPresence, enrolment.presenceConfirmedAt == nil else { return false }
        return attempt.progress.map { $0.phase == .notStarted } ?? true
    }

    static func matchesSurveillantCode(_ code: String, of session: CenterSession) -> Bool {
        SecretHash.matches(code.trimmingCharacters(in: .whitespaces), salt: session.surveillantSalt, hash: session.surveillantHash)
    }
}

/// The counters that guard one kind of code (access or surveillant) for one request.
struct CodeGuard {
    let sessionWindow: String
    let addressWindow: String
    let terminal: ThrottleKey

    init(scope: String, session: String, address: String, terminalId: String) {
        sessionWindow = "\(scope) session \(session)"
        addressWindow = "\(scope) adresse \(address)"
        // The address is part of the key: a client sending another terminal's id locks only itself.
        terminal = .terminal(scope == "login" ? "\(address) \(terminalId)" : "\(scope) \(address) \(terminalId)")
    }
}

extension CenterService {
    /// Before any check: the refusal when a window is full or the terminal is locked, and the
    /// terminal's counter as read (`recordSuccess` writes nothing when it was clean).
    func lockState(_ keys: CodeGuard, at now: Date) async throws -> (refusal: LoginRefusal?, terminal: LoginThrottle) {
        var wait: TimeInterval = 0
        let reading = try await repository.codeGuardReading(windows: [keys.sessionWindow, keys.addressWindow], terminal: keys.terminal,
                                                            now: now, length: Self.failureWindow)
        for case let window? in reading.windows where window.failures >= Self.failuresPerWindow {
            wait = max(wait, window.start.addingTimeInterval(Self.failureWindow).timeIntervalSince(now))
        }
        let terminal = reading.terminal
        if let locked = terminal.wait(at: now) { wait = max(wait, locked) }
        return (wait > 0 ? .locked(seconds: max(1, Int(wait.rounded(.up)))) : nil, terminal)
    }

    /// Counts a wrong code everywhere it counts; the refusal when this very failure locks (from the
    /// counts each atomic update returned, so concurrent failures each learn their own place).
    func recordWrongCode(_ keys: CodeGuard, at now: Date) async throws -> LoginRefusal? {
        var wait: TimeInterval = 0
        for key in [keys.sessionWindow, keys.addressWindow] {
            let window = try await repository.recordFailure(key, now: now, length: Self.failureWindow)
            if window.failures >= Self.failuresPerWindow {
                wait = max(wait, window.start.addingTimeInterval(Self.failureWindow).timeIntervalSince(now))
            }
        }
        let throttle = try await repository.updateThrottle(keys.terminal, now: now) { current in
            guard current.wait(at: now) == nil else { return current }
            var next = current
            next.recordFailure(at: now)
            return next
        }
        if let locked = throttle.wait(at: now) { wait = max(wait, locked) }
        return wait > 0 ? .locked(seconds: max(1, Int(wait.rounded(.up)))) : nil
    }

    /// `seen`: the terminal's counter read before the code was checked. A clean counter stays clean,
    /// so nothing is written (a write transaction per login for nothing); a wrong code typed on the
    /// same terminal at that very moment may then keep its count, which the next success clears.
    func recordSuccess(_ keys: CodeGuard, at now: Date, seen: LoginThrottle) async throws {
        var cleared = seen
        cleared.recordSuccess()
        guard cleared != seen else { return }
        _ = try await repository.updateThrottle(keys.terminal, now: now) { current in
            guard current.wait(at: now) == nil else { return current }
            var next = current
            next.recordSuccess()
            return next
        }
    }

    /// The center's public key (raw X25519, base64), made on first use.
    public func centerPublicKey() async throws -> String {
        try await centerPrivateKey().publicKey.rawRepresentation.base64EncodedString()
    }

    func centerPrivateKey() async throws -> Curve25519.KeyAgreement.PrivateKey {
        let raw: Data
        if let cached = keyCache.withLock({ $0 }) {
            raw = cached
        } else {
            raw = try await repository.centerPrivateKey(storingIfAbsent: Curve25519.KeyAgreement.PrivateKey().rawRepresentation)
            keyCache.withLock { $0 = raw }
        }
        guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
            throw CenterError.unreadableRow(table: "centerKey", id: "1", column: "privateKey", detail: nil)
        }
        return key
    }
}

extension AttemptSnapshot {
    /// Positions, answers and times within what a session of `questionCount` questions allows.
    func fits(questionCount: Int) -> Bool {
        let day = 24 * 3_600_000
        return (0..<max(1, questionCount)).contains(index) && selections.count == questionCount
            && timeUsedMs.count == questionCount && selections.allSatisfy { $0.count <= 6 && $0.allSatisfy((0..<6).contains) }
            && timeUsedMs.allSatisfy { (0...day).contains($0) } && (remainingMs.map { (0...day).contains($0) } ?? true)
    }
}
