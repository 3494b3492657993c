import ExamKit
import Foundation

/// Creating sessions: composition, exam number, surveillant and access codes (stored hashed).
extension CenterService {
    public struct SessionRequest: Sendable {
        public var kind: SessionKind
        public var profileId: String
        public var name: String
        public var startsAt: Date
        public var place: String?
        public var timed: Bool
        public var selection: CandidateSelection
        public var alwaysActive: Bool = false
        /// `--presence`: candidates start once the surveillant confirmed them on the console.
        public var requiresPresence: Bool = false

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
        /// INE or center identifiers.
        case ids([String])
    }

    public struct CreatedSession: Sendable {
        public let session: CenterSession
        public let surveillantCode: String
        /// Candidates with their access code in clear: shown once, then only hashes remain.
        public let codes: [(candidate: Candidate, code: String)]
    }

    /// The demo's public codes (DESIGN §9).
    struct FixedCodes: Sendable {
        var number: String
        var surveillant: String
        /// Access code per candidate id.
        var access: [String: String]
    }

    public func createSession(_ request: SessionRequest) async throws -> CreatedSession {
        try await createSession(request, fixedCodes: nil)
    }

    func createSession(_ request: SessionRequest, fixedCodes: FixedCodes?) async throws -> CreatedSession {
        guard let profile = catalog.profile(request.profileId) else {
            let known = catalog.profiles.map(\.id).joined(separator: ", ")
            throw CenterError("attestation inconnue « \(request.profileId) » (connues : \(known))")
        }
        guard let bank = catalog.banks[profile.bank] else {
            throw CenterError("la banque « \(profile.bank) » du profil \(profile.id) est absente ou invalide")
        }
        if request.kind == .examen && !request.timed {
            throw CenterError("une épreuve d'examen est toujours chronométrée (--untimed est réservé à l'entraînement)")
        }
        var generator = SystemRandomNumberGenerator()
        let seed = SecretHash.randomHex(bytes: 16, using: &generator)
        let questions: [Question]
        do {
            questions = try SessionComposer.compose(profile: profile, bank: bank, seed: seed, themeOrder: catalog.themes.map(\.id))
        } catch {
            throw CenterError("impossible de composer l'épreuve : \(error.description)")
        }
        let candidates = try await select(request.selection, profile: profile.id)
        guard !candidates.isEmpty else {
            throw CenterError("aucun candidat ne correspond (attestation \(profile.id), \(request.selection.label))")
        }
        let surveillantCode = fixedCodes?.surveillant ?? SixDigits.generate(using: &generator)
        let surveillantSalt = SecretHash.makeSalt(using: &generator)
        let surveillantCheck = try SlowCodeHash.make(surveillantCode, cost: surveillantHashCost)
        let codes = candidates.map { ($0, fixedCodes?.access[$0.id] ?? AccessCode.generate(using: &generator)) }

        while true {
            let number = fixedCodes?.number ?? SixDigits.generate(using: &generator)
            let session = CenterSession(
                number: number, kind: request.kind, profileId: profile.id, name: request.name,
                startsAt: request.startsAt, place: request.place, timed: request.timed,
                alwaysActive: request.alwaysActive, seed: seed,
                resultKey: SecretHash.randomHex(bytes: 32, using: &generator),
                surveillantSalt: surveillantSalt,
                surveillantHash: SecretHash.hash(surveillantCode, salt: surveillantSalt), surveillantCheck: surveillantCheck,
                questionIds: questions.map(\.id), contentDigest: catalog.digest, createdAt: clock.now(),
                requiresPresence: request.requiresPresence)
            let enrolments = codes.map { candidate, code in
                let salt = SecretHash.makeSalt(using: &generator)
                return Enrolment(sessionNumber: number, candidateId: candidate.id, codeSalt: salt,
                                 codeHash: SecretHash.hash(code, salt: salt), extraTime: candidate.extraTime,
                                 demoCode: fixedCodes == nil ? nil : code)
            }
            switch try await repository.insertSession(session, enrolments: enrolments) {
            case .inserted:
                return CreatedSession(session: session, surveillantCode: surveillantCode, codes: codes)
            case .numberTaken:
                if fixedCodes != nil { throw CenterError("le numéro d'épreuve \(number) est déjà pris") }
            }
        }
    }

    /// Demo pupils are never enrolled by `all` or `class:` (DESIGN §9); a class is found whatever its
    /// case, among the pupils of the session's attestation.
    private func select(_ selection: CandidateSelection, profile: String) async throws -> [Candidate] {
        let all = try await repository.candidates()
        let real = all.filter { $0.className != Demo.className }
        switch selection {
        case .all:
            return real.filter { $0.attestation == profile }
        case let .className(name):
            return real.filter { $0.className.lowercased() == name.lowercased() && $0.attestation == profile }
        case let .ids(ids):
            return try ids.map { id in
                guard let candidate = all.first(where: { $0.ine == id || $0.id == id }) else {
                    throw CenterError("candidat inconnu « \(id) »")
                }
                return candidate
            }
        }
    }
}

extension CenterService.CandidateSelection {
    var label: String {
        switch self {
        case .all: "tous"
        case let .className(name): "classe \(name)"
        case let .ids(ids): ids.joined(separator: ",")
        }
    }
}
