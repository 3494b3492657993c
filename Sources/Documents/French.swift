import Foundation
import Synchronization

/// French conventions for printed text: dates, spaces before punctuation, name order.
enum French {
    static let nbsp = "\u{00A0}"
    /// Fine non-breaking space, before « ; », « ! » and « ? ».
    static let narrowNbsp = "\u{202F}"

    /// Typeset prose: non-breaking spaces inside « » and before « : », fine ones before « ; ! ? »,
    /// typographic apostrophes.
    static func typeset(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previous: Character?
        var iterator = text.makeIterator()
        var current = iterator.next()
        while let character = current {
            let next = iterator.next()
            switch character {
            case " " where previous == "«" || next == "»" || next == ":":
                out += nbsp
            case " " where next == ";" || next == "!" || next == "?":
                out += narrowNbsp
            case "'":
                out.append("’")
            default:
                out.append(character)
            }
            previous = character
            current = next
        }
        return out
    }

    /// « Numéro 832648 » stays on one line.
    static func keep(_ text: String) -> String {
        text.replacingOccurrences(of: " ", with: nbsp)
    }

    /// Date formatters are slow to make (ICU): one per format and time zone, used under a lock.
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    private static func format(_ date: Date, _ pattern: String, _ timeZone: TimeZone) -> String {
        formatters.withLock { cache in
            let key = pattern + "|" + timeZone.identifier
            if let formatter = cache[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "fr_FR")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            cache[key] = formatter
            return formatter.string(from: date)
        }
    }

    /// « lundi 14 décembre 2026 », « mardi 1er décembre 2026 »; the day and its month on one line.
    static func longDate(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.component(.day, from: date)
        let weekday = format(date, "EEEE", timeZone)
        let monthYear = format(date, "MMMM y", timeZone)
        return "\(weekday) \(day == 1 ? "1er" : String(day))\(nbsp)\(monthYear)"
    }

    /// « 9 h 00 ».
    static func time(_ date: Date, _ timeZone: TimeZone) -> String {
        format(date, "H' h 'mm", timeZone).replacingOccurrences(of: " ", with: nbsp)
    }

    /// « lundi 14 décembre 2026 à 9 h 00 ».
    static func dateAndTime(_ date: Date, _ timeZone: TimeZone) -> String {
        "\(longDate(date, timeZone)) à \(time(date, timeZone))"
    }

    /// « 14/12/2026 ».
    static func shortDate(_ date: Date, _ timeZone: TimeZone) -> String {
        format(date, "dd/MM/yyyy", timeZone)
    }

    /// « 14 décembre 2026 ».
    static func dayMonthYear(_ date: Date, _ timeZone: TimeZone) -> String {
        let text = longDate(date, timeZone)
        return String(text.drop { $0 != " " }.dropFirst())
    }

    static func year(_ date: Date, _ timeZone: TimeZone) -> String {
        format(date, "y", timeZone)
    }

    /// Alphabetical order as a French list reads: case and accents ignored, last name first.
    static func alphabetical(_ candidates: [DocumentCandidate]) -> [DocumentCandidate] {
        candidates.map { (key: (sortKey($0.lastName), sortKey($0.firstName), $0.id), candidate: $0) }
            .sorted { $0.key < $1.key }.map(\.candidate)
    }

    /// Class by class, then by name: documents handed out in classes.
    static func byClass(_ candidates: [DocumentCandidate]) -> [DocumentCandidate] {
        let classes = Set(candidates.map(\.className)).sorted { $0.compare($1, options: [.caseInsensitive, .numeric]) == .orderedAscending }
        let grouped = Dictionary(grouping: candidates, by: \.className)
        return classes.flatMap { alphabetical(grouped[$0] ?? []) }
    }

    /// « Œuvray » sorts as « oeuvray », « Çelik » as « celik », « N'Diaye » as « ndiaye ».
    static func sortKey(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
            .filter { $0.isLetter || $0.isNumber || $0 == " " }
    }

    /// « 1 candidat », « 30 candidats ».
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n > 1 ? plural ?? singular + "s" : singular)"
    }

    /// « 75 % » with a non-breaking space.
    static func percent(_ value: Int) -> String { "\(value)\(nbsp)%" }
}
