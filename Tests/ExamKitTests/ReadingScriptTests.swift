@testable import ExamKit
import Testing

@Suite struct ReadingScriptTests {
    static let bikeQuestion = Question(
        id: "q-velo", theme: "circulation", competence: "c",
        situation: """
            Tu roules à vélo vers le collège.
               __o
             _`\\<,_
            (*)/ (*)
            La rue est limitée à 30 km/h.
            """,
        situationSeconds: 8, prompt: "Sur cette rue, tu :",
        choices: ["roules à droite.", "roules sur le trottoir", "« Stop » : tu t'arrêtes."],
        answer: [0, 2], explanation: "Le vélo roule sur la chaussée.", reference: "Code de la route, art. R412-43-1")

    @Test func aQuestionIsReadWithItsSituationPromptBannerAndLetteredChoices() {
        let script = ReadingScript.question(Self.bikeQuestion, number: 7, total: 20)
        #expect(script.parts == [
            "Question 7 sur 20.",
            "Tu roules à vélo vers le collège. La rue est limitée à 30 kilomètres heure.",
            "Sur cette rue, tu :",
            "Plusieurs réponses sont attendues.",
            "Réponse A : roules à droite.",
            "Réponse B : roules sur le trottoir.",
            "Réponse C : Stop : tu t'arrêtes.",
        ])
        #expect(script.text == script.parts.joined(separator: "\n"))
    }

    @Test func theBannerSaysWhenOneAnswerIsExpected() {
        let question = Question(id: "q", theme: "t", competence: "c", prompt: "Le 112 est :", choices: ["gratuit", "payant"],
                                answer: [0], explanation: "e")
        #expect(ReadingScript.question(question).parts == [
            "Le 112 est :", "Une seule réponse est attendue.", "Réponse A : gratuit.", "Réponse B : payant.",
        ])
    }

    @Test func timeLeftIsSaidInWords() {
        #expect(ReadingScript.timeLeft(seconds: 30).text == "Il reste 30 secondes.")
        #expect(ReadingScript.timeLeft(seconds: 10).text == "Il reste 10 secondes.")
        #expect(ReadingScript.timeLeft(seconds: 1).text == "Il reste 1 seconde.")
        #expect(ReadingScript.timeLeft(seconds: 60).text == "Il reste 1 minute.")
        #expect(ReadingScript.timeLeft(seconds: 125).text == "Il reste 2 minutes et 5 secondes.")
    }

    @Test func theFocusedChoiceIsSaidWithItsState() {
        #expect(ReadingScript.focusedChoice(1, of: Self.bikeQuestion, checked: true).parts
            == ["B, cochée.", "roules sur le trottoir."])
        #expect(ReadingScript.focusedChoice(0, of: Self.bikeQuestion, checked: false).parts
            == ["A, non cochée.", "roules à droite."])
        #expect(ReadingScript.focusedChoice(9, of: Self.bikeQuestion, checked: false).parts.isEmpty)
    }

    @Test func aCorrectionSaysTheVerdictTheAnswerTheExplanationAndTheReference() {
        #expect(ReadingScript.correction(Self.bikeQuestion, selection: [0]).parts == [
            "Incorrect.", "Réponse attendue : A, C.", "Le vélo roule sur la chaussée.",
            "Code de la route, article R 412 tiret 43 tiret 1.",
        ])
        #expect(ReadingScript.correction(Self.bikeQuestion, selection: [0, 2]).parts.first == "Correct.")
        #expect(ReadingScript.correction(Self.bikeQuestion.withoutKey(), selection: [0]).parts.isEmpty)
    }

    @Test func timeLeftIsAnnouncedWhenTheCountdownCrossesThirtyAndTenSeconds() {
        func due(_ before: Double, _ now: Double) -> Int? {
            TimeAnnouncement.due(previous: .milliseconds(Int(before * 1000)), current: .milliseconds(Int(now * 1000)))
        }
        #expect(due(30.2, 29.9) == 30)  // 0:31 → 0:30 on screen
        #expect(due(30.0, 29.5) == nil)  // already said at 0:30
        #expect(due(10.4, 9.8) == 10)
        #expect(due(40, 8) == 10)  // a late wake-up crossed both: only the nearest
        #expect(due(45, 45) == nil)  // the start of a phase
        #expect(due(0.5, 0) == nil)
    }
}

