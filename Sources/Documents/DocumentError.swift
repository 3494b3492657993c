/// Why a document cannot be made, as one French line for the person who asked for it.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The establishment lacks what this document prints (fields in French: « nom », « UAI »…).
    case establishmentIncomplete(document: String, missing: [String])
    /// Something the document needs about the session or its candidates is not there.
    case unavailable(String)
    case folderMissing(file: String)
    case notWritable(file: String, reason: String)

    public var description: String {
        switch self {
        case .establishmentIncomplete(let document, let missing):
            let list = missing.count == 1 ? missing[0]
                : missing.dropLast().joined(separator: ", ") + " et " + missing[missing.count - 1]
            let verb = missing.count == 1 ? "manque" : "manquent"
            return "\(document) : \(list) de l'établissement \(verb) ; renseignez-les avec « epreuve-center etablissement »."
        case .unavailable(let message):
            return message
        case .folderMissing(let file):
            return "Impossible d'écrire \(file) : le dossier n'existe pas."
        case .notWritable(let file, let reason):
            return "Impossible d'écrire \(file) : \(reason)."
        }
    }
}
