import CenterService
import Foundation
import PostgresNIO

/// PostgreSQL failures as one French line each (the SQLite ones' wording where the case is the same):
/// an unreachable server, a refused password or a full disk must not look like a crash.
enum PostgresSentences {
    static func sentence(_ what: String, _ error: any Error, address: PostgresAddress) -> String {
        if let error = error as? CenterError { return error.message }
        if let error = error as? PSQLError { return sentence(what, error, address: address) }
        if let error = error as? PostgresTransactionError {
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { sentence(what, $0, address: address) } ?? "\(what) : erreur de la base de données"
        }
        if let error = error as? PostgresDecodingError {
            return "\(what) : colonne \(error.columnName) illisible (\(error.postgresType))"
        }
        if let reason = unreachableReason(error) { return unreachable(what, address, reason) }
        return "\(what) : erreur de la base de données (\(String(describing: error)))"
    }

    private static func sentence(_ what: String, _ error: PSQLError, address: PostgresAddress) -> String {
        switch error.code {
        case .server:
            return serverSentence(what, error.serverInfo, address: address)
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed, .clientClosedConnection:
            return unreachable(what, address, error.underlying.flatMap(unreachableReason) ?? "connexion perdue")
        case .sslUnsupported:
            return "\(what) : le serveur PostgreSQL \(address.serverDescription) n'accepte pas TLS (sslmode=\(address.tlsMode.rawValue))"
        case .authMechanismRequiresPassword:
            return "\(what) : le serveur PostgreSQL demande un mot de passe pour \(address.username) (dans l'adresse ou $PGPASSWORD)"
        case .unsupportedAuthMechanism, .saslError:
            return "\(what) : authentification PostgreSQL impossible pour \(address.username)"
        case .queryCancelled:
            return "\(what) : requête annulée"
        default:
            return "\(what) : erreur de la base de données (\(error.code))"
        }
    }

    private static func serverSentence(_ what: String, _ info: PSQLError.ServerInfo?, address: PostgresAddress) -> String {
        let state = info?[.sqlState] ?? ""
        let message = info?[.message] ?? "erreur inconnue"
        switch state {
        case "28P01", "28000":
            return "\(what) : authentification refusée par PostgreSQL pour l'utilisateur \(address.username)"
        case "3D000":
            return "\(what) : la base « \(address.database) » n'existe pas sur \(address.serverDescription)"
        case "53100":
            return "\(what) : disque plein, rien n'a été enregistré"
        case "25006", "42501":
            return "\(what) : base de données non accessible en écriture (\(message))"
        case "23505":
            return "\(what) : valeur déjà enregistrée, rien n'a été enregistré (\(info?[.constraintName] ?? message))"
        case "23503":
            return "\(what) : référence inconnue, rien n'a été enregistré (\(info?[.constraintName] ?? message))"
        case "57P01", "57P02", "57P03":
            return unreachable(what, address, "serveur en cours d'arrêt ou de démarrage")
        case "53300":
            return "\(what) : trop de connexions ouvertes sur le serveur PostgreSQL"
        default:
            return "\(what) : erreur de la base de données (\(state) \(message))"
        }
    }

    static func unreachable(_ what: String, _ address: PostgresAddress, _ reason: String) -> String {
        "\(what) : base de données PostgreSQL injoignable à \(address.serverDescription) (\(reason))"
    }

    /// Why a connection could not be made, for socket-level errors (refused, unknown host, timeout).
    static func unreachableReason(_ error: any Error) -> String? {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connexion refusée"
            case ENOENT: return "socket introuvable"
            case EACCES, EPERM: return "accès refusé au socket"
            case ETIMEDOUT: return "délai dépassé"
            case EHOSTUNREACH, ENETUNREACH: return "hôte inaccessible"
            default: return "erreur réseau \(error.errnoCode)"
            }
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return unreachableReason(first.error) ?? "connexion impossible" }
            if error.dnsAAAAError != nil || error.dnsAError != nil { return "hôte inconnu" }
            return "connexion impossible"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "délai dépassé" }
        if let error = error as? SocketAddressError {
            if case .unknown = error { return "hôte inconnu" }
            return "adresse invalide"
        }
        if let error = error as? PSQLError, error.code == .connectionError || error.code == .serverClosedConnection {
            return error.underlying.flatMap(unreachableReason) ?? "connexion perdue"
        }
        return nil
    }
}
