import ExamKit

/// A request type read straight from its parsed body when the body is exactly what a terminal of
/// this version sends: every key known, every value of its type, integers written as plain digits.
/// Anything else gives nil and the body goes through `JSONDecoder`, whose errors name the field, so
/// a malformed body gets the same answer either way. Reading a result with `JSONDecoder`'s generic
/// containers was the largest single cost of storing it.
public protocol DirectRequestDecoding {
    init?(direct body: StrictJSON.Shape)
}

/// The members of one object, read once each; `complete` is false if a member was left unread
/// (a key the type does not know).
struct DirectObject {
    private let members: [String: StrictJSON.Shape]
    private var taken = 0

    init?(_ shape: StrictJSON.Shape) {
        guard case let .object(members) = shape else { return nil }
        self.members = members
    }

    var complete: Bool { taken == members.count }

    private mutating func take(_ key: String) -> StrictJSON.Shape? {
        guard let value = members[key] else { return nil }
        taken += 1
        return value
    }

    mutating func string(_ key: String) -> String? {
        guard case let .scalar(.string(value))? = take(key) else { return nil }
        return value
    }

    /// `.some(nil)` when the key is absent, nil when present but not a string.
    mutating func optionalString(_ key: String) -> String?? {
        guard members[key] != nil else { return .some(nil) }
        return string(key).map { .some($0) }
    }

    mutating func bool(_ key: String) -> Bool? {
        guard case let .scalar(.bool(value))? = take(key) else { return nil }
        return value
    }

    /// Plain digits only (`Int` refuses a fraction, an exponent and what does not fit).
    mutating func int(_ key: String) -> Int? {
        guard case let .scalar(.number(text))? = take(key) else { return nil }
        return Int(text)
    }

    /// `.some(nil)` when the key is absent, nil when present but not an integer.
    mutating func optionalInt(_ key: String) -> Int?? {
        guard members[key] != nil else { return .some(nil) }
        return int(key).map { .some($0) }
    }

    mutating func object(_ key: String) -> DirectObject? {
        take(key).flatMap(DirectObject.init)
    }

    mutating func ints(_ key: String) -> [Int]? {
        array(key).flatMap(Self.ints)
    }

    static func ints(_ elements: [StrictJSON.Shape]) -> [Int]? {
        each(elements) { guard case let .scalar(.number(text)) = $0 else { return nil }; return Int(text) }
    }

    /// Every element read by `read`, or nil if one is not what it expects.
    private static func each<T>(_ elements: [StrictJSON.Shape], _ read: (StrictJSON.Shape) -> T?) -> [T]? {
        var values: [T] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = read(element) else { return nil }
            values.append(value)
        }
        return values
    }

    mutating func array(_ key: String) -> [StrictJSON.Shape]? {
        guard case let .array(elements)? = take(key) else { return nil }
        return elements
    }

    mutating func strings(_ key: String) -> [String]? {
        array(key).flatMap { Self.each($0) { guard case let .scalar(.string(value)) = $0 else { return nil }; return value } }
    }
}

extension ResultEnvelope: DirectRequestDecoding {
    public init?(direct body: StrictJSON.Shape) {
        guard var object = DirectObject(body), let format = object.string("format"), let attemptId = object.string("attemptId"),
              let examNumber = object.string("examNumber"), let candidateId = object.string("candidateId"),
              let terminalId = object.string("terminalId"), let bank = object.string("bank"), let extraTime = object.bool("extraTime"),
              let startedAt = object.string("startedAt"), let finishedAt = object.string("finishedAt"),
              let elements = object.array("questions"), let contentDigest = object.string("contentDigest"),
              let stopReason = object.optionalString("stopReason"), let mac = object.string("mac"), object.complete else {
            return nil
        }
        var questions: [Answer] = []
        questions.reserveCapacity(elements.count)
        for element in elements {
            guard var answer = DirectObject(element), let position = answer.int("position"),
                  let questionId = answer.string("questionId"), let selected = answer.strings("selected"),
                  let timeUsedMs = answer.int("timeUsedMs"), answer.complete else {
                return nil
            }
            questions.append(Answer(position: position, questionId: questionId, selected: selected, timeUsedMs: timeUsedMs))
        }
        self.init(format: format, attemptId: attemptId, examNumber: examNumber, candidateId: candidateId, terminalId: terminalId,
                  bank: bank, extraTime: extraTime, startedAt: startedAt, finishedAt: finishedAt, questions: questions,
                  contentDigest: contentDigest, stopReason: stopReason, mac: mac)
    }
}

extension LoginRequest: DirectRequestDecoding {
    public init?(direct body: StrictJSON.Shape) {
        guard var object = DirectObject(body), let code = object.string("code"),
              let terminalId = object.optionalString("terminalId"), object.complete else {
            return nil
        }
        self.init(code: code, terminalId: terminalId)
    }
}

extension ProgressRequest: DirectRequestDecoding {
    public init?(direct body: StrictJSON.Shape) {
        guard var object = DirectObject(body), let terminalId = object.string("terminalId"),
              var progress = object.object("progress"), let mac = object.string("mac"), object.complete,
              let index = progress.int("index"), let phase = progress.string("phase").flatMap(WireAttemptPhase.init(rawValue:)),
              let remainingMs = progress.optionalInt("remainingMs"), let selections = progress.array("selections"),
              let timeUsedMs = progress.ints("timeUsedMs"), progress.complete else {
            return nil
        }
        var choices: [[Int]] = []
        choices.reserveCapacity(selections.count)
        for selection in selections {
            guard case let .array(elements) = selection, let indices = DirectObject.ints(elements) else { return nil }
            choices.append(indices)
        }
        self.init(terminalId: terminalId, progress: ProgressBody(index: index, phase: phase, remainingMs: remainingMs,
                                                                 selections: choices, timeUsedMs: timeUsedMs), mac: mac)
    }
}
