import CenterService
import Foundation
import PostgresNIO

/// Where a center's PostgreSQL database is: `postgres://user:password@host:port/database`, read
/// with Foundation's URL parser and mapped onto postgres-nio's configuration. Follows libpq where
/// it names the same thing: `postgresql://` too, `?sslmode=disable|prefer|require|verify-full`
/// (default `disable`), `?host=/dir` for a Unix socket folder, the password from `$PGPASSWORD`
/// when the URL has none (so it need not show in `ps`).
public struct PostgresAddress: Sendable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`<dir>/.s.PGSQL.<port>`, as libpq names it).
        case unixSocket(path: String)
    }

    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode

    public init(endpoint: Endpoint, username: String, password: String?, database: String, tlsMode: TLSMode = .disable) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.tlsMode = tlsMode
    }

    static let expected = "attendu : postgres://utilisateur:motdepasse@hôte:port/base"

    /// Parses a URL; a malformed one is a one-line French error naming what is wrong, never echoing
    /// the password.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func invalid(_ reason: String) -> CenterError {
            CenterError("adresse de base de données invalide (\(reason)) : \(PostgresAddress.redacted(text)) ; \(PostgresAddress.expected)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw invalid("illisible")
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw invalid("schéma « \(scheme) » inconnu") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { $1 }
        if let unknown = query.keys.sorted().first(where: { !["sslmode", "host"].contains($0) }) {
            throw invalid("paramètre « \(unknown) » inconnu")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw invalid("utilisateur manquant")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard let database = path.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw invalid("nom de la base manquant")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) hors limites") }
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            endpoint = .unixSocket(path: "\(socketFolder)/.s.PGSQL.\(port)")
        } else {
            guard let host = query["host"] ?? components.host, !host.isEmpty else { throw invalid("hôte manquant") }
            endpoint = .tcp(host: host, port: port)
        }
        guard let mode = TLSMode(rawValue: query["sslmode"] ?? TLSMode.disable.rawValue) else {
            throw invalid("sslmode « \(query["sslmode"] ?? "") » inconnu : disable, prefer, require ou verify-full")
        }
        username = user
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        self.database = database
        tlsMode = mode
    }

    /// The URL with its password hidden: what messages show.
    public var description: String {
        switch endpoint {
        case let .tcp(host, port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(username)@\(shownHost):\(port)/\(database)"
        case let .unixSocket(path):
            return "postgres://\(username)@/\(database) (socket \(path))"
        }
    }

    /// Where the server is, for "unreachable" messages.
    public var serverDescription: String {
        switch endpoint {
        case let .tcp(host, port): "\(host):\(port)"
        case let .unixSocket(path): path
        }
    }

    /// A user's text with whatever stands between `:` and `@` replaced, for error messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://")?.upperBound, schemeEnd < at,
              let colon = text[schemeEnd..<at].firstIndex(of: ":") else { return text }
        return text[..<text.index(after: colon)] + "***" + text[at...]
    }

    /// libpq's require and prefer encrypt without checking the certificate; verify-full checks it
    /// against the system's authorities and the host name.
    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if tlsMode != .verifyFull { configuration.certificateVerification = .none }
        return configuration
    }

    /// For a single connection (the one that checks the server and migrates on open).
    public var connectionConfiguration: PostgresConnection.Configuration {
        get throws {
            switch endpoint {
            case let .tcp(host, port):
                let tls: PostgresConnection.Configuration.TLS = switch tlsMode {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
                case .require, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
                }
                return PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                        database: database, tls: tls)
            case let .unixSocket(path):
                return PostgresConnection.Configuration(unixSocketPath: path, username: username, password: password,
                                                        database: database)
            }
        }
    }

    /// For the pool that serves the repository's queries.
    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case let .tcp(host, port):
            let tls: PostgresClient.Configuration.TLS = switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(tlsConfiguration)
            case .require, .verifyFull: .require(tlsConfiguration)
            }
            configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        case let .unixSocket(path):
            configuration = PostgresClient.Configuration(unixSocketPath: path, username: username, password: password,
                                                         database: database)
        }
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }
}
