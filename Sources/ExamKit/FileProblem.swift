import Foundation

/// A failed file operation as a French sentence a person can act on (the folder is missing, the key is
/// full, the medium is read-only), in place of Foundation's English « The operation could not be completed ».
public enum FileProblem {
    /// `path : [doing, ]what happened (what to do)`. `path` defaults to the one the error names.
    public static func sentence(_ error: Error, path: String? = nil, doing: String? = nil) -> String {
        let nsError = error as NSError
        let named = path ?? (nsError.userInfo[NSFilePathErrorKey] as? String)
            ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
        let reason = [doing, reason(nsError)].compactMap { $0 }.joined(separator: ", ")
        guard let named else { return reason }
        return "\(named) : \(reason)"
    }

    static func reason(_ error: NSError) -> String {
        if let code = posixCode(error) {
            switch code {
            case ENOENT: return "dossier ou fichier introuvable (vérifiez le chemin, et que la clé USB est branchée)"
            case EACCES, EPERM: return "accès refusé (droits insuffisants sur ce dossier ou ce fichier)"
            case ENOSPC, EDQUOT: return "disque plein (libérez de la place ou changez de support)"
            case EROFS: return "support en lecture seule (déverrouillez la clé ou changez de support)"
            case ENOTDIR: return "une partie du chemin n'est pas un dossier"
            case EISDIR: return "c'est un dossier, pas un fichier"
            case EEXIST: return "existe déjà"
            case EIO: return "erreur de lecture ou d'écriture du support (retirez-le proprement et réessayez)"
            case ENAMETOOLONG: return "chemin trop long"
            default: break
            }
        }
        guard error.domain == NSCocoaErrorDomain else {
            return "opération impossible sur ce fichier (erreur \(error.domain) \(error.code))"
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile:
            return "dossier ou fichier introuvable (vérifiez le chemin, et que la clé USB est branchée)"
        case .fileReadNoPermission, .fileWriteNoPermission: return "accès refusé (droits insuffisants sur ce dossier ou ce fichier)"
        case .fileWriteOutOfSpace: return "disque plein (libérez de la place ou changez de support)"
        case .fileWriteVolumeReadOnly: return "support en lecture seule (déverrouillez la clé ou changez de support)"
        case .fileWriteFileExists: return "existe déjà"
        case .fileReadCorruptFile, .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding:
            return "fichier illisible (contenu abîmé ou d'un autre format)"
        default:
            return "opération impossible sur ce fichier (erreur \(error.domain) \(error.code))"
        }
    }

    /// The errno behind a Foundation error: its own code in the POSIX domain, or its underlying error's.
    static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
