import ExamKit

/// Every word a candidate or a proctor reads. Words in bold in DESIGN §10 are relied on by outside
/// checks: keep them exactly.
enum Strings {
    // MARK: Common
    static let appTitle = "Épreuve — attestations de sécurité routière"
    static let enlargeWindow = "Agrandissez la fenêtre (60×20 minimum)."
    static let checking = "Vérification…"
    static let validate = "Valider"
    static let back = "Retour"
    static let quit = "Quitter"
    static let finish = "Terminer"
    static let centerUnreachable = "Le centre d'examen ne répond pas"
    static func centerUnreachable(_ detail: String) -> String {
        detail.isEmpty ? "\(centerUnreachable)." : "\(centerUnreachable) : \(detail)"
    }

    // MARK: Key help lines
    static let helpMenu = "↑ ↓ : choisir · Entrée : valider"
    static let helpField = "Entrée : valider · Tab : bouton suivant · Échap : retour"
    static let helpButtons = "Tab : bouton suivant · Entrée : valider"
    static let helpTutorial = "← → : changer de page · Tab : bouton · Entrée : valider"

    // MARK: 1. Home
    static let takeExam = "Passer une épreuve"
    static let resumeExam = "Reprendre l'épreuve"
    static func resumableDetail(examNumber: String) -> String {
        "Épreuve \(examNumber) interrompue sur ce poste : le candidat reprend avec son code d'accès."
    }

    // MARK: 2. Exam number
    static let examNumber = "Numéro de l'épreuve"
    static let examNumberHint = "Saisissez les 6 chiffres annoncés par le surveillant."
    static let examNumberIncomplete = "Le numéro de l'épreuve comporte 6 chiffres."
    static let examUnknown = "Aucune épreuve ne porte ce numéro."
    static func examNotStarted(_ startsAt: String) -> String { "Cette épreuve commence le \(startsAt)." }
    static let examFinished = "Cette épreuve est terminée."

    // MARK: 3. Access code
    static let accessCode = "Code d'accès"
    static let accessCodeHint = "Saisissez le code d'accès remis par le surveillant (XXXX-XXXX)."
    static func examNumberLine(_ number: String) -> String { "Épreuve n° \(number)" }
    static let resuming = "Reprise d'une épreuve interrompue sur ce poste."
    static let accessCodeEmpty = "Saisissez votre code d'accès."
    static let accessCodeWrong = "Code d'accès incorrect."
    static func accessCodeLocked(seconds: Int) -> String { "Trop d'essais. Réessayez dans \(seconds) s." }
    static let accessCodeUnlocked = "Vous pouvez réessayer."
    static let alreadyTaken = "Vous avez déjà passé cette épreuve."
    static let runningElsewhere = "Cette épreuve est déjà en cours sur un autre poste."
    static let callSurveillantShort = "Faites appel au surveillant."

    // MARK: 4. Identity
    static let checkIdentity = "Vérifiez votre identité"
    static func identity(first: String, last: String, className: String) -> String {
        className.isEmpty ? "\(first) \(last.uppercased())" : "\(first) \(last.uppercased()) (\(className))"
    }
    static func extraTime(seconds: Int) -> String { "Temps de réponse majoré : \(seconds) s par question" }
    static let identityQuestion = "Si ce n'est pas vous, prévenez le surveillant."
    static let begin = "Commencer"
    static let cancelToCode = "Annuler et revenir au code d'accès"

