import ExamContent
import ExamKit
import Foundation
import Speech
import Testing

enum SpeechFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog: Catalog = {
        do {
            return try ContentLoader.load(from: packageRoot.appendingPathComponent("Content")).validCatalog()
        } catch {
            fatalError("Content/ does not load: \(error)")
        }
    }()

    static func question(_ id: String) -> Question {
        guard let question = catalog.question(id: id) else { fatalError("no question \(id) in Content/banks") }
        return question
    }

    static func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("epreuve-speech-\(name)-\(UUID().uuidString)")
    }
}

/// espeak-ng itself: real French speech written as WAV files.
@Suite struct EspeakSpeechTests {
    static let questionIds = ["assr1-circulation-001", "assr2-vitesse-002", "assr1-premiers-secours-004",
                              "assr2-sante-conduites-a-risque-001"]

    @Test(arguments: questionIds, [130, 200])
    func eachQuestionBecomesAPlausibleWAVFile(id: String, wordsPerMinute: Int) throws {
        let folder = SpeechFixtures.temporaryFolder("question")
        defer { try? FileManager.default.removeItem(at: folder) }
        let speech = try EspeakSynthesizer(.init(output: .wavFiles(directory: folder)))
        let script = ReadingScript.question(SpeechFixtures.question(id), number: 3, total: 20)
        speech.say(script.text, wordsPerMinute: wordsPerMinute)
        speech.waitUntilDone()

        let written = try #require(speech.writtenFiles.first)
        #expect(speech.writtenFiles.count == 1)
        #expect(written.url.lastPathComponent == "lecture-0001.wav")
        #expect(!written.interrupted)
        let bytes = [UInt8](try Data(contentsOf: written.url))
        // The header, read by hand: RIFF/WAVE, PCM mono 16-bit at 22,050 Hz, then the samples.
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF")
        #expect(String(decoding: bytes[8..<16], as: UTF8.self) == "WAVEfmt ")
        #expect(Array(bytes[20..<24]) == [1, 0, 1, 0])  // PCM, one channel
        #expect(UInt32(bytes[24]) | UInt32(bytes[25]) << 8 | UInt32(bytes[26]) << 16 == 22_050)
        #expect(String(decoding: bytes[36..<40], as: UTF8.self) == "data")
        let dataBytes = Int(UInt32(bytes[40]) | UInt32(bytes[41]) << 8 | UInt32(bytes[42]) << 16 | UInt32(bytes[43]) << 24)
        #expect(dataBytes == bytes.count - 44)
        #expect(dataBytes > 22_050 * 2)  // more than a second of speech

        let audio = try WAVAudio(fileData: Data(bytes))
        #expect(audio.samples.contains { abs(Int($0)) > 3_000 })  // a voice, not silence
        let measured = Double(audio.duration.millisecondsValue)
        let estimated = Double(script.estimatedDuration(wordsPerMinute: wordsPerMinute).millisecondsValue)
        // Over the whole bank the measured length is 0.81 to 1.08 times the estimate (docs/lecture.md).
        #expect(measured > 0.75 * estimated && measured < 1.12 * estimated,
                "\(id) at \(wordsPerMinute): measured \(measured) ms, estimated \(estimated) ms")
    }

    @Test func aSlowerRateSpeaksLonger() throws {
        let folder = SpeechFixtures.temporaryFolder("rate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let speech = try EspeakSynthesizer(.init(output: .wavFiles(directory: folder)))
        speech.say("Il reste 30 secondes.", wordsPerMinute: 100)
        speech.waitUntilDone()
        speech.say("Il reste 30 secondes.", wordsPerMinute: 300)
        speech.waitUntilDone()
        let files = speech.writtenFiles
        try #require(files.count == 2)
        let slow = try WAVAudio(fileData: Data(contentsOf: files[0].url))
        let fast = try WAVAudio(fileData: Data(contentsOf: files[1].url))
        #expect(slow.duration > fast.duration * 2)
    }

    @Test func aNewSayInterruptsTheOneBeingSpoken() throws {
        let folder = SpeechFixtures.temporaryFolder("interrupt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let speech = try EspeakSynthesizer(.init(output: .wavFiles(directory: folder)))
        // About ten minutes of speech: rendering it whole would take far longer than the next call.
        let long = String(repeating: "Tu roules à vélo sur une route de campagne, et une voiture arrive derrière toi. ", count: 150)
        speech.say(long, wordsPerMinute: 160)
        speech.say("Question suivante.", wordsPerMinute: 160)
        speech.waitUntilDone()

        let files = speech.writtenFiles
        let last = try #require(files.last)
        #expect(last.text == "Question suivante.")
        #expect(!last.interrupted)
        #expect(last.url.lastPathComponent == "lecture-0002.wav")
        // The long one was cut short: either never started, or stopped within its first buffers.
        if let first = files.first, first.text == long {
            #expect(first.interrupted)
            #expect(try WAVAudio(fileData: Data(contentsOf: first.url)).duration < .seconds(60))
        } else {
            #expect(files.count == 1)
        }
    }

    @Test func interruptStopsWithoutSayingAnythingElse() throws {
        let folder = SpeechFixtures.temporaryFolder("stop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let speech = try EspeakSynthesizer(.init(output: .wavFiles(directory: folder)))
        let long = String(repeating: "Une seule réponse est attendue. ", count: 400)
        speech.say(long, wordsPerMinute: 160)
        speech.interrupt()
        speech.waitUntilDone()
        #expect(speech.writtenFiles.allSatisfy { $0.interrupted })
        #expect(speech.isAvailable)
    }

    @Test func sayReturnsBeforeTheSpeechIsDone() throws {
        let folder = SpeechFixtures.temporaryFolder("async")
        defer { try? FileManager.default.removeItem(at: folder) }
        let speech = try EspeakSynthesizer(.init(output: .wavFiles(directory: folder)))
        // A minute of speech takes espeak-ng tens of milliseconds to render: a say that waited for
        // it would come back with the file written.
        let long = String(repeating: "Réponse A : sur le trottoir, à côté des piétons. ", count: 20)
        speech.say(long, wordsPerMinute: 160)
        #expect(speech.writtenFiles.isEmpty)
        speech.waitUntilDone()
        #expect(speech.writtenFiles.count == 1)
    }
}
