import Crypto
import ExamKit
import Foundation
import GRDB

/// What terminals ask of the center: look a session up, log in, hand in a result.
extension Center {
    public func lookUp(number: String) throws -> SessionInfo? {
        try session(number: number).map(info)
    }

    /// Exam number + access code → the candidate's package. Five wrong codes in a row from one
    /// terminal lock it for 60 s, doubling after that.
    public func login(number: String, code typed: String, terminalId: String) throws -> Result<ExamPackage, LoginRefusal> {
        let now = clock.now()
        return try StoreError.wrap("connexion") {
            try database.write { db -> Result<ExamPackage, LoginRefusal> in
                guard let session = try SessionRecord.fetchOne(db, key: number) else { return .failure(.unknownSession) }
                let state = session.window.state(at: now)
                guard state == .active else { return .failure(.notActive(state, startsAt: session.startsAt)) }

                var throttle = try ThrottleRecord.fetchOne(db, key: terminalId).map {
                    LoginThrottle(consecutiveFailures: $0.consecutiveFailures, lockCount: $0.lockCount, lockedUntil: $0.lockedUntil)
                } ?? LoginThrottle()
                if let wait = throttle.wait(at: now) { return .failure(.locked(seconds: Int(wait.rounded(.up)))) }

                let links = try SessionCandidateRecord.filter(Column("sessionNumber") == number).fetchAll(db)
                let code = AccessCode.normalize(typed)
                guard let code, let link = links.first(where: { SecretHash.matches(code, salt: $0.codeSalt, hash: $0.codeHash) }) else {
                    throttle.recordFailure(at: now)
                    try Self.save(throttle, terminalId: terminalId, db)
                    if let wait = throttle.wait(at: now) { return .failure(.locked(seconds: Int(wait.rounded(.up)))) }
                    return .failure(.wrongCode)
                }
                throttle.recordSuccess()
                try Self.save(throttle, terminalId: terminalId, db)

                let finished = try ResultRecord
                    .filter(Column("sessionNumber") == number && Column("candidateId") == link.candidateId).fetchCount(db)
                if session.kind == .examen && finished > 0 { return .failure(.alreadyTaken) }

                // An attempt opened earlier and not finished is the same attempt: the terminal resumes it.
                let open = try AttemptRecord
                    .filter(Column("sessionNumber") == number && Column("candidateId") == link.candidateId)
                    .filter(sql: "id NOT IN (SELECT attemptId FROM result)")
                    .order(Column("openedAt").desc).fetchOne(db)
                let attempt = open ?? AttemptRecord(
                    id: UUID().uuidString.lowercased(), sessionNumber: number, candidateId: link.candidateId,
                    terminalId: terminalId, openedAt: now)
                if open == nil { try attempt.insert(db) }

                guard let candidate = try CandidateRecord.fetchOne(db, key: link.candidateId),
                      let profile = self.catalog.profile(session.profileId) else {
                    throw StoreError("épreuve \(number) : candidat ou profil introuvable")
                }
                let questions = CandidateOrder.order(try self.questions(of: session), sessionSeed: session.seed, candidateId: candidate.id)
                let timing = AttemptTiming(answerSeconds: profile.answerSeconds(extraTime: link.extraTime), timed: session.timed)
                return .success(ExamPackage(
                    attemptId: attempt.id, session: self.info(session), candidateId: candidate.id,
                    firstName: candidate.firstName, lastName: candidate.lastName, className: candidate.className,
                    extraTime: link.extraTime, bank: profile.bank,
                    questions: session.kind == .examen ? questions.map { $0.withoutKey() } : questions,
                    timing: timing, passMark: profile.passMark, contentDigest: session.contentDigest,
                    resultKey: session.resultKey, surveillantSalt: session.surveillantSalt,
                    surveillantHash: session.surveillantHash))
            }
        }
    }

    private static func save(_ throttle: LoginThrottle, terminalId: String, _ db: Database) throws {
        try ThrottleRecord(terminalId: terminalId, consecutiveFailures: throttle.consecutiveFailures,
                           lockCount: throttle.lockCount, lockedUntil: throttle.lockedUntil).save(db)
    }

    public func checkSurveillantCode(number: String, code: String) throws -> Bool {
        guard let session = try session(number: number) else { return false }
        return SecretHash.matches(code.trimmingCharacters(in: .whitespaces), salt: session.surveillantSalt, hash: session.surveillantHash)
    }