    // MARK: 5. Tutorial
    static let previous = "Précédent"
    static let next = "Suivant"
    static let start = "Démarrer"
    static func tutorialTitle(page: Int, of count: Int) -> String { "Présentation de l'épreuve (\(page)/\(count))" }
    static let tutorialCourseTitle = "Déroulement de l'épreuve"
    static func tutorialQuestionCount(_ count: Int) -> String {
        "L'épreuve comporte \(count) questions, réparties entre les thèmes de la sécurité routière."
    }
    static let tutorialSameQuestions = "Tous les candidats ont les mêmes questions, mais pas dans le même ordre."
    static let tutorialSituation = "Certaines questions commencent par une situation à lire ; la question et les réponses s'affichent ensuite."
    static let tutorialBannersTitle = "Nombre de réponses attendues"
    static let tutorialBannersIntro = "Au-dessus des réponses, un bandeau indique combien de réponses sont attendues :"
    static let tutorialSingle = "Choisir une autre réponse remplace la précédente."
    static let tutorialMultiple = "Chaque réponse se coche ou se décoche ; cochez toutes les bonnes réponses."
    static let tutorialTimeTitle = "Temps de réponse"
    static func tutorialTimed(seconds: Int) -> String { "Vous disposez de \(seconds) s pour répondre à chaque question." }
    static let tutorialChange = "Vous pouvez changer vos réponses jusqu'à la fin du temps."
    static let tutorialAutomatic = "À la fin du temps, la question suivante s'affiche automatiquement. Il n'est pas possible de revenir en arrière."
    static let tutorialUntimed = "Cette épreuve n'est pas chronométrée : appuyez sur Entrée pour passer à la question suivante. Il n'est pas possible de revenir en arrière."
    static let tutorialProgressTitle = "Suivre votre progression"
    static let tutorialProgress = "À tout moment, la barre en bas de l'écran montre votre progression dans l'épreuve."
    static let tutorialKeys = "Touches :"
    static let tutorialKeyLetters = "A à F : choisir une réponse"
    static let tutorialKeyArrows = "↑ ↓ : se déplacer parmi les réponses"
    static let tutorialKeySpace = "Espace : cocher ou décocher la réponse sélectionnée"
    static let tutorialKeyEnter = "Entrée : question suivante"
    static let tutorialKeySituation = "S : relire toute la situation"
    static let tutorialKeySurveillant = "F12 ou Ctrl+S : réservé au surveillant"
    static let tutorialKeyProblem = "P : signaler un problème sur la question au surveillant"

    // MARK: 6. Ready
    static func yourTurn(_ firstName: String) -> String { "\(firstName), c'est à vous" }
    static let whenReady = "Dès que vous êtes prêt(e), appuyez sur Entrée pour commencer l'épreuve."
    static let startExam = "Commencer l'épreuve"

    // MARK: 7. Question
    static func questionPosition(_ number: Int, of count: Int) -> String { "Question \(number)/\(count)" }
    static let singleAnswer = "UNE SEULE RÉPONSE EST ATTENDUE"
    static let severalAnswers = "PLUSIEURS RÉPONSES SONT ATTENDUES"
    static let readingSituation = "Lecture de la situation…"
    static let readingQuestion = "Lecture de la question…"
    static let readAloudKeys = "Les questions sont lues à voix haute. Touche L : relire la question ; touche M : lire la réponse en surbrillance et dire si elle est cochée. Le temps pour répondre commence après la lecture."

