import Foundation

public enum SessionKind: String, Sendable, Codable, CaseIterable {
    case examen
    case entrainement

    /// How long a session stays active from its scheduled start (DESIGN §2).
    public var validity: TimeInterval {
        switch self {
        case .examen: 3 * 3600
        case .entrainement: 3 * 24 * 3600
        }
    }
}

public enum SessionState: String, Sendable, Codable {
    case upcoming
    case active
    case finished
}

/// When a session can be taken. Wall-clock dates come from the caller.
public struct SessionWindow: Sendable, Hashable {
    public let kind: SessionKind
    public let start: Date
    /// Demo sessions never expire.
    public let alwaysActive: Bool

    public init(kind: SessionKind, start: Date, alwaysActive: Bool = false) {
        self.kind = kind
        self.start = start
        self.alwaysActive = alwaysActive
    }

    public var end: Date { start.addingTimeInterval(kind.validity) }

    public func state(at now: Date) -> SessionState {
        if alwaysActive { return .active }
        if now < start { return .upcoming }
        if now < end { return .active }
        return .finished
    }
}

/// Access codes (DESIGN §7): 8 characters without look-alikes, printed XXXX-XXXX.
public enum AccessCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<8).map { _ in alphabet[Int(uniform(upTo: UInt64(alphabet.count), using: &generator))] })
    }

    /// The canonical 8 characters of what a person typed (any case, with or without dash or
    /// spaces), or nil when it cannot be a code.
    public static func normalize(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard kept.count == 8, kept.allSatisfy(alphabet.contains) else { return nil }
        return kept
    }

    public static func formatted(_ code: String) -> String {
        guard code.count == 8 else { return code }
        return "\(code.prefix(4))-\(code.suffix(4))"
    }
}

/// Six-digit numbers: exam numbers and surveillant codes.
public enum SixDigits {
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let value = uniform(upTo: 1_000_000, using: &generator)
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    public static func isValid(_ text: String) -> Bool {
        text.count == 6 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }
}

/// Five wrong access codes in a row lock the login for 60 s, doubling each time after that.
public struct LoginThrottle: Sendable, Hashable, Codable {
    public static let allowedFailures = 5
    public static let firstLock: TimeInterval = 60

    public private(set) var consecutiveFailures: Int
    public private(set) var lockCount: Int
    public private(set) var lockedUntil: Date?

    public init(consecutiveFailures: Int = 0, lockCount: Int = 0, lockedUntil: Date? = nil) {
        self.consecutiveFailures = consecutiveFailures
        self.lockCount = lockCount
        self.lockedUntil = lockedUntil
    }

    /// Seconds left before a new try is accepted, or nil when not locked.
    public func wait(at now: Date) -> TimeInterval? {
        guard let lockedUntil, now < lockedUntil else { return nil }
        return lockedUntil.timeIntervalSince(now)
    }

    public mutating func recordFailure(at now: Date) {
        consecutiveFailures += 1
        if consecutiveFailures >= Self.allowedFailures {
            lockedUntil = now.addingTimeInterval(Self.firstLock * pow(2, Double(lockCount)))
            lockCount += 1
            consecutiveFailures = 0
        }
    }

    /// A right code ends the series; the doubling starts again from 60 s.
    public mutating func recordSuccess() {
        consecutiveFailures = 0
        lockCount = 0
        lockedUntil = nil
    }
}
