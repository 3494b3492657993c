import Foundation
import Synchronization

/// Reads aloud with libespeak-ng (French voice by default), through espeak-ng's own audio output,
/// or into WAV files (tests, checking by ear or by `sox`).
///
/// Construction checks everything reading needs (library, data, voice, audio output or folder) and
/// throws `SpeechUnavailable`, whose description is the French line to show; after that, `say` and
/// `interrupt` never block: they queue work on the process's single espeak-ng queue.
public final class EspeakSynthesizer: SpeechSynthesizer {
    public struct Configuration: Sendable, Hashable {
        public enum Output: Sendable, Hashable {
            /// espeak-ng's audio output (PulseAudio, else ALSA); `device` names a sink or PCM, nil for the default.
            case speakers(device: String? = nil)
            /// Each `say` writes `lecture-0001.wav`, `lecture-0002.wav`… in `directory` (created if needed).
            case wavFiles(directory: URL)
        }

        public var output: Output
        /// An espeak-ng voice name: "fr" is French (France).
        public var voice: String
        /// A folder holding espeak-ng-data (or that folder itself); nil for the system's.
        public var dataPath: String?
        /// The shared library opened at run time.
        public var library: String

        public init(output: Output = .speakers(), voice: String = "fr", dataPath: String? = nil,
                    library: String = "libespeak-ng.so.1") {
            self.output = output
            self.voice = voice
            self.dataPath = dataPath
            self.library = library
        }
    }

    /// One WAV file written in `.wavFiles` mode.
    public struct WrittenFile: Sendable, Hashable {
        public let url: URL
        public let text: String
        public let wordsPerMinute: Int
        /// True when a newer `say` or an `interrupt` cut the rendering short.
        public let interrupted: Bool
    }

    public let configuration: Configuration
    private let setup: EspeakSetup
    private let engine = EspeakEngine.shared
    private let available = Atomic<Bool>(true)
    /// Bumped by every `say` and `interrupt`: work queued before a bump is dropped unstarted, and a
    /// WAV rendering in progress stops at its next buffer.
    private let generation = Atomic<UInt64>(0)
    private let fileNumber = Atomic<Int>(0)
    private let written = Mutex<[WrittenFile]>([])

    public init(_ configuration: Configuration = Configuration()) throws(SpeechUnavailable) {
        self.configuration = configuration
        let output: EspeakSetup.Output
        switch configuration.output {
        case let .speakers(device):
            output = .playback(device: device)
        case let .wavFiles(directory):
            output = .retrieval
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw SpeechUnavailable(.outputFolder(directory.path))
            }
            guard FileManager.default.isWritableFile(atPath: directory.path) else {
                throw SpeechUnavailable(.outputFolder(directory.path))
            }
        }
        setup = EspeakSetup(library: configuration.library, dataPath: configuration.dataPath,
                            voice: configuration.voice, output: output)
        let setup = setup
        let engine = engine
        let result: Result<Void, SpeechUnavailable> = engine.queue.sync {
            do throws(SpeechUnavailable) {
                try engine.ensure(setup)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    deinit {
        if case .speakers = configuration.output {
            let engine = engine
            engine.queue.async { engine.stopPlayback() }
        }
    }

    private func nextGeneration() -> UInt64 {
        generation.add(1, ordering: .sequentiallyConsistent).newValue
    }

    private func isCurrent(_ number: UInt64) -> Bool {
        generation.load(ordering: .sequentiallyConsistent) == number
    }

    public var isAvailable: Bool { available.load(ordering: .relaxed) }

    public func say(_ text: String, wordsPerMinute: Int) {
        let number = nextGeneration()
        let fileNumber = fileNumber.add(1, ordering: .relaxed).newValue
        let (engine, setup, output) = (engine, setup, configuration.output)
        engine.queue.async { [weak self] in
            // A newer say or an interrupt came before this one started: nothing to say any more.
            guard let self, self.isCurrent(number) else { return }
            do throws(SpeechUnavailable) {
                switch output {
                case .speakers:
                    try engine.speak(text, wordsPerMinute: wordsPerMinute, setup: setup)
                case let .wavFiles(directory):
                    let (audio, interrupted) = try engine.render(text, wordsPerMinute: wordsPerMinute, setup: setup,
                                                                 stillWanted: { [weak self] in self?.isCurrent(number) ?? false })
                    let url = directory.appendingPathComponent(String(format: "lecture-%04d.wav", fileNumber))
                    try? audio.fileData().write(to: url)
                    self.written.withLock {
                        $0.append(WrittenFile(url: url, text: text, wordsPerMinute: wordsPerMinute, interrupted: interrupted))
                    }
                }
            } catch {
                self.available.store(false, ordering: .relaxed)
            }
        }
    }

    public func interrupt() {
        _ = nextGeneration()
        let engine = engine
        engine.queue.async { engine.stopPlayback() }
    }

    /// Blocks until everything asked so far has been said (or written). For tools and tests: never
    /// from the terminal's event loop.
    public func waitUntilDone() {
        let engine = engine
        engine.queue.sync { engine.waitForPlayback() }
    }

    /// The WAV files written so far, in the order they were finished (`.wavFiles` mode).
    public var writtenFiles: [WrittenFile] {
        written.withLock { $0 }
    }
}