    /// Screen-reader mode: the time left in words, changing every 10 s (« moins de quarante secondes »).
    static func timeLeftInWords(_ remaining: Duration) -> String {
        let tens = (remaining.secondsRoundedUp + 9) / 10 * 10
        let words = [10: "dix", 20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"]
        guard tens > 0 else { return "Temps écoulé." }
        guard let word = words[tens] else { return "Temps restant : plus d'une minute." }
        return "Temps restant : moins de \(word) secondes."
    }
    static let situationFolded = "… S : lire toute la situation"
    static let backToChoices = "S : revenir aux réponses · ↑ ↓ : faire défiler"
    static let moreAbove = "↑ …"
    static let moreBelow = "↓ …"
    static let nextQuestionKey = "Entrée : question suivante"

    // MARK: « Signaler un problème » (DESIGN §12)
    static let reportProblem = "Signaler un problème"
    static func reportProblemAbout(_ position: Int, of count: Int) -> String { "Question \(position)/\(count) : quel est le problème ?" }
    static let problemUnreadable = "La question est illisible"
    static let problemDisplay = "Problème d'affichage"
    static let problemOther = "Autre problème"
    static let problemCancel = "Annuler"
    static let problemTimerRuns = "Le temps de la question continue de s'écouler."
    static let helpProblem = "↑ ↓ : choisir · Entrée : envoyer · Échap : annuler"
    static let problemSent = "Signalement envoyé au surveillant."
    static let problemNotSent = "Signalement non transmis : levez la main pour appeler le surveillant."

    // MARK: Waiting for the surveillant (sessions created with --presence)
    static let awaitingPresence = "En attente de la confirmation du surveillant."
    static let awaitingPresenceDetail = "Restez à votre place : l'épreuve continuera d'elle-même dès que le surveillant aura confirmé votre présence."

    // MARK: 8. End
    static let examOver = "L'épreuve est terminée"
    static func stoppedBySurveillant(_ reason: String) -> String { "Arrêtée par le surveillant : \(reason)" }
    static let sendingResult = "Envoi du résultat…"
    static let resultSaved = "Vos résultats sont bien enregistrés."
    static let resultLater = "Le résultat de l'épreuve sera communiqué par l'établissement."
    static let submissionFailed = "L'enregistrement du résultat a échoué."
    static let pleaseRetry = "Restez devant ce poste et réessayez l'enregistrement."
    static let retry = "Réessayer"
    static let callSurveillant = "Veuillez faire appel au surveillant de votre épreuve afin qu'il procède à l'enregistrement du résultat."
    static let recoverResult = "Récupérer le résultat"
    static let rescueWritten = "Fichier de résultat écrit :"
    static let rescueFilesWritten = "Fichiers de secours écrits :"
    static let rescueNext = "Le surveillant importera ce fichier dans l'outil de l'établissement."

    // MARK: Storage failure during an exam
    static let storageFailed = "Enregistrement impossible sur ce poste. Faites appel au surveillant."
    static func frozenAt(question: Int, of count: Int, remaining: String) -> String {
        "Question \(question)/\(count) · temps arrêté à \(remaining)"
    }
    static let storageFailedKept = "Les réponses enregistrées jusqu'ici sont conservées : le surveillant peut faire reprendre l'épreuve sur un autre poste."
    static let helpSurveillantOnly = "F12 : surveillant"

    // MARK: 9. Practice and 10. self-test
    static let practice = "M'entraîner"
    static let selfTest = "Me tester"
    static func modeName(_ mode: PracticeResult.Mode) -> String { mode == .practice ? practice : selfTest }
    static func practiceTitle(mode: PracticeResult.Mode, name: String, bank: String) -> String {
        "\(modeName(mode)) — \(name) · \(bank)"
    }
    static let whoIsPracticing = "Qui s'entraîne ?"
    static let newProfile = "Nouveau prénom…"
    static let firstName = "Votre prénom"
    static let firstNameHint = "Il sert à retrouver vos statistiques d'une séance à l'autre. Aucun mot de passe."
    static let firstNameEmpty = "Saisissez votre prénom."
    static let chooseBank = "Quelle attestation préparez-vous ?"
    static let chooseThemes = "Choisissez un ou plusieurs thèmes"
    static func themeRow(_ label: String, questions: Int) -> String { "\(label) (\(questions) questions)" }
    static func timedRow(seconds: Int) -> String { "Chronométrer : \(seconds) s par question" }
    static let startPractice = "Commencer l'entraînement"
    static let chooseAtLeastOneTheme = "Choisissez au moins un thème."
    static func selfTestImpossible(_ detail: String) -> String { "Impossible de composer une série : \(detail)." }
    static let correct = "Correct"
    static let incorrect = "Incorrect"
    static func expectedAnswer(_ letters: [String]) -> String { "Réponse attendue : \(letters.joined(separator: ", "))" }
    static let noAnswer = "Vous n'avez pas répondu."
    static let nextQuestion = "Question suivante"
    static let endPractice = "Terminer l'entraînement et afficher les statistiques"
    static let allAsked = "Toutes les questions de ces thèmes ont été posées."
    static let practiceUntimedHint = "Entrée : valider la réponse · T : terminer"
    static let helpPracticeCorrection = "Tab : bouton suivant · Entrée : valider · T : terminer"
    static let helpThemes = "↑ ↓ Espace : cocher · Tab : bouton · Entrée : valider"
    static let statistics = "Statistiques"
    static let passed = "Bravo ! Vous avez réussi"
    static let notPassed = "Vous n'avez pas réussi"
    static func score(_ right: Int, of total: Int) -> String { "\(right)/\(total) bonnes réponses" }
    static func errors(_ errors: Int, of total: Int) -> String {
        "Erreurs : \(errors) sur \(total) question\(total > 1 ? "s" : "")"
    }
    static func totalTime(_ milliseconds: Int) -> String { "Temps total : \(duration(milliseconds))" }
    static func duration(_ milliseconds: Int) -> String {
        let seconds = (milliseconds + 500) / 1000
        if seconds < 60 { return "\(seconds) s" }
        return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s"
    }
    static let themeColumn = "Thème"
    static let rightColumn = "Bonnes"
    static func toReview(_ labels: [String]) -> String { "À retravailler : \(labels.joined(separator: ", "))" }
    static let nothingToReview = "Aucun thème à retravailler : tout est juste."
    static let nothingBelowHalf = "Aucun thème sous 50 % de réussite."
    static let nothingCorrected = "Aucune question n'a été corrigée."
    static let showCorrection = "Voir la correction"
    static let backToStatistics = "Retour aux statistiques"
    static let correction = "Correction"
    static func correctionHeading(_ number: Int, of count: Int, theme: String, right: Bool) -> String {
        "Question \(number)/\(count) · \(theme) · \(right ? correct : incorrect)"
    }
    static let correctionLegend = "✓ : réponse attendue · [x] : votre réponse"
    static func correctionPosition(first: Int, last: Int, of count: Int) -> String {
        first == last ? "Question \(first) sur \(count)" : "Questions \(first) à \(last) sur \(count)"
    }
    static let helpCorrectionScroll = "↑ ↓ Espace : défiler · Entrée : retour aux statistiques"

    // MARK: Practice history (`epreuve practice --stats`)
    static let historyEmpty = "Aucune séance d'entraînement enregistrée."
    static func historyProfile(_ name: String, sessions: Int) -> String { "\(name) — \(sessions) séance\(sessions > 1 ? "s" : "")" }
    static let historyByTheme = "Par thème, toutes séances confondues :"
    static func historyVerdict(_ passed: Bool?) -> String {
        switch passed {
        case true?: "réussi"
        case false?: "non réussi"
        case nil: ""
        }
    }

    // MARK: F12 surveillant panel
    static let surveillantTitle = "Surveillant"
    static let surveillantCode = "Code surveillant"
    static let surveillantCodeWrong = "Code surveillant incorrect."
    static func surveillantCodeLocked(seconds: Int) -> String { "Trop de codes incorrects. Réessayez dans \(seconds) s." }
    static let noSessionHere = "Aucune épreuve n'a encore eu lieu sur ce poste : le code surveillant ne peut pas être vérifié."
    static let attemptMovedTitle = "Cette épreuve a été reprise sur un autre poste."
    static let attemptMovedDetail = "Le candidat continue son épreuve sur l'autre poste. Ce poste ne compte plus aucune réponse."
    static let directory = "Dossier"
    static let directoryHint = "Entrée : écrire le fichier ici · Échap : fermer"
    static let exporting = "Écriture du fichier de secours…"
    static func exportFailed(_ message: String) -> String { "L'écriture a échoué : \(message)" }
    static let menuResume = "Reprendre"
    static let menuResumeHere = "Reprendre ici"
    static let menuDeliveryStatus = "État de l'envoi"
    static let menuExport = "Exporter les fichiers de secours"
    static let menuEndAttempt = "Terminer cette tentative"
    static let menuQuit = "Quitter le programme"
    static func confirmEnd(_ candidate: String) -> String { "Terminer la tentative de \(candidate) ?" }
    static let confirmEndDetail = "Les réponses données jusqu'ici sont gardées ; le résultat sera marqué « Arrêtée par le surveillant » avec le motif."
    static let reason = "Motif"
    static let reasonMissing = "Indiquez le motif de l'arrêt."
    static let helpConfirmEnd = "Entrée : terminer la tentative · Échap : annuler"
    static let timerRunsUnderPanel = "Le temps de la question continue de s'écouler."
    static let noDeliveryStatus = "Aucune information sur l'envoi pour l'instant."
    static let helpPanelField = "Entrée : valider · Échap : fermer"
    static let helpPanelMenu = "↑ ↓ : choisir · Entrée : valider · Échap : fermer"
    static let helpPanelClose = "Entrée ou Échap : fermer"

    // MARK: Theme files (read by whoever installs the terminal)
    static let themeInvalidYAML = "YAML invalide"
    static let themeNotAMapping = "le thème doit être un dictionnaire avec « name » et « colors »"
    static func themeUnknownField(_ name: String) -> String { "champ inconnu « \(name) » (attendu : name, colors)" }
    static func themeMissingField(_ name: String) -> String { "le champ « \(name) » manque" }
    static func themeFieldNotText(_ name: String) -> String { "le champ « \(name) » doit être un texte non vide" }
    static let themeColorsNotAMapping = "le champ « colors » doit être un dictionnaire rôle: [couleur, fond, attributs…]"
    static func themeUnknownRole(_ name: String) -> String {
        "rôle inconnu « \(name) » dans « colors » (attendu : \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))"
    }
    static func themeRoleShape(_ role: String) -> String {
        "le rôle « \(role) » doit être une liste [couleur, fond, attributs…]"
    }
    static func themeUnknownColor(_ color: String, role: String) -> String {
        "couleur inconnue « \(color) » pour « \(role) » (attendu : un des huit noms ANSI, default ou 0 à 255)"
    }
    static func themeUnknownAttribute(_ attribute: String, role: String) -> String {
        "attribut inconnu « \(attribute) » pour « \(role) » (attendu : bold, dim, underline, reverse)"
    }
}

/// Messages of the terminal layer (Curses), read by whoever starts the program.
public enum TerminalSetupText {
    public static let notATerminal = "l'entrée ou la sortie standard n'est pas un terminal"
    public static let cannotInitialize = "le terminal ne peut pas être initialisé (vérifiez la variable TERM)"
}

/// Sentences the terminal's host and its proctor commands (`epreuve outbox`) print, kept here with
/// every other word.
public enum HostText {
    public static func notStarted(_ startsAt: String) -> String { Strings.examNotStarted(startsAt) }
    public static var finished: String { Strings.examFinished }
    public static var unknownExam: String { Strings.examUnknown }
    public static let outboxUnreadable = "File d'envoi illisible."
    public static func allDelivered(_ count: Int) -> String { "\(count) résultat(s) remis au centre, aucun en attente." }
    public static func pending(_ count: Int, lastError: String?) -> String {
        "\(count) résultat(s) en attente d'envoi." + (lastError.map { " Dernière erreur : \($0)" } ?? "")
    }
    public static let nothingToExport = "aucun résultat en attente d'envoi"
    public static let nothingToResume = "Aucune épreuve de ce candidat n'est en cours sur un autre poste."
    public static let surveillantCodeRefused = "Code surveillant incorrect : l'épreuve n'a pas été reprise ici."
    public static let outboxEmpty = "Aucun résultat dans la file d'envoi."
    public static func outboxLine(attempt: String, exam: String, candidate: String, tries: Int, error: String?, state: String) -> String {
        "\(attempt)  épreuve \(exam)  candidat \(candidate)  essais \(tries)  erreur : \(error ?? "—")  état : \(state)"
    }
    public static let statePending = "en attente"
    public static let stateDelivered = "remis"
    public static let stateSuperseded = "sans objet (épreuve reprise sur un autre poste)"
    public static let noUndelivered = "Aucun résultat non remis : rien à exporter."
    public static func rescueFilesWritten(_ count: Int) -> String { "\(count) fichier(s) de secours écrit(s)." }
}
