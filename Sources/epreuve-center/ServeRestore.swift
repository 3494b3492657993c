import ArgumentParser
import CommandLineKit
import CenterServer
import CenterService
import Foundation
import Hummingbird
import HummingbirdTLS
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
    @Option(help: ArgumentHelp("Adresse d'écoute : 0.0.0.0 pour que les terminaux de la salle l'atteignent ; 127.0.0.1, ce poste seul.", valueName: "adresse")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("Port d'écoute.", valueName: "port")) var port = 8080
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Certificat du centre (PEM) : l'API est alors servie en HTTPS.", valueName: "fichier")) var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("Clé privée du certificat (PEM).", valueName: "fichier")) var tlsKey: String?

    func run() async throws {
        let tls: TLSConfiguration?
        switch (tlsCert, tlsKey) {
        case let (certificate?, key?): tls = try await userErrors { try CenterAPI.tlsConfiguration(certificate: certificate, key: key) }
        case (nil, nil): tls = nil
        default: throw UserError("--tls-cert et --tls-key vont ensemble")
        }
        let center = try await options.openCenter()
        var logger = Logger(label: "epreuve-center")
        logger.logLevel = .info
        let scheme = tls == nil ? "http" : "https"
        let app = try CenterAPI.application(service: center, host: host, port: port, logger: logger, tls: tls) { bound in
            // Written straight to the descriptor: a log collector sees it at once, not at exit.
            let lines = ListeningAddresses.announcement(scheme: scheme, host: host, port: bound)
            FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        }
        // SIGTERM and SIGINT finish the requests in flight (4 s at most), then stop.
        do {
            try await CenterAPI.runUntilSignalled(app, logger: logger)
        } catch {
            if let sentence = ListeningAddresses.failure(error, host: host, port: port) { throw UserError(sentence) }
            throw error
        }
    }
}
