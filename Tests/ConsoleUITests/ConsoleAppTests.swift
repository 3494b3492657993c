@testable import ConsoleUI
import CenterService
import ExamKit
import Foundation
import Testing
import TerminalUI

/// The console's keys, refreshes and colours, driven with hand-made boards.
@Suite struct ConsoleAppTests {
    typealias F = ConsoleFixtures

    static func press(_ app: inout ConsoleApp, _ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { app.update(.key($0), now: F.now) }
    }

    static func frame(_ app: ConsoleApp, width: Int = 80, height: Int = 24) -> Frame {
        var frame = Frame(width: width, height: height)
        app.render(into: &frame)
        return frame
    }

    static func rowText(_ frame: Frame, _ y: Int) -> String {
        let text = String(frame.row(y).filter { !$0.isContinuation }.map(\.character))
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// 200 candidates, every one of them running.
    static func room(_ count: Int) -> SupervisionData {
        let candidates = (0..<count).map { F.enrolled($0) }
        let attempts = (0..<count).map { F.attempt($0, phase: .answering) }
        return SupervisionData(session: F.session(), candidates: candidates, attempts: attempts, results: [], alerts: [])
    }

    @Test func theStoreIsReadEverySecondAndNeverTwiceAtOnce() {
        var app = ConsoleApp(sessionNumber: "482913")
        #expect(app.update(.tick, now: F.now) == [.load])
        // Still loading: no second read.
        #expect(app.update(.tick, now: F.now.addingTimeInterval(2)) == [])
        _ = app.update(.loaded(.success(LiveBoard(F.mixed(), at: F.now))), now: F.now)
        #expect(app.update(.tick, now: F.now.addingTimeInterval(0.5)) == [])
        #expect(app.update(.tick, now: F.now.addingTimeInterval(1)) == [.load])
        #expect(app.nextRefresh(after: F.now.addingTimeInterval(1.2)) == F.now.addingTimeInterval(2))
    }

    @Test func aSilentTerminalAndAnAlertStandOutInTheUrgentColour() {
        let frame = Self.frame(F.app(F.mixed(alerts: true)))
        // Rémy DESCHAMPS (row 14) was last heard 40 s ago; Julie BOUTIN (row 10) 0 s ago.
        #expect(Self.rowText(frame, 14).hasSuffix("40 s"))
        #expect(frame[76, 14].role == .timerUrgent && frame[76, 10].role != .timerUrgent)
        #expect(frame[0, 3].role == .timerUrgent && frame[1, 11].character == "!" && frame[1, 11].role == .timerUrgent)
    }

    @Test func twoHundredCandidatesScrollWithTheSelectionAndFitAt80x24() {
        var app = F.app(Self.room(200))
        for _ in 0..<199 { _ = Self.press(&app, .down) }
        let frame = Self.frame(app)
        #expect(app.selected == 199)
        // The last candidate is on the last list row, selected, and the position says so.
        #expect(Self.rowText(frame, 21).hasPrefix("› "))
        #expect(Self.rowText(frame, 22).hasSuffix("↑ 184–200 sur 200"))
        for _ in 0..<250 { _ = Self.press(&app, .up) }
        #expect(app.selected == 0 && app.scroll == 0)
        #expect(Self.rowText(Self.frame(app), 22).hasSuffix("↓ 1–17 sur 200"))
    }

    @Test func searchIgnoresCaseAndAccentsAndEscapeShowsEveryoneAgain() {
        var app = F.searched("CHLOE")
        #expect(app.visibleLines.map(\.candidate.firstName) == ["Chloé"])
        // An action applies to the candidate found, not to whoever was selected before.
        #expect(Self.press(&app, .character("p"), .character("o")) == [.perform(.confirmPresence(candidateId: "c25"))])
        _ = app.update(.performed(.confirmPresence(candidateId: "c25"), .success(.done)), now: F.now)
        #expect(Self.rowText(Self.frame(app), 22) == "Présence de Chloé SIMON confirmée.")
        _ = Self.press(&app, .escape)
        #expect(app.visibleLines.count == 30)
        // Backspace while typing widens the search again.
        _ = Self.press(&app, .character("/"), .character("r"), .character("o"), .character("u"), .character("x"), .character("z"))
        #expect(app.visibleLines.isEmpty)
        _ = Self.press(&app, .backspace)
        #expect(app.visibleLines.map(\.candidate.lastName) == ["Leroux", "Roux"])
    }

    @Test func eachActionAsksForConfirmationAndNoMeansNothingHappens() {
        var app = F.app(F.mixed())
        #expect(Self.press(&app, .character("p")) == [])
        #expect(Self.rowText(Self.frame(app), 22) == "Confirmer la présence de Lily ALEXANDRE (5A) ? o : oui · n : non")
        #expect(Self.press(&app, .character("n")) == [])
        #expect(Self.rowText(Self.frame(app), 22).hasPrefix("Annulé."))
        _ = Self.press(&app, .down, .down, .down, .down, .down)
        #expect(Self.press(&app, .character("r"), .enter) == [.perform(.authorizeResume(candidateId: "c5"))])
        // Keys wait while the store works.
        #expect(Self.press(&app, .character("q")) == [])
        #expect(Self.rowText(Self.frame(app), 22) == "Enregistrement…")
    }

    @Test func endingAnAttemptNeedsAReasonAndAFailureKeepsWhatWasTyped() {
        var app = F.app(F.mixed())
        _ = Self.press(&app, .down, .down, .down, .down, .down, .character("t"))
        #expect(Self.rowText(Self.frame(app), 22) == "Motif de l'arrêt de Julie BOUTIN :")
        #expect(Self.press(&app, .enter) == [])
        #expect(Self.rowText(Self.frame(app), 23) == "Indiquez le motif de l'arrêt.")
        for character in " Malaise " { _ = Self.press(&app, .character(character)) }
        #expect(Self.press(&app, .enter) == [.perform(.stopAttempt(candidateId: "c5", reason: "Malaise"))])
        _ = app.update(.performed(.stopAttempt(candidateId: "c5", reason: "Malaise"), .failure(ConsoleFailure("l'épreuve est close"))),
                       now: F.now)
        #expect(Self.rowText(Self.frame(app), 22) == "Motif de l'arrêt de Julie BOUTIN :  Malaise")
        #expect(Self.rowText(Self.frame(app), 23) == "Refusé : l'épreuve est close")
        _ = Self.press(&app, .escape)
        #expect(Self.rowText(Self.frame(app), 22).hasPrefix("Annulé."))
    }

    @Test func anIncidentConcernsTheSelectedCandidateOrTheWholeRoom() {
        var app = F.app(F.mixed())
        _ = Self.press(&app, .character("i"), .tab)
        #expect(Self.rowText(Self.frame(app), 22).hasPrefix("Incident (toute la salle, Tab : changer) :"))
        for character in "Alarme" { _ = Self.press(&app, .character(character)) }
        #expect(Self.press(&app, .enter) == [.perform(.incident(candidateId: nil, text: "Alarme"))])
        _ = app.update(.performed(.incident(candidateId: nil, text: "Alarme"), .success(.done)), now: F.now)
        _ = Self.press(&app, .character("i"))
        #expect(Self.rowText(Self.frame(app), 22).hasPrefix("Incident (Lily ALEXANDRE, Tab : changer) :"))
    }

    @Test func theAlertIsAnsweredWithAOrAcceptedOrRejected() {
        var app = F.app(F.mixed(alerts: true))
        _ = Self.press(&app, .character("a"))
        #expect(Self.press(&app, .character("o")) == [.perform(.decideAlert(alertId: "alert-6", accept: true))])
        var other = F.app(F.mixed())
        _ = Self.press(&other, .character("a"))
        #expect(Self.rowText(Self.frame(other), 22).hasPrefix("Aucune alerte en attente."))
        #expect(Self.press(&other, .character("q")) == [.quit])
    }
}
