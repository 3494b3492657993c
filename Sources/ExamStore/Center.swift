import ExamKit
import Foundation
import GRDB

/// The establishment's center over its SQLite store: candidates, sessions, codes, logins, results.
/// Scores are always recomputed here from the center's own answer key.
public final class Center: Sendable {
    public let catalog: Catalog
    let database: DatabasePool
    let clock: any WallClock

    public init(path: String, catalog: Catalog, clock: any WallClock = SystemWallClock()) throws {
        self.catalog = catalog
        self.clock = clock
        database = try StoreError.wrap("ouverture de \(path)") {
            try DatabaseOpener.open(path: path, migrator: CenterSchema.migrator)
        }
    }

    // MARK: Candidates

    public func candidates() throws -> [CandidateRecord] {
        try database.read { db in
            try CandidateRecord.order(Column("className"), Column("lastName"), Column("firstName")).fetchAll(db)
        }
    }

    public func candidate(id: String) throws -> CandidateRecord? {
        try database.read { db in try CandidateRecord.fetchOne(db, key: id) }
    }

    /// Adds the candidates, or updates those already known by INE (or, without INE, by name and birth
    /// date). All rows or none.
    public func importCandidates(_ rows: [CandidateImport.Row]) throws -> (added: Int, updated: Int) {
        try StoreError.wrap("import des candidats") {
            try database.write { db in
                var added = 0
                var updated = 0
                for row in rows {
                    if var existing = try existingCandidate(for: row, db) {
                        existing.apply(row)
                        try existing.update(db)
                        updated += 1
                    } else {
                        var record = CandidateRecord(row: row, id: row.ine ?? Self.generatedCandidateId())
                        while try CandidateRecord.exists(db, key: record.id) { record.id = Self.generatedCandidateId() }
                        try record.insert(db)
                        added += 1
                    }
                }
                return (added, updated)
            }
        }
    }

    private func existingCandidate(for row: CandidateImport.Row, _ db: Database) throws -> CandidateRecord? {
        if let ine = row.ine {
            return try CandidateRecord.filter(Column("ine") == ine).fetchOne(db)
        }
        return try CandidateRecord
            .filter(Column("ine") == nil && Column("lastName") == row.lastName && Column("firstName") == row.firstName
                && Column("birthDate") == row.birthDate)
            .fetchOne(db)
    }

    static func generatedCandidateId() -> String {
        var generator = SystemRandomNumberGenerator()
        return "C" + AccessCode.generate(using: &generator)
    }

    // MARK: Sessions

    public struct SessionRequest: Sendable {
        public var kind: SessionKind
        public var profileId: String
        public var name: String
        public var startsAt: Date
        public var place: String?
        public var timed: Bool
        public var selection: CandidateSelection
        public var alwaysActive: Bool = false

        public init(kind: SessionKind, profileId: String, name: String, startsAt: Date, place: String? = nil,
                    timed: Bool = true, selection: CandidateSelection = .all) {
            self.kind = kind
            self.profileId = profileId
            self.name = name
            self.startsAt = startsAt
            self.place = place
            self.timed = timed
            self.selection = selection
        }
    }

    public enum CandidateSelection: Sendable, Hashable {
        /// Every candidate registered for the session's attestation.
        case all
        case className(String)
        case ids([String])
    }

    public struct CreatedSession: Sendable {
        public let session: SessionRecord
        public let surveillantCode: String
        /// Candidates with their access code in clear: shown once, then only hashes remain.
        public let codes: [(candidate: CandidateRecord, code: String)]
    }

    public func createSession(_ request: SessionRequest, fixedCodes: (number: String, surveillant: String, access: [String: String])? = nil) throws -> CreatedSession {
        guard let profile = catalog.profile(request.profileId) else {
            let known = catalog.profiles.map(\.id).joined(separator: ", ")
            throw StoreError("attestation inconnue « \(request.profileId) » (connues : \(known))")
        }
        guard let bank = catalog.banks[profile.bank] else {
            throw StoreError("la banque « \(profile.bank) » du profil \(profile.id) est absente ou invalide")
        }
        if request.kind == .examen && !request.timed {
            throw StoreError("une épreuve d'examen est toujours chronométrée (--untimed est réservé à l'entraînement)")
        }
        var generator = SystemRandomNumberGenerator()
        let seed = SecretHash.randomHex(bytes: 16, using: &generator)
        let questions: [Question]
        do {
            questions = try SessionComposer.compose(profile: profile, bank: bank, seed: seed, themeOrder: catalog.themes.map(\.id))
        } catch {
            throw StoreError("impossible de composer l'épreuve : \(error.description)")
        }
        let idsJSON = String(decoding: try JSONEncoder().encode(questions.map(\.id)), as: UTF8.self)
        let surveillantCode = fixedCodes?.surveillant ?? SixDigits.generate(using: &generator)
        let surveillantSalt = SecretHash.makeSalt(using: &generator)

        return try StoreError.wrap("création de l'épreuve") {
            try database.write { db in
                let candidates = try self.select(request.selection, profile: profile.id, db)
                guard !candidates.isEmpty else {
                    throw StoreError("aucun candidat ne correspond (attestation \(profile.id), \(request.selection.label))")
                }
                var number = fixedCodes?.number ?? SixDigits.generate(using: &generator)
                while fixedCodes == nil, try SessionRecord.exists(db, key: number) {
                    number = SixDigits.generate(using: &generator)
                }
                let session = SessionRecord(
                    number: number, kind: request.kind, profileId: profile.id, name: request.name,
                    startsAt: request.startsAt, place: request.place, timed: request.timed,
                    alwaysActive: request.alwaysActive, seed: seed,
                    resultKey: SecretHash.randomHex(bytes: 32, using: &generator),
                    surveillantSalt: surveillantSalt,
                    surveillantHash: SecretHash.hash(surveillantCode, salt: surveillantSalt),
                    questionIds: idsJSON, contentDigest: self.catalog.digest, createdAt: self.clock.now())
                try session.insert(db)
                var codes: [(CandidateRecord, String)] = []
                for candidate in candidates {
                    let code = fixedCodes?.access[candidate.id] ?? AccessCode.generate(using: &generator)
                    let salt = SecretHash.makeSalt(using: &generator)
                    try SessionCandidateRecord(
                        sessionNumber: number, candidateId: candidate.id, codeSalt: salt,
                        codeHash: SecretHash.hash(code, salt: salt), extraTime: candidate.extraTime,
                        demoCode: fixedCodes == nil ? nil : code
                    ).insert(db)
                    codes.append((candidate, code))
                }
                return CreatedSession(session: session, surveillantCode: surveillantCode, codes: codes)
            }
        }
    }

