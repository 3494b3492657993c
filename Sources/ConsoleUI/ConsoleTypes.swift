import CenterService
import ExamKit
import Foundation
import TerminalUI

/// A surveillant's action, as the console asks the host to carry it out.
public enum ConsoleAction: Sendable, Hashable {
    case confirmPresence(candidateId: String)
    case authorizeResume(candidateId: String)
    case stopAttempt(candidateId: String, reason: String)
    case reissueAccessCode(candidateId: String)
    case reissueSurveillantCode
    case incident(candidateId: String?, text: String)
    case decideAlert(alertId: String, accept: Bool)
}

/// What an action gave back: nothing to show, or a code to show large.
public enum ActionOutcome: Sendable, Hashable {
    case done
    case code(String)
}

/// What the console asks of its host. Effects are data; the host runs them off the loop and posts
/// the answers back as `ConsoleInput`.
public enum ConsoleEffect: Sendable, Hashable {
    /// Read the session's board from the store (at least once a second).
    case load
    case perform(ConsoleAction)
    case quit
}

public enum ConsoleInput: Sendable {
    case key(Key)
    /// The board read from the store; nil when no session has the number; a French sentence on failure.
    case loaded(Result<LiveBoard?, ConsoleFailure>)
    case performed(ConsoleAction, Result<ActionOutcome, ConsoleFailure>)
    /// Time passes: the console refreshes itself.
    case tick
}

public struct ConsoleFailure: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Where the console's keys go.
indirect enum ConsoleMode: Sendable, Hashable {
    case browse
    /// Typing a name to find (`/`).
    case search(String)
    /// « … ? o : oui · n : non » before an action.
    case confirm(ConsoleAction, question: String)
    /// A line of text to type: the reason of an end, or an incident (about a candidate or the room).
    case input(InputPurpose, text: String)
    /// The oldest pending alert, to accept or reject.
    case alert(CandidateAlert)
    /// Waiting for the store to carry an action out; `back` is where a failure returns, text kept.
    case busy(ConsoleAction, back: ConsoleMode)
    /// A code shown large until a key is pressed.
    case code(title: String, code: String)
}

enum InputPurpose: Sendable, Hashable {
    /// The reason for ending this candidate's attempt.
    case stopReason(candidateId: String, name: String)
    /// An incident; about the candidate when given, else the whole room.
    case incident(candidateId: String?, name: String?, selected: String?, selectedName: String?)
}
