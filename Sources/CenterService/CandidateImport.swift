import CSV
import ExamKit
import Foundation

/// Reads the handbook's candidate file: `INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE`.
/// `;` or `,`, UTF-8 (with or without BOM) or Windows-1252, CRLF or LF, blank lines ignored.
/// Any invalid row refuses the whole file, with one line per problem.
public enum CandidateImport {
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var ine: String?
        public var lastName: String
        public var firstName: String
        /// yyyy-MM-dd
        public var birthDate: String
        public var className: String
        public var sex: String
        public var attestation: String
        public var siecle: Bool
        /// nil when the file says nothing (no column, or an empty cell): the stored flag is kept.
        public var extraTime: Bool?
        /// nil when the file says nothing, as for the tiers-temps.
        public var readsAloud: Bool?

        public init(line: Int, ine: String?, lastName: String, firstName: String, birthDate: String, className: String,
                    sex: String, attestation: String, siecle: Bool, extraTime: Bool?, readsAloud: Bool? = nil) {
            self.line = line
            self.ine = ine
            self.lastName = lastName
            self.firstName = firstName
            self.birthDate = birthDate
            self.className = className
            self.sex = sex
            self.attestation = attestation
            self.siecle = siecle
            self.extraTime = extraTime
            self.readsAloud = readsAloud
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    public enum Field: CaseIterable, Sendable {
        case ine, lastName, firstName, birthDate, className, sex, attestation, siecle, extraTime, readsAloud

        /// Header spellings, compared without case, accents or spaces.
        var names: [String] {
            switch self {
            case .ine: ["ine"]
            case .lastName: ["nom"]
            case .firstName: ["prenom"]
            case .birthDate: ["datedenaissance", "naissance"]
            case .className: ["division", "classe"]
            case .sex: ["sexe"]
            case .attestation: ["attestation"]
            case .siecle: ["siecle"]
            case .extraTime: ["tierstemps", "tps+", "tps"]
            case .readsAloud: ["lecture", "lectureavoixhaute", "lecturedesquestions"]
            }
        }

        var required: Bool { self != .ine && self != .siecle && self != .extraTime && self != .readsAloud }

        public var label: String {
            switch self {
            case .ine: "INE"
            case .lastName: "Nom"
            case .firstName: "Prénom"
            case .birthDate: "Date de naissance"
            case .className: "Division"
            case .sex: "Sexe"
            case .attestation: "Attestation"
            case .siecle: "SIECLE"
            case .extraTime: "Tiers-temps"
            case .readsAloud: "Lecture"
            }
        }
    }

    /// Decodes the bytes: UTF-8 (BOM removed) when valid, else Windows-1252.
    public static func decode(_ data: Data) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The youngest a candidate may be on `today` (the attestations start in 5e, at 12).
    public static let minimumAge = 10

    public static func parse(_ data: Data, attestations: Set<String>, today: Date = Date()) throws(Failure) -> [Row] {
        let text = decode(data).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        guard let headerLine = text.split(separator: "\n", omittingEmptySubsequences: true).first else {
            throw Failure(problems: ["fichier vide"])
        }
        let delimiter: UnicodeScalar = headerLine.filter { $0 == ";" }.count >= headerLine.filter { $0 == "," }.count ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: delimiter)
        } catch {
            throw Failure(problems: ["fichier illisible : \(FileProblem.describe(error))"])
        }

        var problems: [String] = []
        var columns: [Field: Int]?
        var rows: [Row] = []
        var ineLines: [String: Int] = [:]
        var line = 1
        while let fields = reader.next() {
            let recordLine = line
            // A quoted field may hold line breaks: the next record starts that many lines further.
            line += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let map = columns else {
                columns = try headerMap(fields)
                continue
            }
            func value(_ field: Field) -> String? {
                guard let index = map[field] else { return nil }
                return index < fields.count ? fields[index] : ""
            }
            let checked = validate(value, line: recordLine, attestations: attestations, today: today)
            problems += checked.problems.map { "ligne \(recordLine) : \($0)" }
            // A repeated INE is named even when the row that first had it is wrong for another reason.
            let ine = (value(.ine) ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            if !ine.isEmpty {
                if let first = ineLines[ine] {
                    problems.append("ligne \(recordLine) : INE « \(ine) » déjà présent ligne \(first)")
                    continue
                }
                ineLines[ine] = recordLine
            }
            guard let row = checked.row else { continue }
            rows.append(row)
        }
        if columns == nil { problems.append("fichier vide") }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        return rows
    }

