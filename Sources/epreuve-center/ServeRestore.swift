import ArgumentParser
import CenterServer
import CenterService
import Foundation
import Hummingbird
import Logging

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Importe des fichiers de secours écrits par les terminaux.")

    @OptionGroup var options: CenterOptions
    @Argument(help: "Fichiers epreuve-….json") var files: [String]

    func run() async throws {
        let center = try await options.openCenter()
        var refused = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file) : refusé, fichier introuvable ou illisible")
                refused += 1
                continue
            }
            switch try await userErrors({ try await center.restore(fileData: data) }) {
            case let .imported(score, outOf): print("\(file) : importé (note \(score)/\(outOf))")
            case .alreadyPresent: print("\(file) : déjà présent")
            case let .refused(reason):
                print("\(file) : refusé, \(reason)")
                refused += 1
            }
        }
        if refused > 0 { throw UserError("\(refused) fichier(s) refusé(s) sur \(files.count)") }
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Sert l'API HTTP du centre pour les terminaux (/api/v1).")

    @OptionGroup var options: CenterOptions
    @Option(help: "Adresse d'écoute.") var host = "127.0.0.1"
    @Option(help: "Port d'écoute.") var port = 8080

    func run() async throws {
        let center = try await options.openCenter()
        var logger = Logger(label: "epreuve-center")
        logger.logLevel = .info
        let app = CenterAPI.application(service: center, host: host, port: port, logger: logger) { bound in
            // Written straight to the descriptor: a log collector sees it at once, not at exit.
            FileHandle.standardOutput.write(Data("Centre Épreuve à l'écoute sur http://\(host):\(bound)/api/v1\n".utf8))
        }
        // SIGTERM and SIGINT finish the requests in flight, then stop.
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
