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
        public var medium: SessionMedium
        /// A training from these themes only.
        public var themes: [String]?
        /// Printed on the convocations, 300 characters at most.
        public var additionalText: String?
        /// The principal exam this one is the rattrapage of: its failed and absent candidates.
        public var rattrapageOf: String?
        /// Accepts a start further in the past than the session's validity (`--passe`).
        public var allowPast: Bool
        /// `--presence`: candidates start once the surveillant confirmed them on the console.
        public var requiresPresence: Bool = false

        public init(kind: SessionKind, profileId: String, name: String, startsAt: Date, place: String? = nil,
                    timed: Bool = true, selection: CandidateSelection = .all, medium: SessionMedium = .terminal,
                    themes: [String]? = nil, additionalText: String? = nil, rattrapageOf: String? = nil, allowPast: Bool = false) {
            self.kind = kind
            self.profileId = profileId
            self.name = name
            self.startsAt = startsAt
            self.place = place
            self.timed = timed
            self.selection = selection
            self.medium = medium
            self.themes = themes
            self.additionalText = additionalText
            self.rattrapageOf = rattrapageOf
            self.allowPast = allowPast
        }
    }

    public enum CandidateSelection: Sendable, Hashable {
        /// Every candidate registered for the session's attestation (for a rattrapage: every failed
        /// or absent candidate of the principal exam).
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
        /// Candidates of the principal exam left out of a rattrapage, and why.
        public let leftOut: [(candidate: Candidate, reason: String)]
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
        if request.medium == .paper && request.kind != .examen {
            throw CenterError("une épreuve hors ligne est un examen (handbook §5.4) : pas d'entraînement sur papier")
        }
        try checkTexts(name: request.name, place: request.place, additionalText: request.additionalText)
        if fixedCodes == nil { try checkStart(request.startsAt, kind: request.kind, allowPast: request.allowPast) }
        var generator = SystemRandomNumberGenerator()
        let seed = SecretHash.randomHex(bytes: 16, using: &generator)
        let questions = try compose(profile: profile, bank: bank, seed: seed, kind: request.kind, themes: request.themes)
        var candidates: [Candidate]
        var leftOut: [(candidate: Candidate, reason: String)] = []
        if let principal = request.rattrapageOf {
            (candidates, leftOut) = try await rattrapageCandidates(of: principal, request: request, profile: profile)
        } else {
            candidates = try await select(request.selection, profile: profile.id)
        }
        guard !candidates.isEmpty else {
            let why = leftOut.isEmpty ? "" : " ; écartés : " + leftOut.map { "\($0.candidate.displayName) (\($0.reason))" }.joined(separator: ", ")
            throw CenterError("aucun candidat ne correspond (attestation \(profile.id), \(request.selection.label))\(why)")
        }
        let surveillantCode = fixedCodes?.surveillant ?? SixDigits.generate(using: &generator)
        let surveillantSalt = SecretHash.makeSalt(using: &generator)
        let surveillantCheck = try SlowCodeHash.make(surveillantCode, cost: surveillantHashCost)
        while true {
            let number = fixedCodes?.number ?? SixDigits.generate(using: &generator)
            let session = CenterSession(
                number: number, kind: request.kind, profileId: profile.id, name: request.name,
                startsAt: request.startsAt, place: request.place, timed: request.timed,
                alwaysActive: request.alwaysActive, seed: seed,
                resultKey: SecretHash.randomHex(bytes: 32, using: &generator),
                surveillantSalt: surveillantSalt,
                surveillantHash: SecretHash.hash(surveillantCode, salt: surveillantSalt), surveillantCheck: surveillantCheck,
                questionIds: questions.map(\.id), contentDigest: catalog.digest, createdAt: clock.now(), medium: request.medium,
                themeIds: request.themes, additionalText: request.additionalText, rattrapageOf: request.rattrapageOf,
                requiresPresence: request.requiresPresence)
            // The codes hash under the session's own salt, so they are drawn anew with each number tried.
            var maker = AccessCodeMaker(session: session)
            var codes: [(Candidate, String)] = []
            let enrolments = candidates.map { candidate in
                let (code, hash) = maker.make(fixed: fixedCodes?.access[candidate.id], using: &generator)
                codes.append((candidate, code))
                return Enrolment(sessionNumber: number, candidateId: candidate.id, codeSalt: maker.salt,
                                 codeHash: hash, extraTime: candidate.extraTime, demoCode: fixedCodes == nil ? nil : code)
            }
            switch try await repository.insertSession(session, enrolments: enrolments) {
            case .inserted:
                return CreatedSession(session: session, surveillantCode: surveillantCode, codes: codes, leftOut: leftOut)
            case .numberTaken:
                if fixedCodes != nil { throw CenterError("le numéro d'épreuve \(number) est déjà pris") }
            }
        }
    }

    /// Demo pupils are never enrolled by `all` or `class:` (DESIGN §9); a class is found whatever its
    /// case, among the pupils of the session's attestation; a candidate named by INE or identifier
    /// must be registered for that attestation.
    func select(_ selection: CandidateSelection, profile: String) async throws -> [Candidate] {
        let all = try await candidates()
        let real = all.filter { $0.className != Demo.className }
        switch selection {
        case .all:
            return real.filter { $0.attestation == profile }
        case let .className(name):
            return real.filter { NameFolding.key($0.className) == NameFolding.key(name) && $0.attestation == profile }
        case let .ids(ids):
            return try ids.map { id in
                guard let candidate = all.first(where: { $0.ine == id.uppercased() || $0.id == id }) else {
                    throw CenterError("candidat inconnu « \(id) »")
                }
                guard candidate.attestation == profile else {
                    throw CenterError("\(candidate.displayName) est inscrit pour l'\(candidate.attestation), pas pour l'\(profile)")
                }
                return candidate
            }
        }
    }

    /// The session's questions: the profile's quotas, or for a training limited to themes, those
    /// themes only.
    func compose(profile: Profile, bank: Bank, seed: String, kind: SessionKind, themes: [String]?) throws -> [Question] {
        guard let themes else {
            do {
                return try SessionComposer.compose(profile: profile, bank: bank, seed: seed, themeOrder: catalog.themes.map(\.id))
            } catch {
                throw CenterError("impossible de composer l'épreuve : \(error.description)")
            }
        }
        guard kind == .entrainement else { throw CenterError("--themes est réservé à l'entraînement : un examen couvre tous les thèmes") }
        guard !themes.isEmpty else { throw CenterError("--themes : indiquez au moins un thème") }
        for theme in themes where !catalog.themes.contains(where: { $0.id == theme }) {
            throw CenterError("thème inconnu « \(theme) » (thèmes : \(catalog.themes.map(\.id).joined(separator: ", ")))")
        }
        let questions = SessionComposer.compose(profile: profile, bank: bank, seed: seed, themeOrder: catalog.themes.map(\.id), themes: themes)
        guard !questions.isEmpty else { throw CenterError("la banque \(bank.id) n'a aucune question de ces thèmes") }
        return questions
    }

    /// Name, room and text as typed: not empty (name), short enough, no control characters.
    func checkTexts(name: String, place: String?, additionalText: String?) throws {
        try TypedText.check(name, field: "nom de l'épreuve")
        try TypedText.check(place, field: "lieu")
        try TypedText.check(additionalText, field: "texte de la convocation")
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw CenterError("le nom de l'épreuve est vide") }
        guard name.count <= 100 else { throw CenterError("nom de l'épreuve trop long (\(name.count) caractères, 100 au plus)") }
        if let place, place.count > 100 { throw CenterError("lieu trop long (\(place.count) caractères, 100 au plus)") }
        if let text = additionalText, text.count > Self.additionalTextLimit {
            throw CenterError("texte de la convocation trop long (\(text.count) caractères, \(Self.additionalTextLimit) au plus)")
        }
    }

    /// The handbook's limit for the convocation text.
    public static let additionalTextLimit = 300

    /// A session starting further in the past than its validity would be over at once: refused
    /// unless `allowPast` (a session typed in after the fact).
    func checkStart(_ start: Date, kind: SessionKind, allowPast: Bool) throws {
        let now = clock.now()
        guard allowPast || start.addingTimeInterval(kind.validity) > now else {
            throw CenterError("le \(CenterDates.minute.string(from: start)) est passé de plus de \(kind == .examen ? "3 heures" : "3 jours") : "
                + "l'épreuve serait déjà terminée (vérifiez la date, ou ajoutez --passe pour saisir une épreuve passée)")
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
