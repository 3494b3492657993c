import CenterServer
import Foundation
import NIOCore
import Testing
@testable import CenterServer

@Suite struct ServeAnnouncementTests {
    @Test func theLoopbackSaysOnlyThisMachineReachesIt() {
        #expect(ListeningAddresses.announcement(scheme: "http", host: "127.0.0.1", port: 8080, interfaces: ["192.168.1.10"]) == [
            "Centre Épreuve à l'écoute sur http://127.0.0.1:8080/api/v1",
            "Seul ce poste peut l'atteindre : pour les terminaux de la salle, relancez avec --host 0.0.0.0.",
        ])
    }

    @Test func aWildcardHostListsTheAddressToGiveTerminals() {
        #expect(ListeningAddresses.announcement(scheme: "https", host: "0.0.0.0", port: 8443, interfaces: ["10.0.0.5", "192.168.1.10"]) == [
            "Centre Épreuve à l'écoute sur https://0.0.0.0:8443/api/v1",
            "Terminaux de la salle : epreuve --center https://10.0.0.5:8443",
            "Terminaux de la salle : epreuve --center https://192.168.1.10:8443",
        ])
        #expect(ListeningAddresses.announcement(scheme: "http", host: "::", port: 80, interfaces: [])
            == ["Centre Épreuve à l'écoute sur http://[::]:80/api/v1", "Aucune interface réseau active : seul ce poste peut l'atteindre."])
        #expect(ListeningAddresses.announcement(scheme: "http", host: "192.168.1.10", port: 8080).last
            == "Terminaux de la salle : epreuve --center http://192.168.1.10:8080")
    }

    @Test func theMachineHasNoLoopbackAmongItsRoomAddresses() {
        #expect(!ListeningAddresses.interfaceAddresses().contains { $0.hasPrefix("127.") })
    }

    @Test func listenFailuresAreFrench() {
        #expect(ListeningAddresses.failure(IOError(errnoCode: EADDRINUSE, reason: "bind"), host: "0.0.0.0", port: 8080)
            == "port 8080 déjà utilisé (un autre centre tourne-t-il ?) : arrêtez-le ou choisissez un autre --port")
        #expect(ListeningAddresses.failure(IOError(errnoCode: EACCES, reason: "bind"), host: "0.0.0.0", port: 80)?.hasPrefix("port 80 réservé") == true)
        #expect(ListeningAddresses.failure(IOError(errnoCode: EIO, reason: "x"), host: "h", port: 1) == nil)
    }

    @Test func anAccessLogLineCarriesStatusAndTime() {
        #expect(AccessLogMiddleware.line(method: "POST", path: "/api/v1/attempts/a1/result", status: 409, elapsed: .microseconds(3250))
            == "POST /api/v1/attempts/a1/result 409 3.2 ms")
        #expect(AccessLogMiddleware.line(method: "GET", path: "/api/v1/health", status: 200, elapsed: .seconds(2))
            == "GET /api/v1/health 200 2000.0 ms")
    }
}
