@testable import CenterPostgres
import CenterService
import ExamKit
import Foundation
import Logging
import PostgresNIO
import PostgresTestServer
import Testing

/// What only the PostgreSQL implementation has to show: its address, its migrations, and rows
/// changed by hand refused by name (the contract suite covers the rest).
@Suite struct PostgresCenterRepositoryTests {
    let clock = SettableWallClock(CenterFixtures.start.addingTimeInterval(60))

    /// Runs SQL statements on the database as an administrator would in psql.
    func psql(_ address: PostgresAddress, _ statements: String...) async throws {
        try await psql(address, statements)
    }

    func psql(_ address: PostgresAddress, _ statements: [String]) async throws {
        let connection = try await PostgresConnection.connect(configuration: try address.connectionConfiguration, id: 9,
                                                              logger: Logger(label: "test"))
        do {
            for sql in statements { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test")) }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    func centerWithResult() async throws -> (CenterService, PostgresAddress, number: String, attemptId: String) {
        let address = try await TestPostgres.freshDatabase()
        let center = CenterService(repository: try await PostgresCenterRepository.open(address), catalog: CenterFixtures.catalog, clock: clock)
        _ = try await center.importCandidates([CenterFixtures.row("11111111111", "Alexandre", "Lily")])
        let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "T", startsAt: CenterFixtures.start))
        let package = try await center.login(number: created.session.number, code: created.codes[0].code, terminalId: "t").get()
        let stored = try await center.storeResult(CenterFixtures.envelope(for: package, choosing: { _ in [1] }, terminal: "t"))
        try #require(stored == .success(.stored(score: nil, outOf: nil)))
        return (center, address, created.session.number, package.attemptId)
    }

    @Test func unreadableRowsAreErrorsNamingTheTableTheRowAndTheColumn() async throws {
        let (center, address, number, attemptId) = try await centerWithResult()
        #expect(try await center.results().first?.answers.isEmpty == false)
        try await psql(address, "UPDATE result SET answers = '[1, 2]' WHERE attempt_id = '\(attemptId)'")
        let answers = CenterError("table result, ligne \(attemptId) : colonne answers illisible")
        await #expect(throws: answers) { try await center.results() }
        await #expect(throws: answers) { try await center.statistics(session: number) }
        await #expect(throws: answers) { try await center.repository.result(attemptId: attemptId) }

        try await psql(address, "UPDATE result SET answers = '{}', source = 'ailleurs' WHERE attempt_id = '\(attemptId)'")
        await #expect(throws: CenterError("table result, ligne \(attemptId) : colonne source illisible")) { try await center.results() }

        try await psql(address, "UPDATE session SET question_ids = '\"mini-1, mini-2\"' WHERE number = '\(number)'")
        await #expect(throws: CenterError("table session, ligne \(number) : colonne question_ids illisible")) {
            try await center.login(number: number, code: "AAAA-AAAA", terminalId: "t")
        }
        try await psql(address, "UPDATE session SET question_ids = '[]', kind = 'exam' WHERE number = '\(number)'")
        await #expect(throws: CenterError("table session, ligne \(number) : colonne kind illisible")) { try await center.sessions() }

