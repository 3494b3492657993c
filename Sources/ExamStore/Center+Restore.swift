import ExamKit
import Foundation

extension Center {
    public enum RestoreOutcome: Sendable, Hashable {
        case imported(score: Int, outOf: Int)
        case alreadyPresent
        case refused(String)
    }

    /// Imports one rescue file. The file must be byte for byte what a terminal wrote: the mac
    /// covers the content, and any other change (even white space) means someone edited it.
    public func restore(fileData data: Data) throws -> RestoreOutcome {
        guard let envelope = try? JSONDecoder().decode(ResultEnvelope.self, from: data) else {
            return .refused("ce n'est pas un fichier de résultat Épreuve (JSON illisible)")
        }
        guard envelope.fileData() == data else {
            return .refused("fichier modifié depuis son écriture par le terminal")
        }
        switch try storeResult(envelope, source: "secours") {
        case let .success(.stored(score, outOf)): return .imported(score: score, outOf: outOf)
        case .success(.alreadyStored): return .alreadyPresent
        case let .failure(refusal):
            switch refusal {
            case .badMac: return .refused("signature invalide (fichier modifié ou d'un autre centre)")
            case .conflict: return .refused("un autre résultat existe déjà pour cette tentative")
            case let .invalid(reason): return .refused(reason)
            }
        }
    }
}
