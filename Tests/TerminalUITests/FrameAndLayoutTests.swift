import ExamKit
import Testing
@testable import TerminalUI

@Suite struct FrameAndLayoutTests {
    @Test func putClipsAtEveryEdgeAndTextTrimsRows() {
        var frame = Frame(width: 6, height: 3)
        frame.put("abcdefgh", x: 2, y: 0, role: .title)
        frame.put("xyz", x: -1, y: 1, role: .text)
        frame.put("hors", x: 0, y: 3, role: .text)
        frame.put("hors", x: 0, y: -1, role: .text)
        #expect(frame.text == "  abcd\nyz\n")
        #expect(frame[2, 0] == Cell(character: "a", role: .title))
        #expect(frame[9, 9] == Cell(character: " ", role: .text))
    }

    @Test func fillPaintsRolesAndClips() {
        var frame = Frame(width: 4, height: 2)
        frame.fill(x: 2, y: 1, width: 10, height: 10, role: .timerUrgent)
        #expect(frame.roles(y: 1, count: 4) == [.text, .text, .timerUrgent, .timerUrgent])
        #expect(frame.roles(y: 0, count: 4).allSatisfy { $0 == .text })
    }

    @Test func wrappingBreaksBetweenWordsAndKeepsParagraphs() {
        #expect(TextLayout.wrap("un deux trois quatre", width: 9) == ["un deux", "trois", "quatre"])
        #expect(TextLayout.wrap("ligne un\nligne deux", width: 40) == ["ligne un", "ligne deux"])
        #expect(TextLayout.wrap("anticonstitutionnellement", width: 10) == ["anticonsti", "tutionnell", "ement"])
        for width in [20, 51, 60, 191] {
            let lines = TextLayout.wrap(Fixture.long.prompt, width: width)
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined(separator: " ") == Fixture.long.prompt)
        }
    }

    @Test(arguments: [60, 61, 79, 80, 100, 120, 160, 200])
    func choicesWrapByWordsAtAnyWidth(width: Int) {
        let session = Scenario.questionLong.session
        let frame = session.frame(width: width, height: 24)
        let text = frame.text
        // Every word of the prompt and choices is on screen, no word is cut.
        let words = (Fixture.long.prompt + " " + Fixture.long.choices.joined(separator: " ")).split(separator: " ")
        let shown = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for word in words { #expect(shown.contains(String(word)), "\(word) at \(width)") }
        // Continuation lines of a choice are indented under its text.
        let lines = text.split(separator: "\n").map(String.init)
        let start = lines.firstIndex { $0.contains("A  Je laisse passer") }!
        let textColumn = lines[start].range(of: "Je laisse")!.lowerBound.utf16Offset(in: lines[start])
        if !lines[start].contains("intersection.") {
            let next = lines[start + 1]
            #expect(next.prefix(textColumn).allSatisfy { $0 == " " })
            #expect(next.dropFirst(textColumn).first != " ")
        }
        #expect(lines.allSatisfy { $0.count <= width })
    }

    @Test func countdownsRoundUp() {
        #expect(TextLayout.countdown(.milliseconds(37_001)) == "0:38")
        #expect(TextLayout.countdown(.seconds(60)) == "1:00")
        #expect(TextLayout.countdown(.milliseconds(1)) == "0:01")
        #expect(TextLayout.countdown(.zero) == "0:00")
        #expect(TextLayout.bar(fraction: 0.5, width: 4) == "██░░")
    }

    @Test func theCursorSitsInTheActiveField() {
        var s = Session()
        #expect(s.frame().cursor == nil)
        s.press(.enter)
        s.type("12")
        let cursor = s.frame().cursor
        #expect(cursor?.x == 5 && cursor?.y == 7)
        s.type("3456")
        s.press(.enter)
        #expect(s.frame().cursor == nil) // waiting for the host
    }
}