        // A column whose type was changed by hand is as unreadable as a wrong value.
        try await psql(address, "UPDATE session SET kind = 'examen' WHERE number = '\(number)'", "ALTER TABLE session ALTER COLUMN timed TYPE text")
        await #expect(throws: CenterError("table session, ligne \(number) : colonne timed illisible")) { try await center.lookUp(number: number) }
        try await psql(address, "ALTER TABLE candidate ALTER COLUMN siecle DROP NOT NULL", "UPDATE candidate SET siecle = NULL")
        await #expect(throws: CenterError("table candidate, ligne 11111111111 : colonne siecle illisible (valeur absente)")) {
            try await center.candidates()
        }
    }

    @Test func migrationsAreRecordedAppliedOnceAndANewerSchemaIsRefused() async throws {
        let address = try await TestPostgres.freshDatabase()
        let first = try await PostgresCenterRepository.open(address)
        #expect(first.isNewStore)
        _ = try await first.upsertCandidates([ContractFixtures.upsert(ContractFixtures.candidate("c1"), key: .id("c1"))], newId: { "unused" })
        await first.close()
        // Opening again (or from a second process) applies nothing and keeps the data.
        let again = try await PostgresCenterRepository.open(address)
        #expect(!again.isNewStore)
        #expect(try await again.candidate(id: "c1") != nil)
        let versions = try await again.client.query("SELECT version, name FROM schema_migration ORDER BY version").collect()
        #expect(versions.count == PostgresSchema.migrations.count)
        #expect(try versions.map { try $0.decode((Int, String).self).0 } == PostgresSchema.migrations.map(\.version))
        await again.close()

        try await psql(address, "INSERT INTO schema_migration (version, name) VALUES (999, 'from the future')")
        await #expect(throws: CenterError("la base a été migrée par une version plus récente d'Épreuve (schéma 999) : mettez le programme à jour")) {
            try await PostgresCenterRepository.open(address)
        }
    }

    @Test func aDatabaseOfTheFirstSchemaIsMigratedAndRead() async throws {
        let address = try await TestPostgres.freshDatabase()
        let first = try #require(PostgresSchema.migrations.first { $0.version == 1 })
        try await psql(address, ["CREATE TABLE schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"]
            + first.statements + [
                "INSERT INTO schema_migration (version, name) VALUES (1, 'the center''s tables')",
                "INSERT INTO candidate VALUES ('c1', NULL, 'Alexandre', 'Lily', '2013-03-14', '5A', 'F', 'ASSR1', false, true)",
                """
                INSERT INTO session VALUES ('123456', 'entrainement', 'ASSR1', 'Ancienne', '2026-11-18 09:00:00+00', NULL, false, false,
                    'seed', 'key', 'salt', 'hash', '["mini-circulation-1","mini-vitesse-2"]', 'digest', '2026-11-17 09:00:00+00')
                """,
                "INSERT INTO session_candidate VALUES ('123456', 'c1', 's', 'h', true, NULL)",
                "INSERT INTO attempt VALUES ('a1', '123456', 'c1', 'poste', '2026-11-18 09:01:00+00')",
                """
                INSERT INTO result VALUES ('a1', '123456', 'c1', 'poste', '2026-11-18 09:01:00+00', '2026-11-18 09:10:00+00',
                    '{"mini-circulation-1":["B"],"mini-vitesse-2":["A","C"]}', 'content', '{}', 2, 2, true, 'secours', '2026-11-18 09:11:00+00')
                """,
                "INSERT INTO login_throttle VALUES ('poste', 3, 1, NULL, '2026-11-18 09:00:00+00')",
            ])
        let repository = try await PostgresCenterRepository.open(address)
        #expect(!repository.isNewStore)
        let session = try #require(try await repository.session(number: "123456"))
        #expect(session.kind == .entrainement && !session.timed && session.surveillantCheck == nil)
        #expect(session.questionIds == ["mini-circulation-1", "mini-vitesse-2"])
        #expect(session.startsAt == Date(timeIntervalSince1970: 1_794_992_400))
        let attempt = try #require(try await repository.attempt(id: "a1"))
        #expect(attempt.progress == nil && attempt.progressAt == nil && !attempt.transferAuthorized)
        let result = try #require(try await repository.result(attemptId: "a1"))
        #expect(result.source == .rescue && result.passed && result.stopReason == nil)
        #expect(result.answers == ["mini-circulation-1": ["B"], "mini-vitesse-2": ["A", "C"]])
        #expect(try await repository.throttle(.terminal("poste")) == LoginThrottle(consecutiveFailures: 3, lockCount: 1))
        let versions = try await repository.client.query("SELECT version FROM schema_migration ORDER BY version").collect()
        #expect(try versions.map { try $0.decode(Int.self) } == PostgresSchema.migrations.map(\.version))
        // The second migration's tables are there.
        #expect(try await repository.recordFailure("k", now: CenterFixtures.start, length: 60) == FailureWindow(start: CenterFixtures.start, failures: 1))
        // The third's too: the old session is on terminals, of no theme, text or principal exam.
        #expect(session.medium == .terminal && session.themeIds == nil && session.additionalText == nil && session.rattrapageOf == nil)
        #expect(try await repository.establishment() == nil)
        #expect(try await repository.exportRecords().isEmpty)
        // The fifth's: nobody is read aloud until flagged.
        #expect(try await repository.candidate(id: "c1")?.readsAloud == false)
        await repository.close()
    }

    @Test func twoProcessesOpeningANewDatabaseAtOnceMigrateOnce() async throws {
        let address = try await TestPostgres.freshDatabase()
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let repository = try await PostgresCenterRepository.open(address)
                    await repository.close()
                    return repository.isNewStore
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(opened.count { $0 } == 1)
    }

    @Test func aClosedRepositorySaysSoInFrench() async throws {
        let repository = try await PostgresCenterRepository.open(try await TestPostgres.freshDatabase())
        await repository.close()
        await #expect(throws: CenterError.self) { try await repository.candidates() }
        do {
            _ = try await repository.candidates()
        } catch let error as CenterError {
            #expect(error.message.hasPrefix("lecture des candidats : "))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func urlsAreReadLikeLibpqAndErrorsHideThePassword() throws {
        let full = try PostgresAddress(url: "postgres://centre:s%40cret@db.lycee.fr:5433/epreuve?sslmode=require", environment: [:])
        #expect(full.endpoint == .tcp(host: "db.lycee.fr", port: 5433))
        #expect(full.username == "centre" && full.password == "s@cret" && full.database == "epreuve")
        #expect(full.tlsMode == .require)
        #expect(full.description == "postgres://centre@db.lycee.fr:5433/epreuve")

        let plain = try PostgresAddress(url: "postgresql://centre@localhost/epreuve", environment: ["PGPASSWORD": "depuis-env"])
        #expect(plain.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(plain.password == "depuis-env")
        #expect(plain.tlsMode == .disable)
        let socket = try PostgresAddress(url: "postgres://centre@/epreuve?host=/var/run/postgresql", environment: [:])
        #expect(socket.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))

        for (url, reason) in [
            ("http://centre:pw@hote/base", "schéma « http » inconnu"),
            ("postgres://centre:pw@hote", "nom de la base manquant"),
            ("postgres://centre:pw@hote:99999/base", "port 99999 hors limites"),
            ("postgres://hote/base", "utilisateur manquant"),
            ("postgres://centre:pw@hote/base?sslmode=toujours", "sslmode « toujours » inconnu : disable, prefer, require ou verify-full"),
            ("postgres://centre:pw@hote/base?options=x", "paramètre « options » inconnu"),
            ("pas une adresse", "illisible"),
        ] {
            let error = try #require(throws: CenterError.self) { try PostgresAddress(url: url, environment: [:]) }
            #expect(error.message.hasPrefix("adresse de base de données invalide (\(reason)) : "), "\(url): \(error.message)")
            #expect(!error.message.contains(":pw@"))
        }
    }

    @Test func anUnreachableServerIsOneLineNamingIt() async throws {
        let closed = try await TestPostgres.freshDatabase()
        var address = closed
        address.endpoint = .tcp(host: "127.0.0.1", port: 1)
        await #expect(throws: CenterError("ouverture de \(address) : base de données PostgreSQL injoignable à 127.0.0.1:1 (connexion refusée)")) {
            try await PostgresCenterRepository.open(address)
        }
        // A server of one's own (EPREUVE_TEST_POSTGRES_URL) may trust every local connection; the
        // throwaway one asks for a password (SCRAM).
        if TestPostgres.isThrowawayServer {
            var wrongPassword = closed
            wrongPassword.password = "faux"
            await #expect(throws: CenterError("ouverture de \(wrongPassword) : authentification refusée par PostgreSQL pour l'utilisateur \(closed.username)")) {
                try await PostgresCenterRepository.open(wrongPassword)
            }
        }
        var missing = closed
        missing.database = "nulle_part"
        await #expect(throws: CenterError("ouverture de \(missing) : la base « nulle_part » n'existe pas sur \(closed.serverDescription)")) {
            try await PostgresCenterRepository.open(missing)
        }
    }
}
