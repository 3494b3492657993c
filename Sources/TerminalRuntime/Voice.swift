import Foundation
import Speech

/// The terminal's voice: a synthesizer made at start-up (`--lecture`), or on first need (a session that
/// asks for reading) through `make`. Saying and interrupting return at once; only `prepare` may take
/// a moment (opening the audio device), so the runtime runs it as a background task.
public final class Voice: @unchecked Sendable {
    public typealias Maker = @Sendable () throws(SpeechUnavailable) -> any SpeechSynthesizer

    private let lock = NSLock()
    private var synthesizer: (any SpeechSynthesizer)?
    private var problem: String?
    private let make: Maker?

    /// `make` nil: this terminal has no way to speak (the line `noVoice` says so when asked).
    public init(synthesizer: (any SpeechSynthesizer)? = nil, make: Maker?) {
        self.synthesizer = synthesizer
        self.make = make
    }

    public static let noVoice = "La lecture à voix haute n'est pas disponible sur ce poste."

    /// Makes the synthesizer if there is none yet; nil when it can speak, else the French line saying why not.
    public func prepare() -> String? {
        lock.lock()
        defer { lock.unlock() }
        if synthesizer != nil { return nil }
        if let problem { return problem }
        guard let make else {
            problem = Self.noVoice
            return problem
        }
        do {
            synthesizer = try make()
            return nil
        } catch {
            problem = error.description
            return problem
        }
    }

    public func say(_ text: String, wordsPerMinute: Int) {
        current?.say(text, wordsPerMinute: wordsPerMinute)
    }

    public func interrupt() {
        current?.interrupt()
    }

    private var current: (any SpeechSynthesizer)? {
        lock.lock()
        defer { lock.unlock() }
        return synthesizer
    }
}
