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
        public var extraTime: Bool

        public init(line: Int, ine: String?, lastName: String, firstName: String, birthDate: String, className: String,
                    sex: String, attestation: String, siecle: Bool, extraTime: Bool) {
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
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    enum Field: CaseIterable {
        case ine, lastName, firstName, birthDate, className, sex, attestation, siecle, extraTime

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
            }
        }

        var required: Bool { self != .ine && self != .siecle && self != .extraTime }

        var label: String {
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

    public static func parse(_ data: Data, attestations: Set<String>) throws(Failure) -> [Row] {
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
            func value(_ field: Field) -> String {
                guard let index = map[field], index < fields.count else { return "" }
                return fields[index].trimmingCharacters(in: .whitespaces)
            }
            let before = problems.count
            func problem(_ text: String) { problems.append("ligne \(recordLine) : \(text)") }

            let ine = value(.ine).uppercased()
            if !ine.isEmpty {
                if !ine.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || ine.count != 11 {
                    problem("INE invalide « \(ine) » (11 caractères, chiffres et lettres)")
                } else if let first = ineLines[ine] {
                    problem("INE « \(ine) » déjà présent ligne \(first)")
                } else {
                    ineLines[ine] = recordLine
                }
            }
            let lastName = value(.lastName)
            if lastName.isEmpty { problem("nom manquant") }
            let firstName = value(.firstName)
            if firstName.isEmpty { problem("prénom manquant") }
            let rawDate = value(.birthDate)
            let birthDate = isoDate(rawDate)
            if birthDate == nil {
                problem(rawDate.isEmpty ? "date de naissance manquante" : "date de naissance impossible « \(rawDate) » (JJ/MM/AAAA)")
            }
            let className = value(.className)
            if className.isEmpty { problem("division (classe) manquante") }
            let rawSex = value(.sex)
            let sex = normalizedSex(rawSex)
            if sex == nil { problem("sexe inconnu « \(rawSex) » (F, M, Féminin ou Masculin)") }
            let rawAttestation = value(.attestation).uppercased()
            if !attestations.contains(rawAttestation) {
                problem("attestation inconnue « \(value(.attestation)) » (\(attestations.sorted().joined(separator: ", ")))")
            }
            let siecle = yesNo(value(.siecle))
            if siecle == nil { problem("SIECLE doit valoir oui ou non, pas « \(value(.siecle)) »") }
            let extraTime = yesNo(value(.extraTime))
            if extraTime == nil { problem("tiers-temps doit valoir oui ou non, pas « \(value(.extraTime)) »") }

            guard problems.count == before, let birthDate, let sex, let siecle, let extraTime else { continue }
            rows.append(Row(
                line: recordLine, ine: ine.isEmpty ? nil : ine, lastName: lastName, firstName: firstName,
                birthDate: birthDate, className: className, sex: sex, attestation: rawAttestation, siecle: siecle,
                extraTime: extraTime))
        }
        if columns == nil { problems.append("fichier vide") }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        return rows
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
