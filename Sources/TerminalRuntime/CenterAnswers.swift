import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import TerminalUI

/// What the center said, as the interface understands it.
enum CenterAnswers {
    static func lookUp(_ answer: Result<SessionInfo?, DeliveryError>) -> Result<ExamInfo, LookupFailure> {
        switch answer {
        case let .failure(error):
            return .failure(.unreachable(error.message))
        case .success(nil):
            return .failure(.unknown)
        case let .success(info?):
            switch info.state {
            case .upcoming: return .failure(.notStarted(startsAt: startFormatter.string(from: info.startsAt)))
            case .finished: return .failure(.finished)
            case .active:
                return .success(ExamInfo(number: info.number, title: "\(info.profileId) — \(info.profileTitle)",
                                         isTraining: info.kind == .entrainement))
            }
        }
    }

    static func refusal(_ refusal: LoginRefusal) -> LoginFailure {
        switch refusal {
        case .wrongCode: .wrongCode
        case let .locked(seconds): .locked(seconds: seconds)
        case .alreadyTaken: .alreadyTaken
        case .runningElsewhere: .runningElsewhere
        case .nothingToResume: .notActive(HostText.nothingToResume)
        case .surveillantCodeWrong: .notActive(HostText.surveillantCodeRefused)
        case .unknownSession: .notActive(HostText.unknownExam)
        case let .notActive(state, startsAt):
            .notActive(state == .upcoming ? HostText.notStarted(startFormatter.string(from: startsAt)) : HostText.finished)
        }
    }

    static let startFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR_POSIX")
        formatter.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return formatter
    }()
}

/// Turns a login package into a grant for this terminal: an attempt interrupted here resumes where it
/// stopped; one already finished here is never taken twice (its result is sent again instead).
struct AttemptAdmission: Sendable {
    let store: any TerminalStorage
    let delivery: Delivery
    let terminalId: String

    func admit(_ package: ExamPackage) async -> Result<LoginGrant, LoginFailure> {
        do {
            if let entry = try store.outboxEntry(attemptId: package.attemptId) {
                // Finished here but not yet acknowledged: send it now rather than start again.
                if entry.state == .pending { _ = await delivery.deliver(attemptId: package.attemptId) }
                return .failure(.alreadyTaken)
            }
            let interrupted = try store.interruptedAttempt(examNumber: package.session.number, candidateId: package.candidateId)
            // This terminal's journal is the freshest; without it (another terminal, a transfer), the
            // center's last progress report: never a restart with full time.
            let resume = interrupted?.attemptId == package.attemptId ? interrupted?.snapshot ?? package.progress : package.progress
            try store.beginAttempt(package, terminalId: terminalId)
            return .success(LoginGrant(
                attemptId: package.attemptId, firstName: package.firstName, lastName: package.lastName,
                className: package.className, extraTime: package.extraTime,
                examTitle: "\(package.session.profileId) — \(package.session.name)", questions: package.questions,
                timing: package.timing, resume: resume,
                themeLabels: Dictionary(package.themes.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first }),
                awaitingPresence: package.awaitingPresence))
        } catch {
            return .failure(.unreachable("\(error)"))
        }
    }
}

/// Who may open the surveillant panel: the code of the session on screen (or of the terminal's last
/// session), checked by the center; by the package's slow hash only when the center cannot be reached.
struct SurveillantAuthority: Sendable {
    let store: any TerminalStorage
    let client: any CenterClient
    let terminalId: String

    func check(_ code: String, examNumber: String?, packages: [ExamPackage]) async -> HostResponse {
        let latest = examNumber == nil ? try? store.latestPackage() : nil
        guard let number = examNumber ?? latest?.session.number else { return .surveillantCodeUncheckable }
        do throws(DeliveryError) {
            switch try await client.checkSurveillantCode(number: number, code: code, terminalId: terminalId) {
            case .accepted: return .surveillantCodeChecked(true)
            case .wrongCode, .unknownSession: return .surveillantCodeChecked(false)
            case let .locked(seconds): return .surveillantCodeLocked(seconds: seconds)
            }
        } catch {
            let package = packages.last { $0.session.number == number } ?? (try? store.latestPackage(examNumber: number))
            guard let check = package?.surveillantCheck else { return .surveillantCodeChecked(false) }
            return .surveillantCodeChecked(check.matches(code))
        }
    }
}

/// The surveillant's tools that read the outbox: its state in one line, and rescue files.
enum OutboxTools {
    static func status(_ store: any TerminalStorage) -> String {
        guard let entries = try? store.outbox() else { return HostText.outboxUnreadable }
        let pending = entries.filter { $0.state == .pending }
        if pending.isEmpty { return HostText.allDelivered(entries.count) }
        return HostText.pending(pending.count, lastError: pending.compactMap(\.lastError).last)
    }

    static func exportRescue(_ store: any TerminalStorage, to directory: String) -> Result<String, RescueFailure> {
        do {
            let results = try store.undeliveredForRescue()
            guard !results.isEmpty else { return .failure(RescueFailure(message: HostText.nothingToExport)) }
            return .success(try RescueFiles.write(results, to: directory).joined(separator: "\n"))
        } catch {
            return .failure(RescueFailure(message: FileProblem.describe(error)))
        }
    }
}
