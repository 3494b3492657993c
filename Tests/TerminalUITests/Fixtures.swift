import ExamKit
import Testing
@testable import TerminalUI

/// Questions, grants and helpers that drive the interface the way a candidate would.
enum Fixture {
    static let themeLabels = ["circulation": "Circulation", "vitesse": "Vitesse", "passagers": "Passagers"]

    static let single = Question(
        id: "q-single", theme: "circulation", competence: "Savoir se déplacer dans des espaces appropriés",
        prompt: "Sur un hoverboard, l'utilisateur :",
        choices: ["a le droit de circuler sur le trottoir.", "n'a pas le droit de circuler sur le trottoir.",
                  "doit porter un casque."],
        answer: [], explanation: "", expectsSeveralAnswers: false)

    static let several = Question(
        id: "q-several", theme: "vitesse", competence: "Adapter sa vitesse",
        prompt: "Par temps de pluie, je dois :",
        choices: ["réduire ma vitesse.", "augmenter les distances de sécurité.", "allumer mes feux de détresse.",
                  "rouler au milieu de la chaussée."],
        answer: [], explanation: "", expectsSeveralAnswers: true)

    static let withSituation = Question(
        id: "q-situation", theme: "passagers", competence: "Transporter un passager",
        situation: "Tu es à l'arrière d'un scooter. Le conducteur accélère pour passer au feu orange.",
        situationSeconds: 8,
        prompt: "Que fais-tu ?",
        choices: ["Je me penche dans les virages avec le conducteur.", "Je lui demande de ralentir."],
        answer: [], explanation: "", expectsSeveralAnswers: false)

    /// A long prompt and long choices for word wrapping.
    static let long = Question(
        id: "q-long", theme: "circulation", competence: "Connaître les règles de priorité",
        prompt: "À l'approche d'une intersection sans signalisation particulière, alors qu'un cycliste arrive par "
            + "la droite et qu'un piéton s'apprête à traverser sur le passage protégé, que dois-tu faire ?",
        choices: ["Je laisse passer le cycliste qui vient de la droite car il est prioritaire à cette intersection.",
                  "Je m'arrête pour laisser traverser le piéton qui est engagé ou manifeste l'intention de traverser.",
                  "Je klaxonne pour signaler ma présence et je passe le premier sans ralentir."],
        answer: [], explanation: "", expectsSeveralAnswers: true)

    /// A situation written in a YAML block (hard line breaks), longer than a small screen, with a speed
    /// that must stay with its unit.
    static let longSituation = Question(
        id: "q-long-situation", theme: "vitesse", competence: "Adapter sa vitesse aux conditions de circulation",
        situation: """
            Tu roules à vélo sur une route de campagne un soir d'automne. Il commence à pleuvoir et la nuit
            tombe vite. Un panneau indique que la vitesse est limitée à 50 km/h à l'entrée du village, où
            des enfants sortent de l'école.

            Devant toi, un tracteur ralentit pour tourner à gauche dans un chemin. Derrière toi, une
            voiture te suit de près : son conducteur semble pressé. Le bord de la route est boueux et
            glissant à cause de la pluie.
            """,
        situationSeconds: 10,
        prompt: "Dans cette situation, que dois-tu faire ?",
        choices: ["Je ralentis et je garde mes distances avec le tracteur.", "Je double le tracteur par la droite, sur le bord boueux.",
                  "J'allume mon éclairage et je reste bien visible."],
        answer: [], explanation: "", expectsSeveralAnswers: true)

    /// Wide (two-cell) and combining characters.
    static let wide = Question(
        id: "q-wide", theme: "circulation", competence: "Lire des panneaux 道路標識",
        prompt: "Que signifie le panneau « 止まれ » (arrêt) qu'un touriste japonais a photographié ?",
        choices: ["Il faut s'arrêter : c'est l'équivalent du panneau STOP (止).", "Cafe\u{301} ouvert.", "Rien 🚲."],
        answer: [], explanation: "", expectsSeveralAnswers: false)

    /// Twenty questions: single, several, with situation, then singles.
    static var twenty: [Question] {
        [single, several, withSituation] + (4...20).map { number in
            Question(id: "q-\(number)", theme: "circulation", competence: "Compétence \(number)",
                     prompt: "Question numéro \(number) ?", choices: ["Oui.", "Non."], answer: [], explanation: "",
                     expectsSeveralAnswers: false)
        }
    }

