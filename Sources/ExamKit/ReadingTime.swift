/// How long a synthesizer takes to say a text at a rate, computed from the text (never measured
/// by waiting): syllables at the rate, plus the pauses at punctuation, both shortening as the rate
/// goes up.
///
/// The constants come from espeak-ng 1.51's French voice: a least-squares fit over the question
/// and correction scripts of every question of Content/banks at 120, 160, 200 and 260 words per
/// minute (2,144 renderings), then made 4 % longer so that the answering timer starts after the
/// voice has finished rather than before. Measured over that set, the real duration is 0.81 to
/// 1.08 times the estimate (median 0.95); `docs/lecture.md` says more.
public enum ReadingTime {
    /// Syllables said per "word" of the rate.
    static let syllablesPerWord = 2.23
    /// Pause after a full stop, question or exclamation mark, colon or semicolon, in seconds at
    /// `referenceRate` words per minute.
    static let sentencePause = 0.50
    /// Pause after a comma or a bracket, in seconds at `referenceRate` words per minute.
    static let commaPause = 0.22
    /// espeak-ng's default rate, at which the pauses above are measured.
    static let referenceRate = 175.0

    public static func estimate(_ text: String, wordsPerMinute: Int) -> Duration {
        let rate = Double(max(1, wordsPerMinute))
        let features = Features(text)
        let speech = Double(features.syllables) / syllablesPerWord * 60 / rate
        let pauses = (Double(features.sentenceBreaks) * sentencePause + Double(features.commaBreaks) * commaPause)
            * referenceRate / rate
        let seconds = speech + pauses
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }

    /// What the estimate counts in a text.
    struct Features: Sendable, Hashable {
        var words = 0
        var syllables = 0
        var sentenceBreaks = 0
        var commaBreaks = 0

        init(_ text: String) {
            var word = ""
            func endWord() {
                guard !word.isEmpty else { return }
                if word.allSatisfy(\.isNumber) {
                    let spelled = FrenchNumber.words(Int(word) ?? 0)
                    words += spelled.count
                    syllables += spelled.reduce(0) { $0 + ReadingTime.syllables(in: $1) }
                } else {
                    words += 1
                    syllables += ReadingTime.syllables(in: word)
                }
                word = ""
            }
            var previous: Character = " "
            for character in text {
                if character.isLetter || character.isNumber {
                    word.append(character)
                } else {
                    endWord()
                    // A comma right after a digit is a decimal comma, said "virgule".
                    if character == ",", previous.isNumber {
                        words += 1
                        syllables += 2
                        previous = character
                        continue
                    }
                    switch character {
                    case ".", "!", "?", ":", ";", "…": sentenceBreaks += 1
                    case ",", "(", ")": commaBreaks += 1
                    default: break
                    }
                }
                previous = character
            }
            endWord()
        }
    }

    /// Vowel groups, less a final mute "e" or "es" (French spelling).
    static func syllables(in word: String) -> Int {
        let lower = word.lowercased()
        if lower.count == 1 { return 1 }  // a letter alone ("A", "B") or "y", "a", "à"
        var groups = 0
        var inVowels = false
        for character in lower {
            let vowel = "aeiouyàâäéèêëîïôöùûüÿœæ".contains(character)
            if vowel && !inVowels { groups += 1 }
            inVowels = vowel
        }
        if groups > 1, lower.hasSuffix("e") || lower.hasSuffix("es"),
           !lower.hasSuffix("ée") && !lower.hasSuffix("ées") {
            groups -= 1
        }
        return max(1, groups)
    }
}

/// French number words, as a synthesizer says them ("412" → quatre cent douze).
enum FrenchNumber {
    private static let small = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                                "onze", "douze", "treize", "quatorze", "quinze", "seize"]

    static func words(_ number: Int) -> [String] {
        switch number {
        case ..<0: return ["moins"] + words(-number)
        case 0...16: return [small[number]]
        case 17...19: return ["dix", small[number - 10]]
        case 20...99: return tens(number)
        case 100...999:
            let (hundreds, rest) = (number / 100, number % 100)
            let head = hundreds == 1 ? ["cent"] : [small[hundreds], "cent"]
            return rest == 0 ? head : head + words(rest)
        case 1000...999_999:
            let (thousands, rest) = (number / 1000, number % 1000)
            let head = thousands == 1 ? ["mille"] : words(thousands) + ["mille"]
            return rest == 0 ? head : head + words(rest)
        default:
            // Long digit strings are read in groups; roughly three words per three digits.
            return Array(repeating: "chiffre", count: String(number).count)
        }
    }

    private static func tens(_ number: Int) -> [String] {
        let (ten, unit) = (number / 10, number % 10)
        switch ten {
        case 7: return ["soixante"] + words(10 + unit)
        case 9: return ["quatre", "vingt"] + words(10 + unit)
        case 8: return unit == 0 ? ["quatre", "vingts"] : ["quatre", "vingt"] + words(unit)
        default:
            let name = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"][ten]
            if unit == 0 { return [name] }
            return unit == 1 ? [name, "et", "un"] : [name] + words(unit)
        }
    }
}
