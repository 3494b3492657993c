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
            let resume = interrupted?.attemptId == package.attemptId ? interrupted?.snapshot : nil
            try store.beginAttempt(package, terminalId: terminalId)
            return .success(LoginGrant(
                attemptId: package.attemptId, firstName: package.firstName, lastName: package.lastName,
                className: package.className, extraTime: package.extraTime,
                examTitle: "\(package.session.profileId) — \(package.session.name)", questions: package.questions,
                timing: package.timing, resume: resume))
        } catch {
            return .failure(.unreachable("\(error)"))
        }
    }
}

/// Who may open the surveillant panel: the code of a session this terminal took attempts for
/// (checked offline from the package), or of an active session of the local center.
struct SurveillantAuthority: Sendable {
    let store: any TerminalStorage
    let localCheck: (@Sendable (String) async -> Bool)?

    func accepts(_ code: String, packages: [ExamPackage]) async -> Bool {
        var known = packages
        if let latest = try? store.latestPackage() { known.append(latest) }
        if known.contains(where: { SecretHash.matches(code, salt: $0.surveillantSalt, hash: $0.surveillantHash) }) { return true }
        return await localCheck?(code) ?? false
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
            let envelopes = try store.undelivered().map { try $0.decodedEnvelope() }
            guard !envelopes.isEmpty else { return .failure(RescueFailure(message: HostText.nothingToExport)) }
            return .success(try RescueFiles.write(envelopes, to: directory).joined(separator: "\n"))
        } catch {
            return .failure(RescueFailure(message: "\(error)"))
        }
    }
}
