import ExamDelivery
import ExamKit
import ExamStore
import Foundation

/// What the runtime needs of the terminal's own store (`terminal.sqlite`): the journal of attempts
/// taken here, the outbox, and the local practice profiles and history.
public protocol TerminalStorage: OutboxStore {
    /// Records a started attempt with its package, so it can be resumed after a crash.
    func beginAttempt(_ package: ExamPackage, terminalId: String) throws
    /// Durably, before the screen shows it; the event that finishes the attempt puts the result in the outbox.
    func journal(attemptId: String, event: AttemptEvent, snapshot: AttemptSnapshot) throws
    /// The surveillant's reason for ending an attempt, kept with its result.
    func recordStop(attemptId: String, reason: String) throws
    /// The time left, without an event.
    func saveSnapshot(attemptId: String, snapshot: AttemptSnapshot) throws
    /// The attempt left running on this terminal, if any.
    func interruptedAttempt() throws -> TerminalStore.Interrupted?
    func interruptedAttempt(examNumber: String, candidateId: String) throws -> TerminalStore.Interrupted?
    /// The package of the attempt taken here most recently.
    func latestPackage() throws -> ExamPackage?
    func latestPackage(examNumber: String) throws -> ExamPackage?
    /// A reissued surveillant code reaches the packages of its session kept here.
    func updateSurveillantCheck(examNumber: String, check: SlowCodeHash) throws
    /// Undelivered results with the key of the center their rescue files are sealed to.
    func undeliveredForRescue() throws -> [(envelope: ResultEnvelope, centerPublicKey: String?)]
    func outbox() throws -> [OutboxRecord]
    func practiceProfiles() throws -> [String]
    @discardableResult func addPracticeProfile(_ name: String) throws -> String
    @discardableResult func recordPractice(_ entry: PracticeResult) throws -> Int64
}

extension TerminalStore: TerminalStorage {}
