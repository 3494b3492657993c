import CenterService
@testable import ConsoleUI
import ExamKit
import Foundation
import TerminalUI

/// Boards made by hand: a session of 20 questions started at 09:00, seen at 09:40.
enum ConsoleFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let now = start.addingTimeInterval(40 * 60)

    static func session(requiresPresence: Bool = false) -> CenterSession {
        CenterSession(number: "482913", kind: .examen, profileId: "ASSR1", name: "ASSR1 5e", startsAt: start, place: "Salle B",
                      timed: true, alwaysActive: false, seed: "seed", resultKey: "key", surveillantSalt: "s", surveillantHash: "h",
                      questionIds: (1...20).map { "q\($0)" }, contentDigest: "d", createdAt: start, requiresPresence: requiresPresence)
    }

    static let lastNames = ["Alexandre", "Bailly", "Barbier", "Bertin", "Bonnet", "Boutin", "Bouvier", "Brun", "Da Silva", "Deschamps",
                            "Dragot", "Dufour", "Dupont", "Eatough-Moore", "Fleury", "Garnier", "Gay", "Gillet", "Humbert", "Leroux",
                            "Maillard", "Moreau", "Nicolas", "Perrin", "Roux", "Simon", "Thomas", "Vidal", "Weber", "Zimmer"]
    static let firstNames = ["Lily", "Elfie", "Rose", "John", "Lauriane", "Julie", "Mallaurayne", "Eric", "Antonin", "Rémy",
                             "Mathis", "Ninon", "Joys", "Freddie", "Irina", "Merryll", "Cyprien", "Nino", "Nora", "Vincent",
                             "Cynthia", "Charlotte", "Léo", "Manon", "Hugo", "Chloé", "Inès", "Nathan", "Emma", "Louis"]

    static func enrolled(_ index: Int, presence: Date? = nil) -> EnrolledCandidate {
        let candidate = Candidate(id: "c\(index)", ine: nil, lastName: lastNames[index % 30], firstName: firstNames[index % 30],
                                  birthDate: "2011-01-01", className: index < 15 ? "5A" : "5B", sex: "F", attestation: "ASSR1",
                                  siecle: false, extraTime: index % 7 == 3)
        let enrolment = Enrolment(sessionNumber: "482913", candidateId: candidate.id, codeSalt: "s", codeHash: "h",
                                  extraTime: candidate.extraTime, demoCode: nil, presenceConfirmedAt: presence)
        return EnrolledCandidate(candidate: candidate, enrolment: enrolment)
    }

    static func attempt(_ index: Int, phase: AttemptSnapshot.Phase?, question: Int = 7, remainingMs: Int = 31_500,
                        seenSecondsAgo: TimeInterval = 2, stopReason: String? = nil) -> CenterAttempt {
        let progress = phase.map {
            AttemptSnapshot(index: question - 1, phase: $0, remainingMs: remainingMs, selections: Array(repeating: [], count: 20),
                            timeUsedMs: Array(repeating: 0, count: 20))
        }
        return CenterAttempt(id: "a\(index)", sessionNumber: "482913", candidateId: "c\(index)", terminalId: "salle-b:pts/\(index)",
                             openedAt: start.addingTimeInterval(60), progress: progress,
                             progressAt: now.addingTimeInterval(-seenSecondsAgo), stopReason: stopReason)
    }

    static func result(_ index: Int, stopReason: String? = nil) -> ResultSummary {
        ResultSummary(attemptId: "a\(index)", candidateId: "c\(index)", score: 14, questionCount: 20, passed: true,
                      finishedAt: now.addingTimeInterval(-60), stopReason: stopReason)
    }

    static func alert(_ index: Int, position: Int = 7, kind: AlertKind = .unreadable) -> CandidateAlert {
        CandidateAlert(id: "alert-\(index)", sessionNumber: "482913", attemptId: "a\(index)", candidateId: "c\(index)",
                       questionId: "q\(position)", position: position, kind: kind, raisedAt: now.addingTimeInterval(-5))
    }

    /// 30 candidates in every state: absent, present, running (one silent for 40 s), finished, result
    /// received, stopped; one alert.
    static func mixed(alerts: Bool = false) -> SupervisionData {
        var candidates: [EnrolledCandidate] = []
        var attempts: [CenterAttempt] = []
        var results: [ResultSummary] = []
        for index in 0..<30 {
            switch index {
            case 0..<3: candidates.append(enrolled(index))
            case 3..<5:
                candidates.append(enrolled(index, presence: start))
                if index == 4 { attempts.append(attempt(index, phase: .notStarted)) }
            case 5..<22:
                candidates.append(enrolled(index))
                attempts.append(attempt(index, phase: .answering, question: 1 + index % 20, remainingMs: 1_000 * (45 - index),
                                        seenSecondsAgo: index == 9 ? 40 : Double(index % 5)))
            case 22..<24:
                candidates.append(enrolled(index))
                attempts.append(attempt(index, phase: .finished, question: 20))
            case 29:
                candidates.append(enrolled(index))
                attempts.append(attempt(index, phase: .answering, stopReason: "Fraude"))
                results.append(result(index, stopReason: "Fraude"))
            default:
                candidates.append(enrolled(index))
                attempts.append(attempt(index, phase: .finished, question: 20))
                results.append(result(index))
            }
        }
        return SupervisionData(session: session(), candidates: candidates, attempts: attempts, results: results,
                               alerts: alerts ? [alert(6)] : [])
    }

    static func app(_ data: SupervisionData?, width: Int = 80, height: Int = 24) -> ConsoleApp {
        var app = ConsoleApp(sessionNumber: "482913")
        app.resize(width: width, height: height)
        _ = app.update(.tick, now: now)
        _ = app.update(.loaded(.success(data.map { LiveBoard($0, at: now) })), now: now)
        return app
    }

    static let empty = SupervisionData(session: session(), candidates: [], attempts: [], results: [], alerts: [])

    /// `/`, the text, Entrée.
    static func searched(_ text: String, in data: SupervisionData = mixed()) -> ConsoleApp {
        var app = app(data)
        _ = app.update(.key(.character("/")), now: now)
        for character in text { _ = app.update(.key(.character(character)), now: now) }
        _ = app.update(.key(.enter), now: now)
        return app
    }

    /// C on the first candidate, confirmed, and the store's new code back.
    static func reissued() -> ConsoleApp {
        var app = app(mixed())
        _ = app.update(.key(.character("c")), now: now)
        _ = app.update(.key(.character("o")), now: now)
        _ = app.update(.performed(.reissueAccessCode(candidateId: "c0"), .success(.code("ABCD2345"))), now: now)
        return app
    }

    static func frame(_ app: ConsoleApp, width: Int = 80, height: Int = 24) -> String {
        var frame = Frame(width: width, height: height)
        app.render(into: &frame)
        return frame.text
    }
}
