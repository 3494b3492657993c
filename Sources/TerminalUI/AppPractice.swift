import ExamKit

/// What practice screens' buttons and menu items do.
enum PracticeAction: Sendable, Hashable {
    case chooseProfile(Int), newProfile, submitName
    case chooseBank(Int), backToProfiles
    case startPractice, backToBanks
    case nextQuestion, endPractice
    case showCorrection, backToStatistics, leave
}

/// Choices made before a practice or self-test starts.
struct PracticeSetup: Sendable, Hashable {
    var mode: PracticeResult.Mode = .practice
    var bank = 0
    var themes: Set<String> = []
    var timed = false
    /// Theme rows then the « chronométré » row.
    var row = 0
    var name = TextField(.firstName)
}

/// Practice (screen 9), self-test (screen 10) and the correction of training sessions.
extension TerminalApp {
    /// Gives the interface the local content and profiles: « M'entraîner » and « Me tester » need them.
    public mutating func enablePractice(_ library: PracticeLibrary) {
        self.library = library
    }

    /// `epreuve practice [--bank B] [--themes a,b]`: straight into practice, as far as the arguments go.
    public mutating func openPractice(profileName: String?, bank: String?, themes: [String], at now: MonotonicInstant) -> [AppEffect] {
        guard let library else { return [] }
        var effects = beginPracticeSetup(.practice)
        if let profileName, !profileName.isEmpty {
            effects += usePracticeProfile(profileName)
        } else {
            return effects
        }
        guard let bank, let index = library.banks.firstIndex(where: { $0.id == library.bank(named: bank)?.id }) else { return effects }
        effects += performPractice(.chooseBank(index), at: now)
        let known = Set(library.banks[index].themes(order: library.themes).map(\.id))
        practiceSetup.themes = Set(themes).intersection(known)
        if !practiceSetup.themes.isEmpty { effects += performPractice(.startPractice, at: now) }
        return effects
    }

    var themeOrder: [String] {
        library?.themes.map(\.id) ?? configuration.themeLabels.sorted { $0.value < $1.value }.map(\.key)
    }

    func themeLabel(_ id: String) -> String {
        configuration.themeLabels[id] ?? library?.themes.first { $0.id == id }?.label ?? id
    }

    var practiceBankThemes: [Theme] {
        guard let library, library.banks.indices.contains(practiceSetup.bank) else { return [] }
        return library.banks[practiceSetup.bank].themes(order: library.themes)
    }

    var practiceButtons: [Button] {
        let names = library?.profileNames ?? []
        switch stage {
        case .practiceProfile:
            return names.enumerated().map { Button(label: $1, action: .practice(.chooseProfile($0))) }
                + [Button(label: Strings.newProfile, action: .practice(.newProfile)), Button(label: Strings.back, action: .backToHome)]
        case .practiceName:
            return [Button(label: Strings.validate, action: .practice(.submitName)),
                    Button(label: Strings.back, action: names.isEmpty ? .backToHome : .practice(.backToProfiles))]
        case .practiceBank:
            return (library?.banks ?? []).enumerated().map { Button(label: $1.label, action: .practice(.chooseBank($0))) }
                + [Button(label: Strings.back, action: .practice(.backToProfiles))]
        case .practiceThemes:
            return [Button(label: Strings.startPractice, action: .practice(.startPractice)),
                    Button(label: Strings.back, action: .practice(.backToBanks))]
        case .practiceQuestion:
            guard let practice, practice.mode == .practice, practice.corrected else { return [] }
            return (practice.queue.isEmpty ? [] : [Button(label: Strings.nextQuestion, action: .practice(.nextQuestion))])
                + [Button(label: Strings.endPractice, action: .practice(.endPractice))]
        case .practiceResults:
            return [Button(label: Strings.showCorrection, action: .practice(.showCorrection)),
                    Button(label: Strings.finish, action: .practice(.leave))]
        case .practiceCorrection:
            return [Button(label: Strings.backToStatistics, action: .practice(.backToStatistics))]
        default:
            return []
        }
    }

