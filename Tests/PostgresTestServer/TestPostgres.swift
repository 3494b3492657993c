import CenterPostgres
import Foundation
import Logging
import PostgresNIO

/// A PostgreSQL server for the tests, shared by the whole test process, and a fresh empty database on
/// it for each test that asks.
///
/// With `EPREUVE_TEST_POSTGRES_URL` set (a role that may CREATE DATABASE), that server is used.
/// Otherwise a throwaway server is started from Debian's `postgresql` package: `initdb` in a
/// temporary folder, a free port on 127.0.0.1 only, a random password (SCRAM), no fsync (the data
/// dies with the run). As root, initdb refuses to run, so the server runs as the `postgres` system
/// user through `runuser`. It is stopped and its folder removed when the test process exits; a
/// folder left by a killed run is cleaned up by the next one. When neither is possible, asking for
/// a database throws an error saying what to install: Postgres tests fail, never skip.
public enum TestPostgres {
    /// A new empty database; its repositories see nothing of other tests'.
    public static func freshDatabase() async throws -> PostgresAddress {
        try await server.value.createDatabase()
    }

    /// Its URL, as `epreuve-center --database` takes it.
    public static func freshDatabaseURL() async throws -> String {
        let address = try await freshDatabase()
        let password = address.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        switch address.endpoint {
        case let .tcp(host, port):
            return "postgres://\(address.username)\(password)@\(host):\(port)/\(address.database)"
        case let .unixSocket(path):
            // libpq's form: the socket's folder as `host`, its number as the port.
            let file = URL(fileURLWithPath: path)
            let port = file.lastPathComponent.split(separator: ".").last.map(String.init) ?? "5432"
            return "postgres://\(address.username)\(password)@localhost:\(port)/\(address.database)?host=\(file.deletingLastPathComponent().path)"
        }
    }

    /// False when `EPREUVE_TEST_POSTGRES_URL` names the server.
    public static var isThrowawayServer: Bool { externalURL == nil }

    static var externalURL: String? {
        ProcessInfo.processInfo.environment["EPREUVE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let server = Task { try await AdminConnection.start() }
}

/// The connection that creates the tests' databases, on the shared server.
actor AdminConnection {
    let server: PostgresAddress
    let connection: PostgresConnection
    private let logger = Logger(label: "epreuve.tests.postgres")
    private var created = 0

    private init(server: PostgresAddress, connection: PostgresConnection) {
        self.server = server
        self.connection = connection
    }

    static func start() async throws -> AdminConnection {
        let server: PostgresAddress
        if let url = TestPostgres.externalURL {
            do {
                server = try PostgresAddress(url: url)
            } catch {
                throw TestPostgresUnavailable("EPREUVE_TEST_POSTGRES_URL is not a usable URL: \(error)")
            }
        } else {
            server = try await ThrowawayServer.start()
        }
        let logger = Logger(label: "epreuve.tests.postgres")
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try server.connectionConfiguration, id: 1, logger: logger)
            let admin = AdminConnection(server: server, connection: connection)
            try await admin.dropStaleDatabases()
            return admin
        } catch {
            throw TestPostgresUnavailable("cannot connect to the test PostgreSQL server \(server): \(String(reflecting: error))")
        }
    }

    /// Databases are named `epreuve_test_<unix time>_<pid>_<n>`.
    func createDatabase() async throws -> PostgresAddress {
        created += 1
        let name = "epreuve_test_\(Int(Date().timeIntervalSince1970))_\(getpid())_\(created)"
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        var address = server
        address.database = name
        return address
    }

    /// On a server of one's own, databases of runs older than six hours (none of a throwaway server's).
    private func dropStaleDatabases() async throws {
        let rows = try await connection.query("SELECT datname FROM pg_database WHERE datname LIKE 'epreuve_test_%'", logger: logger)
        var stale: [String] = []
        for try await name in rows.decode(String.self) {
            let parts = name.split(separator: "_")
            if parts.count >= 3, let time = Double(parts[2]), Date().timeIntervalSince1970 - time > 6 * 3600 { stale.append(name) }
        }
        for name in stale {
            _ = try? await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }
}

/// Why the tests that need PostgreSQL cannot run here, and what to do about it.
public struct TestPostgresUnavailable: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
