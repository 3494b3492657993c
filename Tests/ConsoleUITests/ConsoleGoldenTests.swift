@testable import ConsoleUI
import CenterService
import Foundation
import Testing
import TerminalUI

@Suite struct ConsoleGoldenTests {
    typealias F = ConsoleFixtures

    @Test func printFrames() {
        let cases: [(String, ConsoleApp, Int, Int)] = [
            ("empty", F.app(SupervisionData(session: F.session(), candidates: [], attempts: [], results: [], alerts: [])), 80, 24),
            ("mixed", F.app(F.mixed()), 80, 24),
            ("alert", F.app(F.mixed(alerts: true)), 80, 24),
            ("small", F.app(F.mixed(alerts: true), width: 60, height: 20), 60, 20),
            ("tiny", F.app(F.mixed(), width: 50, height: 15), 50, 15),
        ]
        for (name, app, width, height) in cases {
            print("=== \(name)\n" + F.frame(app, width: width, height: height) + "\n===")
        }
    }
}
