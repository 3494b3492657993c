import CenterService
import ExamKit
import ExamStore
import Foundation
import Synchronization

/// A wall clock tests move by hand.
final class SettableWallClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

enum CenterFixtures {
    static let themes = ["circulation", "vitesse"]

    static var catalog: Catalog {
        var questions: [Question] = []
        for theme in themes {
            for n in 1...6 {
                questions.append(Question(
                    id: "mini-\(theme)-\(n)", theme: theme, competence: "c", prompt: "\(theme) \(n) ?",
                    choices: ["a", "b", "c"], answer: n % 2 == 0 ? [0, 2] : [1], explanation: "e"))
            }
        }
        let profile = Profile(id: "ASSR1", title: "Mini ASSR1", bank: "mini", questionCount: 4, answerSeconds: 45,
                              extraTimeAnswerSeconds: 60, passMark: 2, quotas: ["circulation": 2, "vitesse": 2])
        let second = Profile(id: "ASSR2", title: "Mini ASSR2", bank: "mini", questionCount: 4, answerSeconds: 45,
                             extraTimeAnswerSeconds: 60, passMark: 2, quotas: ["circulation": 2, "vitesse": 2])
        return Catalog(themes: themes.map { Theme(id: $0, label: $0.capitalized) }, profiles: [profile, second],
                       banks: ["mini": Bank(id: "mini", questions: questions)], digest: "test-digest")
    }

    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("center-\(UUID().uuidString)/center.sqlite").path
    }

    static func service(clock: SettableWallClock, path: String = temporaryPath()) throws -> CenterService {
        CenterService(repository: try SQLiteCenterRepository(path: path), catalog: catalog, clock: clock, surveillantHashCost: 1 << 10)
    }

    static func row(_ ine: String?, _ last: String, _ first: String, className: String = "5A", extraTime: Bool? = nil) -> CandidateImport.Row {
        CandidateImport.Row(line: 2, ine: ine, lastName: last, firstName: first, birthDate: "2013-01-01", className: className,
                            sex: "F", attestation: "ASSR1", siecle: false, extraTime: extraTime)
    }

    /// A center with three candidates and one exam starting at `start`.
    static func centerWithExam(clock: SettableWallClock) async throws -> (CenterService, CenterService.CreatedSession) {
        let center = try service(clock: clock)
        _ = try await center.importCandidates([row("11111111111", "Alexandre", "Lily"), row("22222222222", "Bernard", "Hugo"),
                                               row("33333333333", "Dubois", "Chloé", extraTime: true)])
        let created = try await center.createSession(CenterService.SessionRequest(kind: .examen, profileId: "ASSR1", name: "Test", startsAt: start))
        return (center, created)
    }

    /// The envelope a terminal would send for a package with the given choice indices per question.
    static func envelope(for package: ExamPackage, choosing: (Question) -> [Int], terminal: String = "t1",
                         startedAt: Date = start.addingTimeInterval(60)) -> ResultEnvelope {
        let answers = package.questions.enumerated().map { index, question in
            ResultEnvelope.Answer(position: index + 1, questionId: question.id,
                                  selected: ChoiceLetter.letters(choosing(question)), timeUsedMs: 1000)
        }
        return ResultEnvelope(
            attemptId: package.attemptId, examNumber: package.session.number, candidateId: package.candidateId,
            terminalId: terminal, bank: package.bank, extraTime: package.extraTime, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval(240),
            questions: answers, contentDigest: package.contentDigest
        ).signed(key: package.resultKey)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
