import CenterWire
import ExamKit
import Foundation
import Testing

/// Each body of the API, encoded, is exactly the committed JSON (sorted keys), and the committed
/// JSON decodes back to the same value: renaming a field or a code breaks here, not on a deployed
/// terminal. docs/api.md shows the same documents.
@Suite struct WireGoldenTests {
    static let startsAt = Date(timeIntervalSince1970: 1_795_165_200)  // 2026-11-20T09:00:00Z

    static let sessionInfo = SessionInfo(
        number: "482913", name: "ASSR1 5e", profileId: "ASSR1", profileTitle: "Attestation scolaire de sécurité routière de premier niveau",
        kind: .examen, state: .active, startsAt: startsAt, endsAt: startsAt.addingTimeInterval(3 * 3600))

    static let sessionInfoJSON = #"{"endsAt":"2026-11-20T12:00:00Z","kind":"examen","name":"ASSR1 5e","number":"482913","profileId":"ASSR1","profileTitle":"Attestation scolaire de sécurité routière de premier niveau","startsAt":"2026-11-20T09:00:00Z","state":"active"}"#

    static let package = ExamPackage(
        attemptId: "5f0c8a8e-1b7e-4d0a-9a53-3f1d2c4b5a69", session: sessionInfo, candidateId: "C7KQ2M9PX",
        firstName: "Lily", lastName: "Alexandre", className: "5A", extraTime: false, bank: "assr1",
        questions: [
            Question(id: "assr1-circulation-001", theme: "circulation", competence: "Savoir se déplacer", situation: "Tu arrives à un passage piéton.",
                     situationSeconds: 8, prompt: "Que fais-tu ?", choices: ["Je passe.", "Je m'arrête."], answer: [1], explanation: "e").withoutKey(),
            Question(id: "assr1-vitesse-002", theme: "vitesse", competence: "Adapter sa vitesse", prompt: "Sur un hoverboard :",
                     choices: ["a", "b", "c"], answer: [1, 2], explanation: "e").withoutKey(),
        ],
        timing: AttemptTiming(answerSeconds: 45, timed: true), passMark: 10, contentDigest: "9c1f…", resultKey: "3b6e…",
        surveillantCheck: SlowCodeHash(salt: "c2VsIGRlIHRlc3Q=", cost: 32768, hash: "aGFjaMOp"), centerPublicKey: "Y2zDqSBwdWJsaXF1ZQ==",
        themes: [Theme(id: "circulation", label: "Circulation"), Theme(id: "vitesse", label: "Vitesse")],
        progress: AttemptSnapshot(index: 1, phase: .answering, remainingMs: 31_500, selections: [[1], [0, 2]], timeUsedMs: [12_850, 13_500]))

    static let loginResponseJSON = #"{"attemptId":"5f0c8a8e-1b7e-4d0a-9a53-3f1d2c4b5a69","bank":"assr1","candidateId":"C7KQ2M9PX","centerPublicKey":"Y2zDqSBwdWJsaXF1ZQ==","className":"5A","contentDigest":"9c1f…","extraTime":false,"firstName":"Lily","lastName":"Alexandre","passMark":10,"progress":{"index":1,"phase":"answering","remainingMs":31500,"selections":[[1],[0,2]],"timeUsedMs":[12850,13500]},"questions":[{"answer":[],"choices":["Je passe.","Je m'arrête."],"competence":"Savoir se déplacer","expectsSeveralAnswers":false,"explanation":"","id":"assr1-circulation-001","prompt":"Que fais-tu ?","situation":"Tu arrives à un passage piéton.","situationSeconds":8,"theme":"circulation"},{"answer":[],"choices":["a","b","c"],"competence":"Adapter sa vitesse","expectsSeveralAnswers":true,"explanation":"","id":"assr1-vitesse-002","prompt":"Sur un hoverboard :","situationSeconds":0,"theme":"vitesse"}],"resultKey":"3b6e…","session":\#(sessionInfoJSON),"surveillantCheck":{"cost":32768,"hash":"aGFjaMOp","salt":"c2VsIGRlIHRlc3Q="},"themes":[{"id":"circulation","label":"Circulation"},{"id":"vitesse","label":"Vitesse"}],"timing":{"answerSeconds":45,"timed":true}}"#

    static let envelope = ResultEnvelope(
        attemptId: "5f0c8a8e-1b7e-4d0a-9a53-3f1d2c4b5a69", examNumber: "482913", candidateId: "C7KQ2M9PX", terminalId: "salle-b:pts/3",
        bank: "assr1", extraTime: false, startedAt: startsAt.addingTimeInterval(600), finishedAt: startsAt.addingTimeInterval(1500),
        questions: [ResultEnvelope.Answer(position: 1, questionId: "assr1-vitesse-002", selected: ["B", "C"], timeUsedMs: 12850),
                    ResultEnvelope.Answer(position: 2, questionId: "assr1-circulation-001", selected: [], timeUsedMs: 45000)],
        contentDigest: "9c1f…").signed(key: "3b6e…")

