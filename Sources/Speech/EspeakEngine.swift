import CEspeakNG
import Dispatch
import Foundation

/// What espeak-ng must be set up with for one synthesizer.
struct EspeakSetup: Hashable, Sendable {
    enum Output: Hashable, Sendable {
        /// Samples handed to a callback (WAV files).
        case retrieval
        /// espeak-ng's own audio output (pcaudiolib: PulseAudio, else ALSA), asynchronous.
        case playback(device: String?)
    }

    var library: String
    var dataPath: String?
    var voice: String
    var output: Output
}

/// The one espeak-ng of the process. espeak-ng keeps global state and its API is not thread-safe,
/// so every call to it happens on `queue`, and the mutable state below is touched only there.
///
/// espeak-ng 1.51 (Debian 12) hangs when it is terminated and initialized again after its
/// asynchronous mode ran, so it is initialized once and never terminated; only the output mode
/// and the voice change between setups (which only tests mix).
final class EspeakEngine: @unchecked Sendable {
    static let shared = EspeakEngine()

    let queue = DispatchQueue(label: "epreuve.speech.espeak")

    private var loaded: [String: epreuve_espeak] = [:]
    private var api = epreuve_espeak()
    private var initialized: (library: String, dataPath: String?)?
    private var output: EspeakSetup.Output?
    private var voice: String?
    private var playbackStarted = false

    private init() {}

    // MARK: - On the queue only

    /// Sets espeak-ng up for `setup`, doing only what differs from the current setup. Before the
    /// first playback, it proves that an audio output opens (espeak-ng's asynchronous mode would
    /// only print an error on the candidate's screen, later).
    func ensure(_ setup: EspeakSetup) throws(SpeechUnavailable) {
        dispatchPrecondition(condition: .onQueue(queue))
        try initialize(library: setup.library, dataPath: setup.dataPath)
        if case let .playback(device) = setup.output, !playbackStarted, !probeAudio(device: device) {
            throw SpeechUnavailable(.audioMissing)
        }
        if output != setup.output {
            output = nil
            let mode = setup.output == .retrieval ? epreuve_espeak_output_retrieval() : epreuve_espeak_output_playback()
            let device: String? = if case let .playback(device) = setup.output { device } else { nil }
            let status = device.withOptionalCString { api.initialize_output(mode, 0, $0) }
            guard status == ENS_OK else { throw engineError(status) }
            output = setup.output
            if case .playback = setup.output { playbackStarted = true }
        }
        if voice != setup.voice {
            voice = nil
            let status = api.set_voice_by_name(setup.voice)
            guard status == ENS_OK else {
                throw status == ENS_VOICE_NOT_FOUND ? SpeechUnavailable(.voiceMissing(setup.voice)) : engineError(status)
            }
            voice = setup.voice
        }
    }

    /// Stops any speech and starts `text` on the audio output. Returns at once: espeak-ng's own
    /// thread synthesizes and plays it.
    func speak(_ text: String, wordsPerMinute: Int, setup: EspeakSetup) throws(SpeechUnavailable) {
        try ensure(setup)
        _ = api.cancel()
        _ = api.set_parameter(espeakRATE, Int32(SpeechRate.clamped(wordsPerMinute)), 0)
        let status = epreuve_espeak_synthesize(&api, text, 0, nil)
        guard status == ENS_OK else { throw engineError(status) }
    }

    /// Stops the audio output, if that is what espeak-ng is set up for.
    func stopPlayback() {
        dispatchPrecondition(condition: .onQueue(queue))
        if case .playback = output { _ = api.cancel() }
    }

    /// Blocks until the audio output has played everything it was given.
    func waitForPlayback() {
        dispatchPrecondition(condition: .onQueue(queue))
        if case .playback = output { _ = api.synchronize() }
    }

