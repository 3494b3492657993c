import ExamKit
import Foundation

/// The establishment printed on every document (`epreuve-center etablissement`).
public struct Establishment: Sendable, Hashable, Codable {
    public var name: String
    /// Unité administrative immatriculée, e.g. « 0750001A ».
    public var uai: String
    public var academie: String
    public var commune: String
    /// Street address, possibly on several lines (postcode and commune may be on the last).
    public var address: String

    public init(name: String = "", uai: String = "", academie: String = "", commune: String = "", address: String = "") {
        self.name = name
        self.uai = uai
        self.academie = academie
        self.commune = commune
        self.address = address
    }
}

public enum DocumentSessionType: String, Sendable, Hashable, Codable {
    case examen
    case entrainement
    /// Exam on paper (« Examen (sans accès internet) », handbook §5.4).
    case horsLigne = "hors-ligne"
}

/// One session (« épreuve ») as documents show it. Dates are shown in `timeZone`.
public struct DocumentSession: Sendable, Hashable {
    /// Six digits.
    public var number: String
    public var type: DocumentSessionType
    /// The kind of exam: id (« ASSR1 »), title, question count, timing and pass mark.
    public var profile: Profile
    public var name: String
    public var start: Date
    public var timeZone: TimeZone
    /// The room (« lieu »), or nil when none was given.
    public var room: String?
    /// The establishment's text for the convocations, at most 300 characters.
    public var additionalText: String?
    public var rattrapage: Bool
    public var surveillant: String?
    /// True once the session has ended (the caller's clock decides): an exam's corrigé waits for it.
    public var isOver: Bool

    public static let additionalTextLimit = 300

    public init(number: String, type: DocumentSessionType, profile: Profile, name: String, start: Date,
                timeZone: TimeZone = .current, room: String? = nil, additionalText: String? = nil,
                rattrapage: Bool = false, surveillant: String? = nil, isOver: Bool = false) {
        self.number = number
        self.type = type
        self.profile = profile
        self.name = name
        self.start = start
        self.timeZone = timeZone
        self.room = room
        self.additionalText = additionalText
        self.rattrapage = rattrapage
        self.surveillant = surveillant
        self.isOver = isOver
    }
}

public enum Verdict: String, Sendable, Hashable, Codable {
    case admis, echoue, absent

    /// The word documents print.
    public var label: String {
        switch self {
        case .admis: "Admis"
        case .echoue: "Échoué"
        case .absent: "Absent"
        }
    }
}

/// A candidate's outcome in the session.
public struct DocumentResult: Sendable, Hashable {
    public var verdict: Verdict
    /// Right answers, nil when absent.
    public var score: Int?
    /// Questions counted (20, or 19 with a neutralised question).
    public var outOf: Int?
    /// When the attempt ended.
    public var date: Date?

    public init(verdict: Verdict, score: Int? = nil, outOf: Int? = nil, date: Date? = nil) {
        self.verdict = verdict
        self.score = score
        self.outOf = outOf
        self.date = date
    }

    /// « 14/20 », or nil without a score.
    public var note: String? {
        guard let score else { return nil }
        return "\(score)/\(outOf ?? 20)"
    }
}

/// A day without time of day (birth dates).
public struct CalendarDay: Sendable, Hashable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// From the center's stored form « AAAA-MM-JJ ».
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// « 14/07/2012 ».
    public var french: String {
        String(format: "%02d/%02d/%04d", day, month, year)
    }
}

public struct DocumentCandidate: Sendable, Hashable {
    public var id: String
    public var lastName: String
    public var firstName: String
    public var className: String
    public var birthDate: CalendarDay?
    public var extraTime: Bool
    /// The access code (8 characters, printed XXXX-XXXX), when the caller has it in clear.
    public var accessCode: String?
    public var result: DocumentResult?
    /// Per theme, questions and right answers of this candidate's attempt (rapport).
    public var themes: [ThemeStat]

    public init(id: String, lastName: String, firstName: String, className: String, birthDate: CalendarDay? = nil,
                extraTime: Bool = false, accessCode: String? = nil, result: DocumentResult? = nil, themes: [ThemeStat] = []) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.className = className
        self.birthDate = birthDate
        self.extraTime = extraTime
        self.accessCode = accessCode
        self.result = result
        self.themes = themes
    }

    /// « DUPONT Léa », as the handbook lists candidates.
    public var displayName: String { "\(lastName.uppercased()) \(firstName)" }
    /// « Léa DUPONT », as a letter addresses them.
    public var addressName: String { "\(firstName) \(lastName.uppercased())" }
}

/// Everything the documents of one session are made from.
public struct DocumentInput: Sendable, Hashable {
    public var establishment: Establishment
    public var session: DocumentSession
    public var candidates: [DocumentCandidate]
    /// The session's questions in booklet order, with their key (corrigé, grille, corrections).
    public var questions: [Question]
    /// Theme ids and labels in display order (corrigé, rapport).
    public var themes: [Theme]

    public init(establishment: Establishment, session: DocumentSession, candidates: [DocumentCandidate],
                questions: [Question] = [], themes: [Theme] = []) {
        self.establishment = establishment
        self.session = session
        self.candidates = candidates
        self.questions = questions
        self.themes = themes
    }

    func themeLabel(_ id: String) -> String {
        themes.first { $0.id == id }?.label ?? id
    }
}