    /// Practice stages are menus (profile, bank) or forms (name, themes); Tab and Enter as everywhere.
    mutating func handlePracticeKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        if stage == .practiceQuestion { return handlePracticeQuestionKey(key, at: now) }
        let count = buttons.count
        let isMenu = stage == .practiceProfile || stage == .practiceBank
        switch key {
        case .tab:
            if count > 0 { focus = (focus + 1) % count }
        case .backTab:
            if count > 0 { focus = (focus + count - 1) % count }
        case .up, .down:
            if isMenu, count > 0 {
                focus = key == .up ? max(0, focus - 1) : min(count - 1, focus + 1)
            } else if stage == .practiceThemes {
                let rows = practiceBankThemes.count + 1
                practiceSetup.row = key == .up ? max(0, practiceSetup.row - 1) : min(rows - 1, practiceSetup.row + 1)
            } else if stage == .practiceCorrection {
                reviewScroll = min(maxReviewScroll, max(0, reviewScroll + (key == .up ? -1 : 1)))
            }
        case .left, .right:
            guard !isMenu, count > 0 else { return [] }
            focus = key == .left ? max(0, focus - 1) : min(count - 1, focus + 1)
        case .character(" ") where stage == .practiceThemes:
            togglePracticeRow()
        case .character(" ") where stage == .practiceCorrection:
            reviewScroll = min(maxReviewScroll, reviewScroll + 10)
        case let .character(character) where stage == .practiceName:
            if practiceSetup.name.type(character) { message = nil }
        case .backspace where stage == .practiceName:
            practiceSetup.name.backspace()
            message = nil
        case .enter:
            guard buttons.indices.contains(focus) else { return [] }
            return perform(buttons[focus].action, at: now)
        case .escape:
            switch stage {
            case .practiceProfile: return perform(.backToHome, at: now)
            case .practiceName, .practiceBank, .practiceThemes:
                if let back = buttons.last { return perform(back.action, at: now) }
            case .practiceCorrection: return performPractice(.backToStatistics, at: now)
            default: break
            }
        default:
            break
        }
        return []
    }

    /// The last scroll position worth keeping, for an 80-column terminal at its smallest height
    /// (the view clamps again for the real size).
    private var maxReviewScroll: Int {
        guard let review else { return 0 }
        return max(0, allCorrectionLines(review, width: 76).count - (minimumHeight - 7))
    }

    private mutating func togglePracticeRow() {
        let themes = practiceBankThemes
        if themes.indices.contains(practiceSetup.row) {
            let id = themes[practiceSetup.row].id
            if practiceSetup.themes.contains(id) { practiceSetup.themes.remove(id) } else { practiceSetup.themes.insert(id) }
        } else {
            practiceSetup.timed.toggle()
        }
        message = nil
    }

    /// Letters, arrows and Space answer; Enter validates (practice); T ends (practice).
    private mutating func handlePracticeQuestionKey(_ key: Key, at now: MonotonicInstant) -> [AppEffect] {
        guard var run = practice else { return [] }
        if run.mode == .practice, key == .character("t") || key == .character("T") {
            return performPractice(.endPractice, at: now)
        }
        if run.corrected {
            let count = buttons.count
            switch key {
            case .tab, .right: focus = (focus + 1) % max(1, count)
            case .backTab, .left: focus = (focus + count - 1) % max(1, count)
            case .enter where buttons.indices.contains(focus): return perform(buttons[focus].action, at: now)
            default: break
            }
            return []
        }
        guard let question = run.attempt.currentQuestion else { return [] }
        switch key {
        case let .character(character):
            let index = character == " " ? choiceFocus : ChoiceLetter.index(of: character)
            guard let index, index < question.choices.count else { return [] }
            choiceFocus = index
            _ = run.attempt.choose(index, at: now)
        case .up:
            choiceFocus = max(0, choiceFocus - 1)
        case .down:
            choiceFocus = min(question.choices.count - 1, choiceFocus + 1)
        case .enter:
            guard run.mode == .practice, case .answering = run.attempt.phase else { return [] }
            _ = run.attempt.finish(at: now)
        default:
            break
        }
        practice = run
        return afterPracticeChange(at: now)
    }

    /// Deadlines of a timed practice question or of a self-test.
    mutating func tickPractice(at now: MonotonicInstant) -> [AppEffect] {
        guard stage == .practiceQuestion, var run = practice, !run.corrected else { return [] }
        let events = run.attempt.update(at: now)
        guard !events.isEmpty else { return [] }
        if events.contains(where: { if case .answeringStarted = $0 { true } else { false } }) { choiceFocus = 0 }
        practice = run
        return afterPracticeChange(at: now)
    }

    /// A closed practice question shows its correction; a finished self-test shows its results.
    private mutating func afterPracticeChange(at now: MonotonicInstant) -> [AppEffect] {
        guard var run = practice, run.attempt.isFinished else { return [] }
        if run.mode == .practice {
            run.correctCurrent()
            practice = run
            focus = 0
            return []
        }
        return showPracticeResults()
    }

    mutating func performPractice(_ action: PracticeAction, at now: MonotonicInstant) -> [AppEffect] {
        // The correction of a training session needs no practice content.
        let library = self.library ?? PracticeLibrary(banks: [], themes: [], profileNames: [])
        switch action {
        case let .chooseProfile(index):
            guard library.profileNames.indices.contains(index) else { return [] }
            return usePracticeProfile(library.profileNames[index])
        case .newProfile:
            practiceSetup.name = TextField(.firstName)
            go(to: .practiceName)
        case .submitName:
            let name = practiceSetup.name.text.trimmingSpaces
            guard !name.isEmpty else {
                message = Strings.firstNameEmpty
                return []
            }
            let known = library.profileNames.first { $0.lowercased() == name.lowercased() }
            if known == nil { self.library?.profileNames.append(name) }
            return (known == nil ? [.rememberPracticeProfile(name: name)] : []) + usePracticeProfile(known ?? name)
        case .backToProfiles:
            if library.profileNames.isEmpty { returnHome() } else { go(to: .practiceProfile) }
        case let .chooseBank(index):
            guard library.banks.indices.contains(index), let profileName = practiceProfile else { return [] }
            practiceSetup.bank = index
            if practiceSetup.mode == .selfTest {
                do {
                    practice = try PracticeRun.selfTest(profileName: profileName, bank: library.banks[index],
                                                        themeOrder: themeOrder, at: now)
                    choiceFocus = 0
                    go(to: .practiceQuestion)
                } catch {
                    message = Strings.selfTestImpossible("\(error)")
                }
                return []
            }
            practiceSetup.themes = []
            practiceSetup.row = 0
            go(to: .practiceThemes)
        case .backToBanks:
            go(to: .practiceBank)
            focus = practiceSetup.bank
        case .startPractice:
            guard let profileName = practiceProfile, !practiceSetup.themes.isEmpty,
                  let run = PracticeRun.practice(profileName: profileName, bank: library.banks[practiceSetup.bank],
                                                 themes: practiceSetup.themes, timed: practiceSetup.timed, at: now) else {
                message = Strings.chooseAtLeastOneTheme
                return []
            }
            practice = run
            choiceFocus = 0
            go(to: .practiceQuestion)
        case .nextQuestion:
            guard var run = practice, run.next(at: now) else { return [] }
            practice = run
            choiceFocus = 0
            focus = 0
        case .endPractice:
            return showPracticeResults()
        case .showCorrection:
            reviewReturn = stage
            reviewScroll = 0
            go(to: .practiceCorrection)
        case .backToStatistics:
            go(to: reviewReturn)
        case .leave:
            returnHome()
        }
        return []
    }

    /// « M'entraîner » or « Me tester » from the home screen: who, then which bank.
    mutating func beginPracticeSetup(_ mode: PracticeResult.Mode) -> [AppEffect] {
        guard let library else { return [] }
        practiceSetup = PracticeSetup(mode: mode)
        practice = nil
        review = nil
        if library.profileNames.isEmpty {
            go(to: .practiceName)
        } else {
            go(to: .practiceProfile)
            if let current = practiceProfile, let index = library.profileNames.firstIndex(of: current) { focus = index }
        }
        return []
    }

    private mutating func usePracticeProfile(_ name: String) -> [AppEffect] {
        practiceProfile = name
        go(to: .practiceBank)
        focus = practiceSetup.bank
        return []
    }

    private mutating func showPracticeResults() -> [AppEffect] {
        guard let run = practice else { return [] }
        let title = Strings.practiceTitle(mode: run.mode, name: run.profileName, bank: run.bank.label)
        let finished = run.review(title: title, themeOrder: themeOrder)
        review = finished
        practice = nil
        go(to: .practiceResults)
        guard !finished.outcomes.isEmpty else { return [] }
        return [.savePracticeResult(finished.result(mode: run.mode, profileName: run.profileName, bank: run.bank.label))]
    }

    /// A training session's package carries its key: once finished, its correction can be shown.
    mutating func prepareTrainingReview() {
        guard exam?.isTraining == true, let grant, let attempt, grant.questions.allSatisfy(\.hasKey) else {
            review = nil
            return
        }
        let outcomes = zip(grant.questions, attempt.selections).map { QuestionOutcome(question: $0, selected: $1) }
        review = Review(kind: .training, title: grant.examTitle, outcomes: outcomes, timeUsed: attempt.timeUsed,
                        themeOrder: themeOrder)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
