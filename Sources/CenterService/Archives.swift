import ExamKit
import Foundation

/// The establishment and the archive purge (handbook §10: « à compter du 1er janvier de l'année
/// suivante, toutes les données sont supprimées », after the results were archived).
extension CenterService {
    public func establishment() async throws -> CenterEstablishment {
        try await repository.establishment() ?? CenterEstablishment()
    }

    /// Replaces the given fields (nil: kept), each checked for control characters and length.
    public func updateEstablishment(name: String? = nil, uai: String? = nil, academie: String? = nil, commune: String? = nil,
                                    address: String? = nil) async throws -> CenterEstablishment {
        var establishment = try await self.establishment()
        for (value, field, limit) in [(name, "--nom", 120), (uai, "--uai", 8), (academie, "--academie", 60), (commune, "--commune", 80),
                                      (address, "--adresse", 200)] {
            guard let value else { continue }
            try TypedText.check(value, field: field)
            guard value.count <= limit else { throw CenterError("\(field) : \(value.count) caractères, \(limit) au plus") }
        }
        if let uai, !uai.isEmpty {
            let code = uai.uppercased()
            guard code.count == 8, code.prefix(7).allSatisfy({ $0.isASCII && $0.isNumber }), code.last!.isASCII && code.last!.isLetter else {
                throw CenterError("--uai « \(uai) » : 7 chiffres et une lettre, par exemple 0750001A")
            }
        }
        func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces) }
        if let name { establishment.name = trimmed(name) }
        if let uai { establishment.uai = trimmed(uai).uppercased() }
        if let academie { establishment.academie = trimmed(academie) }
        if let commune { establishment.commune = trimmed(commune) }
        if let address { establishment.address = trimmed(address) }
        try await repository.saveEstablishment(establishment)
        return establishment
    }

    public struct PurgeReport: Sendable {
        public let sessions: [CenterSession]
        public let count: PurgeCount
        /// The exports that covered the exams deleted.
        public let exports: [ExportRecord]
    }

    /// Sessions of calendar years before `year`, as `archives purge --avant` would delete them.
    public func sessionsBefore(year: Int) async throws -> [CenterSession] {
        let calendar = Calendar(identifier: .gregorian)
        return try await sessions().filter { !isDemo($0) && calendar.component(.year, from: $0.startsAt) < year }
    }

    /// Deletes the sessions of years before `year` with their results, and the candidates they leave
    /// enrolled nowhere. Refused unless every exam among them is in a results export written (by
    /// `results export --out`) after it ended and after its last result, and still there unchanged;
    /// `withoutExport` skips that check. Trainings need no export: they are not official results.
    public func purge(before year: Int, withoutExport: Bool) async throws -> PurgeReport {
        let now = clock.now()
        let current = Calendar(identifier: .gregorian).component(.year, from: now)
        guard year <= current else {
            throw CenterError("--avant \(year) : l'année en cours est \(current) ; on ne supprime que les années passées")
        }
        let doomed = try await sessionsBefore(year: year)
        var used: [ExportRecord] = []
        if !withoutExport {
            let records = try await repository.exportRecords()
            for session in doomed where session.kind == .examen {
                guard !(try await repository.enrolments(session: session.number).isEmpty) else { continue }
                let lastResult = try await repository.results(session: session.number).map(\.storedAt).max() ?? .distantPast
                let needed = max(lastResult, session.window.end)
                let covering = records.filter { $0.sessions.contains(session.number) && $0.writtenAt >= needed }
                guard !covering.isEmpty else {
                    throw CenterError("l'épreuve \(session.number) « \(session.name) » du \(CenterDates.day.string(from: session.startsAt)) n'est dans aucun export "
                        + "écrit après ses derniers résultats : archivez d'abord (epreuve-center results export --out FICHIER.csv), "
                        + "ou purgez sans archive avec --sans-export")
                }
                guard let present = covering.last(where: { Self.fileMatches($0) }) else {
                    let paths = Set(covering.map(\.path)).sorted().joined(separator: ", ")
                    throw CenterError("l'export de l'épreuve \(session.number) (\(paths)) n'est plus là ou a changé depuis son écriture : "
                        + "branchez la clé qui le porte, ou exportez de nouveau (results export --out FICHIER.csv)")
                }
                if !used.contains(present) { used.append(present) }
            }
        }
        let count = try await repository.purgeSessions(numbers: doomed.map(\.number))
        return PurgeReport(sessions: doomed, count: count, exports: used)
    }

    /// The export file is where it was written, byte for byte.
    static func fileMatches(_ record: ExportRecord) -> Bool {
        guard let data = FileManager.default.contents(atPath: record.path) else { return false }
        return SpreadsheetCSV.sha256(data) == record.sha256
    }
}
