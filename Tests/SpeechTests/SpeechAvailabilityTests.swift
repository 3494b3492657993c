import Foundation
import Speech
import Testing

/// Without espeak-ng, its data, the French voice or an audio output, construction fails with one
/// French line (the exam then goes on without reading); never a crash.
@Suite struct SpeechAvailabilityTests {
    func unavailability(_ configuration: EspeakSynthesizer.Configuration) -> SpeechUnavailable? {
        do {
            _ = try EspeakSynthesizer(configuration)
            return nil
        } catch {
            return error
        }
    }

    var wavFolder: URL { SpeechFixtures.temporaryFolder("unavailable") }

    @Test func aMissingLibraryIsSaidInOneFrenchLine() {
        let failure = unavailability(.init(output: .wavFiles(directory: wavFolder), library: "libespeak-ng-absente.so.1"))
        #expect(failure?.reason == .libraryMissing("libespeak-ng-absente.so.1"))
        #expect(failure?.description == "La lecture à voix haute n'est pas disponible sur ce poste : la bibliothèque "
            + "espeak-ng est absente (libespeak-ng-absente.so.1 introuvable ; paquet Debian libespeak-ng1).")
    }

    @Test func aMissingVoiceIsSaidInOneFrenchLine() {
        let failure = unavailability(.init(output: .wavFiles(directory: wavFolder), voice: "fr-absente"))
        #expect(failure?.reason == .voiceMissing("fr-absente"))
        #expect(failure?.description
            == "La lecture à voix haute n'est pas disponible sur ce poste : la voix « fr-absente » d'espeak-ng n'est pas installée.")
    }

    @Test func missingDataIsSaidInOneFrenchLine() throws {
        let empty = SpeechFixtures.temporaryFolder("no-data")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let failure = unavailability(.init(output: .wavFiles(directory: wavFolder), dataPath: empty.path))
        #expect(failure?.reason == .dataMissing(empty.path))
        #expect(failure?.description.hasPrefix("La lecture à voix haute n'est pas disponible sur ce poste : les données d'espeak-ng sont introuvables") == true)
        // The engine recovers for the next synthesizer with the system's data.
        #expect(unavailability(.init(output: .wavFiles(directory: wavFolder))) == nil)
    }

    @Test func anAudioOutputThatDoesNotOpenIsSaidInOneFrenchLine() {
        let failure = unavailability(.init(output: .speakers(device: "epreuve-sortie-absente")))
        #expect(failure?.reason == .audioMissing)
        #expect(failure?.description == "La lecture à voix haute n'est pas disponible sur ce poste : aucune sortie audio n'a pu être ouverte.")
    }

    @Test func aFolderThatCannotBeWrittenIsSaidInOneFrenchLine() throws {
        let file = SpeechFixtures.temporaryFolder("a-file")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let failure = unavailability(.init(output: .wavFiles(directory: file.appendingPathComponent("wav"))))
        #expect(failure?.reason == .outputFolder(file.appendingPathComponent("wav").path))
    }

    @Test func everyLineIsOneLine() {
        let reasons: [SpeechUnavailable.Reason] = [
            .libraryMissing("x"), .dataMissing("/d"), .voiceMissing("fr"), .audioMissing, .outputFolder("/w"),
            .engine(code: 0x1000_06FF, message: "The specified espeak-ng voice does not exist"),
        ]
        for reason in reasons {
            let line = SpeechUnavailable(reason).description
            #expect(line.hasPrefix("La lecture à voix haute n'est pas disponible sur ce poste : "))
            #expect(!line.contains("\n") && line.hasSuffix("."))
        }
    }
}
