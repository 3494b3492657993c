import ExamKit

extension CenterSession {
    /// The salt every access code of this session is hashed with (`AccessCodeSalt`).
    public var accessCodeSalt: String { AccessCodeSalt.derive(sessionKey: resultKey) }
}

/// Fresh access codes for one session, each distinct from the others and from the codes the session
/// already has (their hashes under the shared salt are compared), so that a code names one candidate.
struct AccessCodeMaker {
    let salt: String
    private var taken: Set<String>

    init(session: CenterSession, existing: [Enrolment] = []) {
        let salt = session.accessCodeSalt
        self.salt = salt
        taken = Set(existing.filter { $0.codeSalt == salt }.map(\.codeHash))
    }

    /// A new code (or `fixed`, the demo's) and its enrolment fields.
    mutating func make<G: RandomNumberGenerator>(fixed: String? = nil, using generator: inout G) -> (code: String, hash: String) {
        while true {
            let code = fixed ?? AccessCode.generate(using: &generator)
            let hash = SecretHash.hash(code, salt: salt)
            if taken.insert(hash).inserted || fixed != nil { return (code, hash) }
        }
    }
}