@Suite struct SpokenTextTests {
    @Test func unitsAreWrittenOutWithFrenchAgreement() {
        #expect(SpokenText.clean("rouler à 50 km/h ou à 1 km/h") == "rouler à 50 kilomètres heure ou à 1 kilomètre heure")
        #expect(SpokenText.clean("0,5 g/l de sang, soit 0,25 mg/l d'air") == "0,5 gramme par litre de sang, soit 0,25 milligramme par litre d'air")
        #expect(SpokenText.clean("au moins 1,50 m, 1 m ou 50 cm") == "au moins 1,50 mètre, 1 mètre ou 50 centimètres")
        #expect(SpokenText.clean("un scooter de 50 cm³, à 180 m, en 15 s, 30 °C") == "un scooter de 50 centimètres cubes, à 180 mètres, en 15 secondes, 30 degrés")
        #expect(SpokenText.clean("la vitesse en km/h") == "la vitesse en kilomètres heure")
        #expect(SpokenText.clean("0,2 g par litre de sang") == "0,2 gramme par litre de sang")
    }

    @Test func abbreviationsAndCodeReferencesBecomeReadable() {
        #expect(SpokenText.clean("Code de la route, art. R412-34 et R412-43-1") == "Code de la route, article R 412 tiret 34 et R 412 tiret 43 tiret 1")
        #expect(SpokenText.clean("art. L235-1") == "article L 235 tiret 1")
        #expect(SpokenText.clean("le n° 15") == "le numéro 15")
    }

    @Test func quotesSpacesAndLineBreaksAreTidied() {
        #expect(SpokenText.clean("Le panneau « Stop »\u{00A0}!\nIl faut  s'arrêter .") == "Le panneau Stop ! Il faut s'arrêter.")
        #expect(SpokenText.sentence("sans point final") == "sans point final.")
        #expect(SpokenText.sentence("avec deux-points :") == "avec deux-points :")
    }

    @Test func illustrationLinesAreSkippedButProseWithNumbersIsKept() {
        #expect(SpokenText.isIllustration("   __o"))
        #expect(SpokenText.isIllustration(" _`\\<,_"))
        #expect(SpokenText.isIllustration("(*)/ (*)"))
        #expect(SpokenText.isIllustration("┌──────┐"))
        #expect(SpokenText.isIllustration("|  [voiture] ====> |  ==== |"))
        #expect(!SpokenText.isIllustration("Le panneau [STOP] est à droite."))  // more text than symbols
        #expect(!SpokenText.isIllustration("1,50 m."))
        #expect(!SpokenText.isIllustration("0,5 g/l (soit 0,25 mg/l)."))
        #expect(!SpokenText.isIllustration("R412-43-1"))
        #expect(SpokenText.clean("Avant.\n  ||  ||\n==++==\nAprès.") == "Avant. Après.")
    }
}

@Suite struct ReadingTimeTests {
    @Test func theEstimateFollowsTheRateAndTheLength() {
        let text = "Tu roules à vélo sur une route de campagne, la nuit. Une voiture arrive derrière toi."
        let slow = ReadingTime.estimate(text, wordsPerMinute: 120)
        let fast = ReadingTime.estimate(text, wordsPerMinute: 240)
        #expect(slow > fast)
        // Everything scales with the rate: twice as fast, half as long (to the millisecond rounding).
        #expect(abs((slow - fast * 2).millisecondsValue) <= 2)
        #expect(ReadingTime.estimate(text + " " + text, wordsPerMinute: 160) > ReadingTime.estimate(text, wordsPerMinute: 160))
        #expect(ReadingTime.estimate("", wordsPerMinute: 160) == .zero)
    }

    @Test func punctuationAddsPauses() {
        let plain = ReadingTime.estimate("un deux trois quatre", wordsPerMinute: 175)
        let commas = ReadingTime.estimate("un, deux, trois, quatre", wordsPerMinute: 175)
        let stops = ReadingTime.estimate("un. deux. trois. quatre.", wordsPerMinute: 175)
        #expect(plain < commas)
        #expect(commas < stops)
        #expect(abs((stops - plain - .milliseconds(4 * 500)).millisecondsValue) <= 1)
    }

    @Test func numbersCountAsTheWordsThatAreSaid() {
        #expect(ReadingTime.estimate("412", wordsPerMinute: 160) > ReadingTime.estimate("4", wordsPerMinute: 160))
        #expect(ReadingTime.Features("0,5").words == 3)  // zéro virgule cinq
        #expect(ReadingTime.Features("0,5").commaBreaks == 0)
        #expect(FrenchNumber.words(412) == ["quatre", "cent", "douze"])
        #expect(FrenchNumber.words(71) == ["soixante", "onze"])
        #expect(FrenchNumber.words(80) == ["quatre", "vingts"])
        #expect(FrenchNumber.words(91) == ["quatre", "vingt", "onze"])
        #expect(FrenchNumber.words(21) == ["vingt", "et", "un"])
        #expect(FrenchNumber.words(2000) == ["deux", "mille"])
    }

    @Test func syllablesFollowFrenchSpelling() {
        #expect(ReadingTime.syllables(in: "trottinette") == 3)
        #expect(ReadingTime.syllables(in: "électrique") == 3)
        #expect(ReadingTime.syllables(in: "cochée") == 2)
        #expect(ReadingTime.syllables(in: "B") == 1)
    }
}
