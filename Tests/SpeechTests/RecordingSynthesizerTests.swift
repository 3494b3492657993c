import ExamKit
import Foundation
import Speech
import Testing

@Suite struct RecordingSynthesizerTests {
    @Test func itRecordsEveryRequestInOrder() {
        let speech = RecordingSynthesizer()
        speech.say("Une seule réponse est attendue.", wordsPerMinute: 160)
        speech.interrupt()
        speech.say("Il reste 10 secondes.", wordsPerMinute: 200)
        #expect(speech.requests == [
            .say(text: "Une seule réponse est attendue.", wordsPerMinute: 160),
            .interrupt,
            .say(text: "Il reste 10 secondes.", wordsPerMinute: 200),
        ])
        #expect(speech.saidTexts == ["Une seule réponse est attendue.", "Il reste 10 secondes."])
        #expect(speech.isAvailable)
    }

    @Test func itsLogCanBeReadFromAnotherProcess() async throws {
        let log = SpeechFixtures.temporaryFolder("log").appendingPathExtension("jsonl")
        defer { try? FileManager.default.removeItem(at: log) }
        try "stale line from an earlier run\n".write(to: log, atomically: true, encoding: .utf8)
        let speech = try RecordingSynthesizer(logFile: log)
        #expect(try RecordingSynthesizer.read(log).isEmpty)  // emptied at construction

        // Calls come from several threads at once: every line stays whole.
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<50 {
                group.addTask { speech.say("Réponse \(n) : « guillemets », ligne\nsuivante.", wordsPerMinute: 160) }
            }
        }
        speech.interrupt()
        let read = try RecordingSynthesizer.read(log)
        #expect(read == speech.requests)
        #expect(read.count == 51)
        #expect(read.last == .interrupt)
        #expect(Set(read.dropLast()).count == 50)
    }

    /// The exact French sent to the synthesizer for a fixed question: a change in what pupils hear
    /// shows here first (to accept one, replace the golden file with the text printed on failure).
    @Test func theTextSentForAFixedQuestionIsTheGolden() throws {
        let golden = SpeechFixtures.packageRoot.appendingPathComponent("Tests/SpeechTests/Golden/assr1-circulation-001.txt")
        let speech = RecordingSynthesizer()
        let question = SpeechFixtures.question("assr1-circulation-001")
        var attempt = Attempt(questions: [question, SpeechFixtures.question("assr2-vitesse-002")],
                              timing: AttemptTiming(answerSeconds: 45, readingWordsPerMinute: 160))
        let events = attempt.start(at: ManualClock().now())
        // What a runtime does on `.readingStarted`: say the attempt's reading script.
        guard case .readingStarted = events.first, let script = attempt.currentReadingScript else {
            Issue.record("the attempt did not start with its reading: \(events)")
            return
        }
        speech.say(script.text, wordsPerMinute: attempt.timing.readingWordsPerMinute ?? 0)
        speech.say(ReadingScript.focusedChoice(1, of: question, checked: true).text, wordsPerMinute: 160)
        speech.say(ReadingScript.timeLeft(seconds: 30).text, wordsPerMinute: 160)
        let sent = speech.saidTexts.joined(separator: "\n---\n") + "\n"
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(sent == expected, "sent to the synthesizer:\n\(sent)")
    }
}