    /// Checks one candidate's fields (nil: no such column) as the file, `candidates add` and
    /// `candidates edit` give them: the row, or every problem found (without line number).
    public static func validate(_ value: (Field) -> String?, line: Int, attestations: Set<String>,
                                today: Date) -> (row: Row?, problems: [String]) {
        var problems: [String] = []
        func problem(_ text: String) { problems.append(text) }
        func text(_ field: Field) -> String {
            let raw = value(field) ?? ""
            if let character = TypedText.controlCharacter(in: raw) {
                problem("\(field.label) : caractère de contrôle (\(character)) interdit")
                return ""
            }
            return raw.trimmingCharacters(in: .whitespaces)
        }
        let ine = text(.ine).uppercased()
        if !ine.isEmpty && (!ine.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || ine.count != 11) {
            problem("INE invalide « \(ine) » (11 caractères, chiffres et lettres)")
        }
        let lastName = NameFolding.lastName(text(.lastName))
        if lastName.isEmpty { problem("nom manquant") }
        let firstName = NameFolding.firstName(text(.firstName))
        if firstName.isEmpty { problem("prénom manquant") }
        let rawDate = text(.birthDate)
        let birthDate = isoDate(rawDate)
        if let birthDate {
            if let refusal = birthDateRefusal(birthDate, today: today) { problem("date de naissance « \(rawDate) » : \(refusal)") }
        } else {
            problem(rawDate.isEmpty ? "date de naissance manquante" : "date de naissance impossible « \(rawDate) » (JJ/MM/AAAA)")
        }
        // The handbook: « si le candidat n'est pas affecté à une division, ce champ n'est pas à renseigner ».
        let className = text(.className)
        let rawSex = text(.sex)
        let sex = normalizedSex(rawSex)
        if sex == nil { problem("sexe inconnu « \(rawSex) » (F, M, Féminin ou Masculin)") }
        let rawAttestation = text(.attestation)
        let attestation = rawAttestation.uppercased()
        if !attestations.contains(attestation) {
            problem("attestation inconnue « \(rawAttestation) » (\(attestations.sorted().joined(separator: ", ")))")
        }
        /// A oui/non column: nil when the cell is empty, or says neither (then a problem too).
        func stated(_ field: Field, _ name: String) -> Bool? {
            let raw = text(field)
            guard !raw.isEmpty else { return nil }
            guard let value = yesNo(raw) else {
                problem("\(name) doit valoir oui ou non, pas « \(raw) »")
                return nil
            }
            return value
        }
        let siecle = stated(.siecle, "SIECLE") ?? false
        let extraTime = stated(.extraTime, "tiers-temps")
        let readsAloud = stated(.readsAloud, "lecture")
        guard problems.isEmpty, let birthDate, let sex else { return (nil, problems) }
        return (Row(line: line, ine: ine.isEmpty ? nil : ine, lastName: lastName, firstName: firstName, birthDate: birthDate,
                    className: className, sex: sex, attestation: attestation, siecle: siecle,
                    extraTime: extraTime, readsAloud: readsAloud), [])
    }

    /// Why a birth date (yyyy-MM-dd) cannot be a candidate's on `today`: in the future, or under
    /// `minimumAge`.
    public static func birthDateRefusal(_ isoBirthDate: String, today: Date) -> String? {
        let parts = isoBirthDate.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "illisible" }
        let now = Calendar(identifier: .gregorian).dateComponents(in: .current, from: today)
        let todayKey = (now.year ?? 0) * 10_000 + (now.month ?? 0) * 100 + (now.day ?? 0)
        let birthKey = parts[0] * 10_000 + parts[1] * 100 + parts[2]
        if birthKey > todayKey { return "dans le futur" }
        if birthKey + minimumAge * 10_000 > todayKey { return "le candidat aurait moins de \(minimumAge) ans" }
        return nil
    }

    private static func headerMap(_ fields: [String]) throws(Failure) -> [Field: Int] {
        var map: [Field: Int] = [:]
        for (index, name) in fields.enumerated() {
            let key = simplified(name)
            if let field = Field.allCases.first(where: { $0.names.contains(key) }) { map[field] = index }
        }
        let missing = Field.allCases.filter { $0.required && map[$0] == nil }
        guard missing.isEmpty else {
            throw Failure(problems: ["ligne 1 : colonne\(missing.count > 1 ? "s" : "") manquante\(missing.count > 1 ? "s" : "") : "
                + missing.map(\.label).joined(separator: ", ")
                + " (en-tête attendu : INE;Nom;Prénom;Date de naissance;Division;Sexe;Attestation;SIECLE)"])
        }
        return map
    }

    static func simplified(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .filter { !$0.isWhitespace && $0 != "-" && $0 != "_" && $0 != "'" }
    }

    /// JJ/MM/AAAA → yyyy-MM-dd, rejecting dates that do not exist (31/02).
    public static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              parts[2].count == 4, (1900...2100).contains(year), (1...12).contains(month) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let range = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month))!),
              range.contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func normalizedSex(_ text: String) -> String? {
        switch simplified(text) {
        case "f", "feminin", "fille": "F"
        case "m", "masculin", "garcon": "M"
        default: nil
        }
    }

    static func yesNo(_ text: String) -> Bool? {
        switch simplified(text) {
        case "", "non", "n", "0", "false", "faux": false
        case "oui", "o", "1", "true", "vrai", "x": true
        default: nil
        }
    }
}
