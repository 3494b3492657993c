import CenterService
import Crypto
import ExamKit
@testable import ExamStore
import Foundation
import GRDB
import Testing

/// What only the SQLite implementation has to show: rows written by hand (corrupt, or from the
/// first schema) are read back or refused by name, never turned into defaults.
@Suite struct SQLiteCenterRepositoryTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))

    /// A center with one stored result; returns the file, the session number and the attempt id.
    func centerWithResult() async throws -> (CenterService, path: String, number: String, attemptId: String) {
        let path = CenterFixtures.temporaryPath()
        let center = try CenterFixtures.service(clock: clock, path: path)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily")])
        let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "T", startsAt: CenterFixtures.start))
        let package = try await center.login(number: created.session.number, code: created.codes[0].code, terminalId: "t").get()
        let stored = try await center.storeResult(CenterFixtures.envelope(for: package, choosing: { _ in [1] }, terminal: "t"))
        try #require(stored == .success(.stored(score: nil, outOf: nil)))
        return (center, path, created.session.number, package.attemptId)
    }

    func corrupt(_ path: String, _ sql: String, _ arguments: StatementArguments) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// The envelope is kept as the bytes its mac covers plus the mac: it reads back as what the
    /// terminal sent, and the mac checks on the stored text without the center's other columns.
    @Test func theStoredEnvelopeIsTheCanonicalJSONAndItsMac() async throws {
        let (center, _, _, attemptId) = try await centerWithResult()
        let stored = try #require(try await center.repository.result(attemptId: attemptId))
        let envelope = try JSONDecoder().decode(ResultEnvelope.self, from: Data(stored.envelope.utf8))
        #expect(envelope.attemptId == attemptId && !envelope.mac.isEmpty)
        let canonical = envelope.canonicalJSON()
        #expect(stored.envelope == String(decoding: canonical.dropLast(), as: UTF8.self) + ",\"mac\":\"\(envelope.mac)\"}")
        #expect(stored.contentHash == Hex.encode(SHA256.hash(data: canonical)))
        #expect(!stored.envelope.contains("\n"))
    }

    @Test func unreadableAnswersAreAnErrorNamingTheRowNotAZeroScore() async throws {
        let (center, path, number, attemptId) = try await centerWithResult()
        #expect(try await center.results().first?.answers.isEmpty == false)
        try corrupt(path, "UPDATE result SET answers = '{\"q\": [' WHERE attemptId = ?", [attemptId])
        let expected = CenterError("table result, ligne \(attemptId) : colonne answers illisible")
        await #expect(throws: expected) { try await center.results() }
        await #expect(throws: expected) { try await center.statistics(session: number) }
        await #expect(throws: expected) { try await center.exportResults(session: nil) }
        // The wrong JSON type is as unreadable as broken JSON.
        try corrupt(path, "UPDATE result SET answers = '[1, 2]' WHERE attemptId = ?", [attemptId])
        await #expect(throws: expected) { try await center.repository.result(attemptId: attemptId) }
    }

    @Test func unreadableStatesAndQuestionListsAreNamed() async throws {
        let (center, path, number, attemptId) = try await centerWithResult()
        try corrupt(path, "UPDATE result SET source = 'ailleurs' WHERE attemptId = ?", [attemptId])
        await #expect(throws: CenterError("table result, ligne \(attemptId) : colonne source illisible")) { try await center.results() }

        try corrupt(path, "UPDATE session SET questionIds = 'mini-1, mini-2' WHERE number = ?", [number])
        await #expect(throws: CenterError("table session, ligne \(number) : colonne questionIds illisible")) {
            try await center.login(number: number, code: "AAAA-AAAA", terminalId: "t")
        }
        try corrupt(path, "UPDATE session SET questionIds = '[]', kind = 'exam' WHERE number = ?", [number])
        await #expect(throws: CenterError("table session, ligne \(number) : colonne kind illisible")) { try await center.sessions() }
        try corrupt(path, "UPDATE session SET kind = 'examen', startsAt = 'demain' WHERE number = ?", [number])
        await #expect(throws: CenterError("table session, ligne \(number) : colonne startsAt illisible")) { try await center.lookUp(number: number) }
    }

    @Test func aFileOfTheFirstSchemaIsReadAndMigrated() async throws {
        let path = CenterFixtures.temporaryPath()
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: path)
            try CenterSchema.migrator.migrate(queue, upTo: "v1")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO candidate VALUES ('c1', NULL, 'Alexandre', 'Lily', '2013-03-14', '5A', 'F', 'ASSR1', 0, 1);
                    INSERT INTO session VALUES ('123456', 'entrainement', 'ASSR1', 'Ancienne', '2026-11-18 09:00:00.000', NULL, 0, 0,
                        'seed', 'key', 'salt', 'hash', '["mini-circulation-1","mini-vitesse-2"]', 'digest', '2026-11-17 09:00:00.000');
                    INSERT INTO sessionCandidate VALUES ('123456', 'c1', 's', 'h', 1, NULL);
                    INSERT INTO attempt VALUES ('a1', '123456', 'c1', 'poste', '2026-11-18 09:01:00.000');
                    INSERT INTO result VALUES ('a1', '123456', 'c1', 'poste', '2026-11-18 09:01:00.000', '2026-11-18 09:10:00.000',
                        '{"mini-circulation-1":["B"],"mini-vitesse-2":["A","C"]}', 'content', '{}', 2, 2, 1, 'secours', '2026-11-18 09:11:00.000');
                    INSERT INTO loginThrottle VALUES ('poste', 3, 1, NULL);
                    """)
            }
        }
        let repository = try SQLiteCenterRepository(path: path)
        let session = try #require(try await repository.session(number: "123456"))
        #expect(session.kind == .entrainement)
        #expect(!session.timed)
        #expect(session.questionIds == ["mini-circulation-1", "mini-vitesse-2"])
        #expect(session.startsAt == Date(timeIntervalSince1970: 1_794_992_400))
        // v4 ran: the old session is on terminals, of no theme, text or principal exam.
        #expect(session.medium == .terminal && session.themeIds == nil && session.additionalText == nil && session.rattrapageOf == nil)
        #expect(try await repository.establishment() == nil)
        let result = try #require(try await repository.result(attemptId: "a1"))
        #expect(result.source == .rescue)
        #expect(result.answers == ["mini-circulation-1": ["B"], "mini-vitesse-2": ["A", "C"]])
        #expect(result.passed)
        #expect(try await repository.candidate(id: "c1")?.extraTime == true)
        // v6 ran: nobody is read aloud until flagged.
        #expect(try await repository.candidate(id: "c1")?.readsAloud == false)
        #expect(try await repository.throttle(.terminal("poste")) == LoginThrottle(consecutiveFailures: 3, lockCount: 1))
        // The second migration ran: a throttle change is dated.
        let now = CenterFixtures.start
        _ = try await repository.updateThrottle(.terminal("poste"), now: now) { _ in LoginThrottle() }
        let queue = try DatabaseQueue(path: path)
        let updatedAt = try await queue.read { db in try Date.fetchOne(db, sql: "SELECT updatedAt FROM loginThrottle WHERE terminalId = 'poste'") }
        #expect(updatedAt == now)
        // A service over the old file scores from its own key as usual.
        let center = CenterService(repository: repository, catalog: CenterFixtures.catalog, clock: clock, surveillantHashCost: 1 << 10)
        let card = try center.scoreCard(for: result, session: session)
        #expect(card.total == 2)
        #expect(card.right == 2)
    }
}
