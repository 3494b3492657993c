import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// What `serve` says when it starts: where it listens, and which address terminals of the room must be
/// given — on a wildcard host, one per network interface; on the loopback, that only this machine can reach it.
public enum ListeningAddresses {
    public static func announcement(scheme: String, host: String, port: Int, interfaces: [String] = interfaceAddresses()) -> [String] {
        var lines = ["Centre Épreuve à l'écoute sur \(scheme)://\(display(host)):\(port)/api/v1"]
        if isLoopback(host) {
            lines.append("Seul ce poste peut l'atteindre : pour les terminaux de la salle, relancez avec --host 0.0.0.0.")
        } else if isWildcard(host) {
            if interfaces.isEmpty {
                lines.append("Aucune interface réseau active : seul ce poste peut l'atteindre.")
            }
            for address in interfaces {
                lines.append("Terminaux de la salle : epreuve --center \(scheme)://\(display(address)):\(port)")
            }
        } else {
            lines.append("Terminaux de la salle : epreuve --center \(scheme)://\(display(host)):\(port)")
        }
        return lines
    }

    /// Why the center could not listen, in French, when the cause is the address or the port.
    public static func failure(_ error: Error, host: String, port: Int) -> String? {
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE:
                return "port \(port) déjà utilisé (un autre centre tourne-t-il ?) : arrêtez-le ou choisissez un autre --port"
            case EACCES:
                return "port \(port) réservé à l'administrateur : choisissez un port au-dessus de 1024, par exemple --port 8080"
            case EADDRNOTAVAIL:
                return "adresse \(host) absente de ce poste : utilisez --host 0.0.0.0 ou une de ses adresses"
            default:
                return nil
            }
        }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost {
            return "adresse \(host) inconnue : utilisez --host 0.0.0.0 ou une adresse IP de ce poste"
        }
        return nil
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func isWildcard(_ host: String) -> Bool {
        host == "0.0.0.0" || host == "::" || host.isEmpty
    }

    /// IPv6 literals go in brackets inside a URL.
    static func display(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// The IPv4 addresses of the machine's interfaces that are up, loopback left out.
    public static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [String] = []
        for pointer in sequence(first: first, next: { $0.pointee.ifa_next }) {
            let entry = pointer.pointee
            guard let address = entry.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                  entry.ifa_flags & UInt32(IFF_UP) != 0, entry.ifa_flags & UInt32(IFF_LOOPBACK) == 0 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(MemoryLayout<sockaddr_in>.size)
            if getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return Array(Set(addresses)).sorted()
    }
}