    static let envelopeJSON = #"{"attemptId":"5f0c8a8e-1b7e-4d0a-9a53-3f1d2c4b5a69","bank":"assr1","candidateId":"C7KQ2M9PX","contentDigest":"9c1f…","examNumber":"482913","extraTime":false,"finishedAt":"2026-11-20T09:25:00Z","format":"epreuve-result/2","mac":"\#(envelope.mac)","questions":[{"position":1,"questionId":"assr1-vitesse-002","selected":["B","C"],"timeUsedMs":12850},{"position":2,"questionId":"assr1-circulation-001","selected":[],"timeUsedMs":45000}],"startedAt":"2026-11-20T09:10:00Z","terminalId":"salle-b:pts/3"}"#

    func golden<T: Codable & Equatable>(_ value: T, _ json: String, request: Bool = false) throws {
        #expect(String(decoding: WireJSON.encode(value), as: UTF8.self) == json)
        let decoded = request ? try WireJSON.decodeRequest(T.self, from: Data(json.utf8)) : try WireJSON.decodeResponse(T.self, from: Data(json.utf8))
        #expect(decoded == value)
    }

    @Test func health() throws {
        try golden(HealthResponse(), #"{"status":"ok"}"#)
    }

    @Test func sessionInfo() throws {
        try golden(SessionInfoBody(Self.sessionInfo), Self.sessionInfoJSON)
        #expect(try SessionInfoBody(Self.sessionInfo).sessionInfo() == Self.sessionInfo)
    }

    @Test func loginRequest() throws {
        try golden(LoginRequest(code: "aaaa-aaaa", terminalId: "salle-b:pts/3"), #"{"code":"aaaa-aaaa","terminalId":"salle-b:pts/3"}"#, request: true)
        try golden(LoginRequest(code: "AAAAAAAA", terminalId: nil), #"{"code":"AAAAAAAA"}"#, request: true)
    }

    @Test func loginResponse() throws {
        try golden(LoginResponse(Self.package), Self.loginResponseJSON)
        #expect(try LoginResponse(Self.package).examPackage() == Self.package)
    }

    @Test func anAERPackageAsksForReadingInItsTiming() throws {
        try golden(TimingBody(answerSeconds: 60, timed: true, readingWordsPerMinute: 160),
                   #"{"answerSeconds":60,"readingWordsPerMinute":160,"timed":true}"#)
        var package = Self.package
        package.timing = AttemptTiming(answerSeconds: 45, timed: true, readingWordsPerMinute: 160)
        #expect(try LoginResponse(package).examPackage().timing.readingWordsPerMinute == 160)
    }

    @Test func resultRequestIsTheSignedEnvelope() throws {
        try golden(Self.envelope, Self.envelopeJSON, request: true)
        #expect(try WireJSON.decodeRequest(ResultRequest.self, from: Data(Self.envelopeJSON.utf8)).hasValidMac(key: "3b6e…"))
    }

    @Test func integrityBodies() throws {
        try golden(SurveillantRequest(code: "482193", terminalId: "salle-b:pts/3"), #"{"code":"482193","terminalId":"salle-b:pts/3"}"#, request: true)
        try golden(SurveillantResponse(), #"{"status":"accepted"}"#)
        try golden(TransferRequest(code: "ABCD-2345", surveillantCode: "482193", terminalId: "salle-b:pts/4"),
                   #"{"code":"ABCD-2345","surveillantCode":"482193","terminalId":"salle-b:pts/4"}"#, request: true)
        let report = ProgressReport(attemptId: "5f0c8a8e", terminalId: "salle-b:pts/3",
                                    progress: AttemptSnapshot(index: 0, phase: .situation, remainingMs: 4000, selections: [[], []],
                                                              timeUsedMs: [0, 0]), key: "3b6e…")
        try golden(ProgressRequest(report),
                   #"{"mac":"\#(report.mac)","progress":{"index":0,"phase":"situation","remainingMs":4000,"selections":[[],[]],"timeUsedMs":[0,0]},"terminalId":"salle-b:pts/3"}"#,
                   request: true)
        // The mac survives the trip: the center rebuilds the report from the route and the body.
        #expect(ProgressRequest(report).report(attemptId: "5f0c8a8e").hasValidMac(key: "3b6e…"))
        #expect(!ProgressRequest(report).report(attemptId: "autre").hasValidMac(key: "3b6e…"))
        try golden(ProgressResponse(surveillantCheck: SlowCodeHashBody(salt: "c2Vs", cost: 32768, hash: "aA==")),
                   #"{"status":"recorded","surveillantCheck":{"cost":32768,"hash":"aA==","salt":"c2Vs"}}"#)
    }

    @Test func receipts() throws {
        try golden(ResultReceiptBody(.stored(score: 14, outOf: 20)), #"{"outOf":20,"score":14,"status":"stored"}"#)
        try golden(ResultReceiptBody(.alreadyStored), #"{"status":"already-stored"}"#)
        #expect(try ResultReceiptBody(.stored(score: 14, outOf: 20)).receipt() == .stored(score: 14, outOf: 20))
        #expect(try ResultReceiptBody(.alreadyStored).receipt() == .alreadyStored)
        // An exam's receipt carries no score; a score without its total is nonsense.
        try golden(ResultReceiptBody(.stored(score: nil, outOf: nil)), #"{"status":"stored"}"#)
        #expect(try ResultReceiptBody(status: .stored).receipt() == .stored(score: nil, outOf: nil))
        #expect(throws: WireDecodingError.self) { try ResultReceiptBody(status: .stored, score: 3).receipt() }
    }

    @Test(arguments: [
        (LoginRefusal.unknownSession, #"{"error":"session-unknown","message":"Épreuve inconnue."}"#),
        (.notActive(.upcoming, startsAt: startsAt), #"{"error":"session-not-started","message":"Cette épreuve n'a pas encore commencé.","startsAt":"2026-11-20T09:00:00Z"}"#),
        (.notActive(.finished, startsAt: startsAt), #"{"error":"session-finished","message":"Cette épreuve est terminée.","startsAt":"2026-11-20T09:00:00Z"}"#),
        (.wrongCode, #"{"error":"code-incorrect","message":"Code d'accès incorrect."}"#),
        (.locked(seconds: 60), #"{"error":"too-many-attempts","message":"Trop de codes incorrects : réessayez dans 60 s.","retryAfter":60}"#),
        (.alreadyTaken, #"{"error":"already-taken","message":"Ce candidat a déjà passé cette épreuve."}"#),
        (.runningElsewhere, #"{"error":"attempt-running-elsewhere","message":"Cette épreuve est déjà en cours sur un autre poste."}"#),
        (.nothingToResume, #"{"error":"nothing-to-resume","message":"Aucune épreuve de ce candidat n'est en cours sur un autre poste."}"#),
        (.surveillantCodeWrong, #"{"error":"surveillant-code-incorrect","message":"Code surveillant incorrect."}"#),
    ])
    func loginRefusals(refusal: LoginRefusal, json: String) throws {
        try golden(ErrorBody(refusal), json)
        #expect(try ErrorBody(refusal).loginRefusal() == refusal)
        #expect(ErrorBody(refusal).resultRefusal == nil)
    }

    @Test(arguments: [
        (ResultRefusal.invalid("dates illisibles"), #"{"error":"invalid-result","message":"dates illisibles"}"#),
        (.badMac, #"{"error":"bad-signature","message":"Signature invalide."}"#),
        (.conflict, #"{"error":"attempt-conflict","message":"Un autre résultat existe déjà pour cette tentative."}"#),
        (.attemptMoved, #"{"error":"attempt-moved","message":"Cette épreuve a été reprise sur un autre poste."}"#),
    ])
    func resultRefusals(refusal: ResultRefusal, json: String) throws {
        try golden(ErrorBody(refusal), json)
        #expect(ErrorBody(refusal).resultRefusal == refusal)
        #expect(try ErrorBody(refusal).loginRefusal() == nil)
    }

    /// The codes and their statuses are the contract of docs/api.md.
    @Test func everyErrorCodeAndItsStatus() {
        let table = Dictionary(uniqueKeysWithValues: WireErrorCode.allCases.map { ($0.rawValue, $0.httpStatus) })
        #expect(table == [
            "invalid-request": 400, "idempotency-key-mismatch": 400, "invalid-result": 400,
            "code-incorrect": 401, "bad-signature": 401, "surveillant-code-incorrect": 401,
            "session-unknown": 404, "attempt-unknown": 404,
            "session-not-started": 409, "session-finished": 409, "already-taken": 409, "attempt-conflict": 409,
            "attempt-running-elsewhere": 409, "nothing-to-resume": 409, "attempt-moved": 409,
            "payload-too-large": 413, "too-many-attempts": 429, "internal-error": 500,
        ])
    }

    @Test func enumValues() {
        #expect(WireSessionKind.allCases.map(\.rawValue) == ["examen", "entrainement"])
        #expect(WireSessionState.allCases.map(\.rawValue) == ["upcoming", "active", "finished"])
        #expect(ReceiptStatus.allCases.map(\.rawValue) == ["stored", "already-stored"])
        #expect(SessionKind.allCases.map { WireSessionKind($0).sessionKind } == SessionKind.allCases)
    }

    /// A newer center may add fields: terminals read responses leniently.
    @Test func responsesIgnoreFieldsAddedLater() throws {
        let newer = #"{"error":"code-incorrect","message":"Code d'accès incorrect.","hint":"nouveau"}"#
        #expect(try WireJSON.decodeResponse(ErrorBody.self, from: Data(newer.utf8)).error == .codeIncorrect)
    }
}
