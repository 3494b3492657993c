import Foundation

/// The establishment printed on every document (`epreuve-center etablissement`).
public struct CenterEstablishment: Sendable, Hashable, Codable {
    public var name: String
    /// Unité administrative immatriculée (« 0750001A »).
    public var uai: String
    public var academie: String
    public var commune: String
    public var address: String

    public init(name: String = "", uai: String = "", academie: String = "", commune: String = "", address: String = "") {
        self.name = name
        self.uai = uai
        self.academie = academie
        self.commune = commune
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case name = "nom", uai, academie, commune, address = "adresse"
    }
}

/// A results export written to a file (`results export --out`): what `archives purge` checks.
public struct ExportRecord: Sendable, Hashable {
    public var writtenAt: Date
    /// Absolute path of the file.
    public var path: String
    /// SHA-256 (hex) of the bytes written.
    public var sha256: String
    /// Numbers of the sessions whose results it holds.
    public var sessions: [String]

    public init(writtenAt: Date, path: String, sha256: String, sessions: [String]) {
        self.writtenAt = writtenAt
        self.path = path
        self.sha256 = sha256
        self.sessions = sessions
    }
}

public protocol EstablishmentRepository: Sendable {
    /// nil until `saveEstablishment` was called once.
    func establishment() async throws -> CenterEstablishment?
    func saveEstablishment(_ establishment: CenterEstablishment) async throws
    func recordExport(_ record: ExportRecord) async throws
    /// Every recorded export, oldest first.
    func exportRecords() async throws -> [ExportRecord]
}