    static func grant(extraTime: Bool = false, timed: Bool = true, questions: [Question] = twenty,
                      resume: AttemptSnapshot? = nil) -> LoginGrant {
        LoginGrant(attemptId: "attempt-1", firstName: "Lily", lastName: "Alexandre", className: "5A",
                   extraTime: extraTime, examTitle: "ASSR1 — Attestation scolaire de sécurité routière de premier niveau",
                   questions: questions, timing: AttemptTiming(answerSeconds: extraTime ? 60 : 45, timed: timed),
                   resume: resume)
    }

    static let exam = ExamInfo(number: "123456", title: "ASSR1 — Attestation scolaire de sécurité routière de premier niveau",
                               isTraining: false)

    static func configuration(kiosk: Bool = false, resumable: ResumableAttempt? = nil,
                              reading: ReadingPreference = ReadingPreference()) -> AppConfiguration {
        AppConfiguration(kiosk: kiosk, defaultRescueDirectory: "/media/cle/epreuve-secours",
                         resumableAttempt: resumable, themeLabels: themeLabels, reading: reading)
    }

    /// `--lecture` with a voice that works.
    static let readAloud = ReadingPreference(always: true, voice: .ready)
    static let noEspeak = "La lecture à voix haute n'est pas disponible sur ce poste : la bibliothèque espeak-ng est absente "
        + "(libespeak-ng.so.1 introuvable ; paquet Debian libespeak-ng1)."

    static func frame(_ app: TerminalApp, width: Int = 80, height: Int = 24, at now: MonotonicInstant) -> Frame {
        var frame = Frame(width: width, height: height)
        app.render(into: &frame, at: now)
        return frame
    }
}

/// A candidate at the keyboard with a manual clock.
struct Session {
    var app: TerminalApp
    let clock = ManualClock()
    /// Every effect so far, in order.
    var effects: [AppEffect] = []

    init(configuration: AppConfiguration = Fixture.configuration()) {
        app = TerminalApp(configuration: configuration)
    }

    var now: MonotonicInstant { clock.now() }

    @discardableResult
    mutating func press(_ keys: Key...) -> [AppEffect] {
        var produced: [AppEffect] = []
        for key in keys { produced += app.handle(.key(key), at: now) }
        effects += produced
        return produced
    }

    @discardableResult
    mutating func type(_ text: String) -> [AppEffect] {
        var produced: [AppEffect] = []
        for character in text { produced += press(.character(character)) }
        return produced
    }

    @discardableResult
    mutating func respond(_ response: HostResponse) -> [AppEffect] {
        let produced = app.handle(.response(response), at: now)
        effects += produced
        return produced
    }

    @discardableResult
    mutating func advance(_ duration: Duration) -> [AppEffect] {
        clock.advance(by: duration)
        let produced = app.tick(at: now)
        effects += produced
        return produced
    }

    func frame(width: Int = 80, height: Int = 24) -> Frame {
        Fixture.frame(app, width: width, height: height, at: now)
    }

    /// Home → number → code → identity → tutorial → « Commencer l'épreuve ».
    mutating func logIn(_ grant: LoginGrant = Fixture.grant()) {
        press(.enter)
        type("123456")
        press(.enter)
        respond(.examLookedUp(.success(Fixture.exam)))
        type("abcd-2345")
        press(.enter)
        respond(.loggedIn(.success(grant)))
    }

    mutating func startExam(_ grant: LoginGrant = Fixture.grant()) {
        logIn(grant)
        press(.enter) // Commencer
        for _ in 0..<4 { press(.enter) } // Suivant ×3, Démarrer
        press(.enter) // Commencer l'épreuve
    }
}

extension AppEffect {
    var journalEvent: AttemptEvent? {
        if case let .journal(_, event, _) = self { return event }
        return nil
    }

    var journalSnapshot: AttemptSnapshot? {
        if case let .journal(_, _, snapshot) = self { return snapshot }
        return nil
    }

    var isSubmit: Bool {
        if case .submitResult = self { return true }
        return false
    }

    var isQuit: Bool {
        if case .quit = self { return true }
        return false
    }
}

extension Frame {
    /// The roles of a row's cells from `x`, for `count` cells.
    func roles(y: Int, x: Int = 0, count: Int) -> [ThemeRole] {
        (x..<(x + count)).map { self[$0, y].role }
    }

    /// The row holding `text` (first match), or nil.
    func row(containing text: String) -> Int? {
        self.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
    }
}

/// Compares a scenario's frame with its golden text; on a difference, prints both.
func expectGolden(_ scenario: Scenario, width: Int, height: Int, _ expected: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = scenario.session.frame(width: width, height: height).text
    #expect(actual == expected, "\(scenario.rawValue) at \(width)×\(height):\n\(actual)", sourceLocation: sourceLocation)
}