    /// Synthesizes `text` into samples; stops early (interrupted) as soon as `stillWanted` says no
    /// (espeak-ng calls back every ~60 ms of audio).
    func render(_ text: String, wordsPerMinute: Int, setup: EspeakSetup, stillWanted: @escaping @Sendable () -> Bool)
        throws(SpeechUnavailable) -> (audio: WAVAudio, interrupted: Bool)
    {
        try ensure(setup)
        _ = api.set_parameter(espeakRATE, Int32(SpeechRate.clamped(wordsPerMinute)), 0)
        let buffer = RenderBuffer(stillWanted: stillWanted)
        let status = withExtendedLifetime(buffer) {
            epreuve_espeak_synthesize(&api, text, 0, Unmanaged.passUnretained(buffer).toOpaque())
        }
        guard status == ENS_OK || status == ENS_SPEECH_STOPPED else { throw engineError(status) }
        let audio = WAVAudio(sampleRate: Int(api.sample_rate()), samples: buffer.samples)
        return (audio, status == ENS_SPEECH_STOPPED)
    }

    // MARK: - Private

    private func initialize(library: String, dataPath: String?) throws(SpeechUnavailable) {
        if let initialized, initialized.library == library, initialized.dataPath == dataPath { return }
        guard !playbackStarted else {
            // Never in the terminal (one setup per process); re-initializing would hang espeak-ng.
            throw SpeechUnavailable(.engine(code: 0, message: "déjà en lecture avec d'autres données"))
        }
        if let api = loaded[library] {
            self.api = api
        } else {
            var api = epreuve_espeak()
            if let missing = epreuve_espeak_load(library, &api) {
                let symbol = String(cString: missing)
                throw SpeechUnavailable(.libraryMissing(symbol.isEmpty ? library : "\(library) : \(symbol)"))
            }
            loaded[library] = api
            self.api = api
        }
        initialized = nil
        output = nil
        voice = nil
        if let dataPath { api.initialize_path(dataPath) } else { api.initialize_path(nil) }
        var context: espeak_ng_ERROR_CONTEXT? = nil
        let status = api.initialize(&context)
        api.clear_error_context(&context)
        guard status == ENS_OK else {
            // Codes below 256 are errno values: a file of the data folder could not be read.
            if status.rawValue < 256 {
                throw SpeechUnavailable(.dataMissing(dataPath ?? "dossier par défaut d'espeak-ng"))
            }
            throw engineError(status)
        }
        api.set_synth_callback(espeakCallback)
        initialized = (library, dataPath)
    }

    /// Opens and closes the audio device espeak-ng will use (its asynchronous mode would only
    /// print an error on the candidate's screen later).
    private func probeAudio(device: String?) -> Bool {
        let saved = epreuve_stderr_silence()
        defer { epreuve_stderr_restore(saved) }
        let rate = UInt32(max(8_000, api.sample_rate()))
        return device.withOptionalCString { epreuve_pcaudio_probe($0, rate) } == 0
    }

    private func engineError(_ status: espeak_ng_STATUS) -> SpeechUnavailable {
        var message = [CChar](repeating: 0, count: 512)
        api.status_message(status, &message, message.count)
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return SpeechUnavailable(.engine(code: status.rawValue, message: text))
    }
}

/// Samples of one rendering, filled on the engine's queue (retrieval mode calls back synchronously).
final class RenderBuffer {
    let stillWanted: @Sendable () -> Bool
    var samples: [Int16] = []

    init(stillWanted: @escaping @Sendable () -> Bool) {
        self.stillWanted = stillWanted
    }

    /// Returns true to stop the synthesis.
    func receive(_ samples: UnsafeBufferPointer<Int16>?) -> Bool {
        if let samples { self.samples.append(contentsOf: samples) }
        return !stillWanted()
    }
}

/// espeak-ng's callback. In retrieval mode it gets the samples with the `RenderBuffer` given as the
/// synthesis's user data; in playback mode only played events, without user data.
private let espeakCallback: @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?) -> Int32 = {
    samples, count, events in
    guard let events, let userData = events.pointee.user_data else { return 0 }
    let buffer = Unmanaged<RenderBuffer>.fromOpaque(userData).takeUnretainedValue()
    return buffer.receive(samples.map { UnsafeBufferPointer(start: $0, count: Int(max(0, count))) }) ? 1 : 0
}

private extension Optional where Wrapped == String {
    func withOptionalCString<Result>(_ body: (UnsafePointer<CChar>?) -> Result) -> Result {
        switch self {
        case let .some(string): string.withCString(body)
        case .none: body(nil)
        }
    }
}