    private func select(_ selection: CandidateSelection, profile: String, _ db: Database) throws -> [CandidateRecord] {
        let ordered = CandidateRecord.order(Column("className"), Column("lastName"), Column("firstName"))
        switch selection {
        case .all:
            return try ordered.filter(Column("attestation") == profile).fetchAll(db)
        case let .className(name):
            return try ordered.filter(Column("className") == name).fetchAll(db)
        case let .ids(ids):
            var found: [CandidateRecord] = []
            for id in ids {
                guard let candidate = try CandidateRecord.filter(Column("ine") == id || Column("id") == id).fetchOne(db) else {
                    throw StoreError("candidat inconnu « \(id) »")
                }
                found.append(candidate)
            }
            return found
        }
    }

    /// A new access code for one candidate of a session (the old one stops working).
    public func reissueCode(session number: String, candidate id: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = AccessCode.generate(using: &generator)
        let salt = SecretHash.makeSalt(using: &generator)
        try StoreError.wrap("nouveau code") {
            try database.write { db in
                guard var link = try SessionCandidateRecord
                    .filter(Column("sessionNumber") == number && Column("candidateId") == id).fetchOne(db) else {
                    throw StoreError("le candidat « \(id) » n'est pas convoqué à l'épreuve \(number)")
                }
                link.codeSalt = salt
                link.codeHash = SecretHash.hash(code, salt: salt)
                link.demoCode = link.demoCode == nil ? nil : code
                try link.update(db)
            }
        }
        return code
    }

    public func sessions() throws -> [SessionRecord] {
        try database.read { db in try SessionRecord.order(Column("startsAt").desc).fetchAll(db) }
    }

    public func session(number: String) throws -> SessionRecord? {
        try database.read { db in try SessionRecord.fetchOne(db, key: number) }
    }

    public func state(of session: SessionRecord) -> SessionState {
        session.window.state(at: clock.now())
    }

    func info(_ session: SessionRecord) -> SessionInfo {
        SessionInfo(
            number: session.number, name: session.name, profileId: session.profileId,
            profileTitle: catalog.profile(session.profileId)?.title ?? session.profileId, kind: session.kind,
            state: state(of: session), startsAt: session.startsAt, endsAt: session.window.end)
    }

    /// The session's questions in canonical order, with their keys.
    func questions(of session: SessionRecord) throws -> [Question] {
        try session.questionIdList.map { id in
            guard let question = catalog.question(id: id) else {
                throw StoreError("la question « \(id) » de l'épreuve \(session.number) n'existe plus dans le contenu")
            }
            return question
        }
    }
}

extension Center.CandidateSelection {
    var label: String {
        switch self {
        case .all: "tous"
        case let .className(name): "classe \(name)"
        case let .ids(ids): ids.joined(separator: ",")
        }
    }
}

extension CandidateRecord {
    init(row: CandidateImport.Row, id: String) {
        self.init(id: id, ine: row.ine, lastName: row.lastName, firstName: row.firstName, birthDate: row.birthDate,
                  className: row.className, sex: row.sex, attestation: row.attestation, siecle: row.siecle,
                  extraTime: row.extraTime)
    }

    mutating func apply(_ row: CandidateImport.Row) {
        lastName = row.lastName
        firstName = row.firstName
        birthDate = row.birthDate
        className = row.className
        sex = row.sex
        attestation = row.attestation
        siecle = row.siecle
        // The file rarely carries a tiers-temps column: a flag set by hand is kept.
        extraTime = row.extraTime || extraTime
    }
}

extension SessionKind: DatabaseValueConvertible {}
