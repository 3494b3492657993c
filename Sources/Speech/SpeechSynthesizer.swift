/// Something that says French text aloud for the candidate.
///
/// Every call returns at once: the terminal's event loop calls these between two frames and its
/// countdown must keep moving. A new `say` stops whatever was being said first (a new question,
/// `L` or `M` cut the previous reading short); `interrupt` only stops.
public protocol SpeechSynthesizer: Sendable {
    /// Starts saying `text` at `wordsPerMinute` (clamped to what the engine accepts), after stopping
    /// whatever was being said.
    func say(_ text: String, wordsPerMinute: Int)
    /// Stops what is being said; nothing happens when silent.
    func interrupt()
    /// False once the synthesizer knows it cannot speak any more (it is true after a successful
    /// construction: a synthesizer that cannot speak is not constructed).
    var isAvailable: Bool { get }
}

/// Speech rates, in words per minute, that the engines accept (espeak-ng's own limits).
public enum SpeechRate {
    public static let minimum = 80
    public static let maximum = 450

    public static func clamped(_ wordsPerMinute: Int) -> Int {
        min(max(wordsPerMinute, minimum), maximum)
    }
}

/// Why reading aloud cannot be offered on this terminal; `description` is the one French line
/// the terminal shows before going on without it.
public struct SpeechUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// libespeak-ng could not be opened (not installed), or lacks a function.
        case libraryMissing(String)
        /// espeak-ng's data folder is missing or unreadable.
        case dataMissing(String)
        /// The voice (French) is not installed.
        case voiceMissing(String)
        /// No audio output could be opened.
        case audioMissing
        /// The folder for WAV files cannot be written.
        case outputFolder(String)
        /// Any other espeak-ng status, with espeak-ng's own (English) message.
        case engine(code: UInt32, message: String)
    }

    public let reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        "La lecture à voix haute n'est pas disponible sur ce poste : \(detail)."
    }

    private var detail: String {
        switch reason {
        case let .libraryMissing(name):
            "la bibliothèque espeak-ng est absente (\(name) introuvable ; paquet Debian libespeak-ng1)"
        case let .dataMissing(path):
            "les données d'espeak-ng sont introuvables (\(path))"
        case let .voiceMissing(voice):
            "la voix « \(voice) » d'espeak-ng n'est pas installée"
        case .audioMissing:
            "aucune sortie audio n'a pu être ouverte"
        case let .outputFolder(path):
            "le dossier \(path) ne peut pas recevoir les fichiers audio"
        case let .engine(code, message):
            "espeak-ng a renvoyé l'erreur 0x\(String(code, radix: 16)) (\(message))"
        }
    }
}
