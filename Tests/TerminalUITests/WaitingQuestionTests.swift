import Testing
@testable import TerminalUI

/// A waiting question costs the terminal only what changes each second: the countdown's digit and
/// one cell of the bar (issue 17: at most 40 bytes a second).
@Suite struct WaitingQuestionTests {
    /// Cells that differ between two frames of the same size.
    private func changedCells(_ before: Frame, _ after: Frame) -> [(x: Int, y: Int)] {
        var cells: [(x: Int, y: Int)] = []
        for y in 0..<before.height {
            for x in 0..<before.width where before[x, y] != after[x, y] { cells.append((x, y)) }
        }
        return cells
    }

    @Test(arguments: [(80, 24), (60, 20), (200, 30)])
    func eachSecondChangesTheDigitAndOneCellOfTheBar(width: Int, height: Int) {
        var session = Scenario.questionSingle.session
        for second in 0..<20 {
            let before = session.frame(width: width, height: height)
            session.advance(.seconds(1))
            let after = session.frame(width: width, height: height)
            let changed = changedCells(before, after)
            // The tens change with the units now and then (0:30 → 0:29), and the role turns urgent at 0:10.
            guard !["0:30", "0:20", "0:11"].contains(where: before.text.contains) else { continue }
            #expect(changed.count <= 2, "second \(second): \(changed)")
            #expect(Set(changed.map(\.y)).count == 1)
        }
    }

    @Test func theBarHasOneCellASecond() {
        var frame = Frame(width: 80, height: 1)
        frame.drawTimer(remaining: .seconds(38), total: 45, x: 0, y: 0, width: 80)
        #expect(frame.text == "0:38 " + String(repeating: "░", count: 7) + String(repeating: "█", count: 38))
        var narrow = Frame(width: 30, height: 1)
        narrow.drawTimer(remaining: .seconds(30), total: 60, x: 0, y: 0, width: 30)
        #expect(narrow.text == "0:30 " + String(repeating: "░", count: 12) + String(repeating: "█", count: 13))
    }

    /// The cell that empties is the bar's leftmost full one: next to the countdown in the first
    /// seconds, one run with the digit for the terminal.
    @Test func theBarEmptiesFromTheCountdownSide() {
        var frame = Frame(width: 80, height: 1)
        frame.drawTimer(remaining: .seconds(45), total: 45, x: 0, y: 0, width: 80)
        var later = Frame(width: 80, height: 1)
        later.drawTimer(remaining: .seconds(44), total: 45, x: 0, y: 0, width: 80)
        let changed = changedCells(frame, later).map(\.x)
        #expect(changed == [3, 5])
    }
}