    /// Stores a result once per attempt id: the same content again is "already stored", other
    /// content for the same attempt is a conflict. Checks the mac, the session, the candidate and
    /// that the questions are exactly the session's.
    public func storeResult(_ envelope: ResultEnvelope, source: String = "terminal") throws -> Result<ResultReceipt, ResultRefusal> {
        guard envelope.format == ResultEnvelope.formatName else {
            return .failure(.invalid("format « \(envelope.format) » inconnu"))
        }
        guard let session = try session(number: envelope.examNumber) else {
            return .failure(.invalid("épreuve \(envelope.examNumber) inconnue de ce centre"))
        }
        guard envelope.hasValidMac(key: session.resultKey) else { return .failure(.badMac) }
        guard let started = ResultEnvelope.date(envelope.startedAt), let finished = ResultEnvelope.date(envelope.finishedAt) else {
            return .failure(.invalid("dates illisibles"))
        }
        let expected = try questions(of: session)
        let expectedIds = Set(expected.map(\.id))
        let givenIds = envelope.questions.map(\.questionId)
        guard Set(givenIds) == expectedIds, givenIds.count == expected.count else {
            return .failure(.invalid("les questions ne sont pas celles de l'épreuve \(session.number)"))
        }
        guard let profile = catalog.profile(session.profileId) else {
            return .failure(.invalid("profil \(session.profileId) absent du contenu"))
        }
        let selections = envelope.selectionsByQuestion
        let card = ScoreCard(questions: expected, selections: expected.map { selections[$0.id] ?? [] }, passMark: profile.passMark)
        let contentHash = SHA256.hash(data: envelope.canonicalJSON()).map { String(format: "%02x", $0) }.joined()
        let answersJSON = String(decoding: try JSONEncoder().encode(
            Dictionary(uniqueKeysWithValues: envelope.questions.map { ($0.questionId, $0.selected) })), as: UTF8.self)
        let envelopeText = String(decoding: envelope.fileData(), as: UTF8.self)
        let now = clock.now()

        return try StoreError.wrap("enregistrement du résultat") {
            try database.write { db -> Result<ResultReceipt, ResultRefusal> in
                guard let link = try SessionCandidateRecord
                    .filter(Column("sessionNumber") == session.number && Column("candidateId") == envelope.candidateId)
                    .fetchOne(db) else {
                    return .failure(.invalid("le candidat \(envelope.candidateId) n'est pas convoqué à l'épreuve \(session.number)"))
                }
                if let existing = try ResultRecord.fetchOne(db, key: envelope.attemptId) {
                    return existing.contentHash == contentHash ? .success(.alreadyStored) : .failure(.conflict)
                }
                if session.kind == .examen, try ResultRecord
                    .filter(Column("sessionNumber") == session.number && Column("candidateId") == link.candidateId).fetchCount(db) > 0 {
                    return .failure(.invalid("un résultat de ce candidat est déjà enregistré pour l'épreuve \(session.number)"))
                }
                try ResultRecord(
                    attemptId: envelope.attemptId, sessionNumber: session.number, candidateId: link.candidateId,
                    terminalId: envelope.terminalId, startedAt: started, finishedAt: finished, answers: answersJSON,
                    contentHash: contentHash, envelope: envelopeText, score: card.right, questionCount: card.total,
                    passed: card.passed, source: source, storedAt: now
                ).insert(db)
                return .success(.stored(score: card.right, outOf: card.total))
            }
        }
    }

    public func results(session number: String? = nil) throws -> [ResultRecord] {
        try database.read { db in
            var request = ResultRecord.order(Column("finishedAt"))
            if let number { request = request.filter(Column("sessionNumber") == number) }
            return try request.fetchAll(db)
        }
    }

    public func sessionCandidates(number: String) throws -> [(candidate: CandidateRecord, link: SessionCandidateRecord)] {
        try database.read { db in
            let links = try SessionCandidateRecord.filter(Column("sessionNumber") == number).fetchAll(db)
            return try links.compactMap { link in
                try CandidateRecord.fetchOne(db, key: link.candidateId).map { ($0, link) }
            }.sorted { ($0.candidate.className, $0.candidate.lastName, $0.candidate.firstName) < ($1.candidate.className, $1.candidate.lastName, $1.candidate.firstName) }
        }
    }
}
