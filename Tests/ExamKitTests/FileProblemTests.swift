import Foundation
import Testing
@testable import ExamKit

@Suite struct FileProblemTests {
    @Test func aRealWriteIntoAMissingFolderIsSaidInFrench() throws {
        let path = "/nonexistent-\(UUID().uuidString)/resultats.csv"
        do {
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            Issue.record("the write should fail")
        } catch {
            #expect(FileProblem.sentence(error, doing: "écriture impossible")
                == "\(path) : écriture impossible, dossier ou fichier introuvable (vérifiez le chemin, et que la clé USB est branchée)")
        }
    }

    @Test func eachErrnoHasItsSentence() {
        func posix(_ code: Int32) -> NSError {
            NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                    userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
        }
        #expect(FileProblem.sentence(posix(ENOSPC), path: "/media/cle") == "/media/cle : disque plein (libérez de la place ou changez de support)")
        #expect(FileProblem.sentence(posix(EROFS), path: "/media/cle")
            == "/media/cle : support en lecture seule (déverrouillez la clé ou changez de support)")
        #expect(FileProblem.sentence(posix(EACCES)) == "accès refusé (droits insuffisants sur ce dossier ou ce fichier)")
        #expect(FileProblem.sentence(CocoaError(.fileWriteOutOfSpace)) == "disque plein (libérez de la place ou changez de support)")
        let unknown = FileProblem.sentence(NSError(domain: NSCocoaErrorDomain, code: 999_999))
        #expect(unknown.hasPrefix("opération impossible sur ce fichier"))
        #expect(!unknown.contains("could not"))
    }
}
