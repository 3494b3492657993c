import Documents
import ExamKit
import Foundation

/// A session of 30 candidates as the center would hand it to the documents: accented names, one
/// very long name, an apostrophe, tiers-temps, Admis, Échoué and Absent, three classes.
enum SessionFixture {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    static let establishment = Establishment(
        name: "Collège Jean-Baptiste de La Salle", uai: "0691234X", academie: "Lyon", commune: "Villeurbanne",
        address: "12, rue de l'Égalité\n69100 Villeurbanne")

    static let profile = Profile(
        id: "ASSR1", title: "Attestation scolaire de sécurité routière de premier niveau", bank: "assr1",
        questionCount: 20, answerSeconds: 45, extraTimeAnswerSeconds: 60, passMark: 10,
        quotas: ["circulation": 6, "comportement-citoyen": 2, "developpement-durable": 1, "distracteurs": 2,
                 "equipements": 2, "passagers": 1, "premiers-secours": 1, "sante-conduites-a-risque": 3, "vitesse": 2])

    /// Monday 14 December 2026, 9:00 in Paris.
    static let start: Date = {
        var components = DateComponents(year: 2026, month: 12, day: 14, hour: 9, minute: 0)
        components.timeZone = paris
        return Calendar(identifier: .gregorian).date(from: components)!
    }()

    static func session(type: DocumentSessionType = .examen, rattrapage: Bool = false, isOver: Bool = true) -> DocumentSession {
        DocumentSession(
            number: "832648", type: type, profile: profile, name: "ASSR1 5e — décembre", start: start, timeZone: paris,
            room: "B12 (salle informatique)",
            additionalText: "Présentez-vous 15 minutes avant l'épreuve devant la salle B12, avec votre carnet de correspondance. Les téléphones restent éteints dans les sacs, à l'avant de la salle.",
            rattrapage: rattrapage, surveillant: "Mme Nathalie Lefèvre", isOver: isOver)
    }

    static let themes: [Theme] = [
        Theme(id: "circulation", label: "Circulation"),
        Theme(id: "comportement-citoyen", label: "Comportement citoyen"),
        Theme(id: "developpement-durable", label: "Développement durable"),
        Theme(id: "distracteurs", label: "Distracteurs"),
        Theme(id: "equipements", label: "Équipements"),
        Theme(id: "passagers", label: "Passagers"),
        Theme(id: "premiers-secours", label: "Premiers secours"),
        Theme(id: "sante-conduites-a-risque", label: "Santé et conduites à risque"),
        Theme(id: "vitesse", label: "Vitesse"),
    ]

    static let longFirstName = "Marie-Françoise-Éléonore-Bérénice"
    static let longLastName = "de La Rochefoucauld-Montmorency-Laval d'Harcourt de Saint-Exupéry"

    /// (last name, first name, class, extra time)
    private static let people: [(String, String, String, Bool)] = [
        ("Dupont", "Léa", "5A", false), ("Lefèvre", "Zoé", "5A", true), ("Benoît", "Chloé", "5A", false),
        ("N'Diaye", "Aïssatou", "5A", false), ("Œuvray", "Noël", "5A", false), ("Müller", "Jürgen", "5A", false),
        ("Garçon", "François", "5A", false), ("Hébert", "Maëlle", "5A", true), ("Ibáñez", "Iñès", "5A", false),
        ("Jégou", "Anaïs", "5A", false), (longLastName, longFirstName, "5B", true),
        ("Kervella", "Gwénaëlle", "5B", false), ("Lacroix", "Jérôme", "5B", false), ("Martin", "Hugo", "5B", false),
        ("Nguyễn", "Thảo", "5B", false), ("Olivier", "Célestin", "5B", false), ("Pérez", "Inès", "5B", false),
        ("Quéré", "Loïc", "5B", false), ("Rousseau", "Éloïse", "5B", false), ("Sánchez", "Raphaël", "5B", false),
        ("Thibault", "Bérénice", "5C", false), ("Urbain", "Gaël", "5C", false), ("Vasseur", "Maïwenn", "5C", false),
        ("Wagner", "Ophélie", "5C", false), ("Xavier", "Timothée", "5C", false), ("Yilmaz", "Elif", "5C", false),
        ("Zeller", "Cécile", "5C", false), ("Abécassis", "Noémie", "5C", false), ("Bézier", "Côme", "5C", false),
        ("Çelik", "Emre", "5C", true),
    ]

    private static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func candidates() -> [DocumentCandidate] {
        people.enumerated().map { index, person in
            let (last, first, className, extraTime) = person
            // Codes: deterministic, distinct, from the access-code alphabet.
            let code = String((0..<8).map { alphabet[(index * 7 + $0 * 11 + $0 * index) % alphabet.count] })
            let result: DocumentResult
            var themes: [ThemeStat] = []
            if index % 10 == 9 {
                result = DocumentResult(verdict: .absent)
            } else {
                let score = [15, 8, 12, 19, 10, 6, 14, 11, 17, 4, 13][(index + 1) % 11]
                result = DocumentResult(verdict: score >= 10 ? .admis : .echoue, score: score, outOf: 20, date: start.addingTimeInterval(1500))
                themes = themeStats(score: score, seed: index)
            }
            return DocumentCandidate(
                id: String(format: "C%03d", index + 1), lastName: last, firstName: first, className: className,
                birthDate: CalendarDay(year: 2013, month: 1 + index % 12, day: 1 + (index * 3) % 28),
                extraTime: extraTime, accessCode: code, result: result, themes: themes)
        }
    }

    /// A plausible per-theme split of `score` right answers over the profile's quotas.
    private static func themeStats(score: Int, seed: Int) -> [ThemeStat] {
        var left = score
        return themes.enumerated().map { offset, theme in
            let questions = profile.quotas[theme.id] ?? 0
            let right = min(questions, left, (offset + seed) % 3 == 0 ? questions - 1 : questions)
            left -= max(right, 0)
            return ThemeStat(theme: theme.id, questions: questions, right: max(right, 0))
        }
    }

    static func input(type: DocumentSessionType = .examen, rattrapage: Bool = false, isOver: Bool = true) -> DocumentInput {
        DocumentInput(establishment: establishment, session: session(type: type, rattrapage: rattrapage, isOver: isOver),
                      candidates: candidates(), questions: questions, themes: themes)
    }
}
