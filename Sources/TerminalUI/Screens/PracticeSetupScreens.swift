import ExamKit

/// Screens 9 and 10 before the first question: who practises, which bank, which themes.
enum PracticeSetupFlow {
    /// « M'entraîner » or « Me tester » from the home screen: who, then which bank.
    static func begin(_ mode: PracticeResult.Mode, context: AppContext) -> Step {
        guard let library = context.library else { return .none }
        if library.profileNames.isEmpty { return .go(.practiceName(PracticeNameScreen(mode: mode))) }
        var screen = PracticeProfileScreen(mode: mode)
        if let current = context.practiceProfile, let index = library.profileNames.firstIndex(of: current) { screen.focus = index }
        return .go(.practiceProfile(screen))
    }

    /// A profile chosen (or typed): on to the banks, or straight into the practice the command line asked for.
    static func use(profile name: String, mode: PracticeResult.Mode, bank: Int = 0, at now: MonotonicInstant,
                    context: inout AppContext) -> Step {
        context.practiceProfile = name
        if mode == .practice, let request = context.practiceRequest {
            context.practiceRequest = nil
            var screen = PracticeThemesScreen(mode: .practice, bank: request.bank)
            screen.themes = request.themes
            let started = screen.themes.isEmpty ? .none : screen.start(at: now, context: context)
            return started.next == nil ? .go(.practiceThemes(screen)) : started
        }
        return .go(.practiceBank(PracticeBankScreen(mode: mode, focus: bank)))
    }

    /// `epreuve practice [--prenom P] [--bank B] [--themes a,b]`: straight in, as far as the arguments go.
    static func open(profileName: String?, bank: String?, themes: [String], at now: MonotonicInstant,
                     context: inout AppContext) -> Step {
        guard let library = context.library else { return .none }
        if let bank, let index = library.banks.firstIndex(where: { $0.id == library.bank(named: bank)?.id }) {
            let known = Set(library.banks[index].themes(order: library.themes).map(\.id))
            context.practiceRequest = (index, Set(themes).intersection(known))
        }
        let begun = begin(.practice, context: context)
        guard let profileName, !profileName.isEmpty else { return begun }
        return begun.then(use(profile: profileName, mode: .practice, at: now, context: &context))
    }

    static func title(_ mode: PracticeResult.Mode, context: AppContext) -> String {
        let name = Strings.modeName(mode)
        guard let profile = context.practiceProfile else { return name }
        return "\(name) — \(profile)"
    }

    /// The way back from the bank menu or the first-name form.
    static func backToProfiles(_ mode: PracticeResult.Mode, context: AppContext) -> Step {
        guard let library = context.library, !library.profileNames.isEmpty else { return .go(.home(HomeScreen())) }
        return .go(.practiceProfile(PracticeProfileScreen(mode: mode)))
    }
}

/// « Qui s'entraîne ? »: the local profiles.
struct PracticeProfileScreen: ScreenModel {
    var mode: PracticeResult.Mode
    var focus = 0

    var screen: Screen { .practiceProfile(self) }

    func buttonLabels(context: AppContext) -> [String] {
        (context.library?.profileNames ?? []) + [Strings.newProfile, Strings.back]
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let names = context.library?.profileNames ?? []
        let count = names.count + 2
        if let moved = ButtonFocus.move(focus, key: key, count: count, vertical: true) {
            focus = moved
            return .none
        }
        switch key {
        case .escape: return .go(.home(HomeScreen()))
        case .enter where focus < names.count: return PracticeSetupFlow.use(profile: names[focus], mode: mode, at: now, context: &context)
        case .enter where focus == names.count: return .go(.practiceName(PracticeNameScreen(mode: mode)))
        case .enter: return .go(.home(HomeScreen()))
        default: return .none
        }
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.modeName(mode), in: column)
        frame.put(Strings.whoIsPracticing, x: column.left, y: 4, role: .text)
        frame.drawMenu(buttonLabels(context: context), focus: focus, x: column.left, y: 6, width: column.width)
        frame.drawHelp(Strings.helpMenu, in: column)
    }
}

/// « Votre prénom »: a new local profile.
struct PracticeNameScreen: ScreenModel {
    var mode: PracticeResult.Mode
    var name = TextField(.firstName)
    var message: String?
    var focus = 0

    var screen: Screen { .practiceName(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.validate, Strings.back] }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        if let moved = ButtonFocus.move(focus, key: key, count: 2, vertical: false) {
            focus = moved
            return .none
        }
        switch key {
        case let .character(character):
            if name.type(character) { message = nil }
        case .backspace:
            name.backspace()
            message = nil
        case .escape:
            return PracticeSetupFlow.backToProfiles(mode, context: context)
        case .enter where focus == 1:
            return PracticeSetupFlow.backToProfiles(mode, context: context)
        case .enter:
            return submit(at: now, context: &context)
        default:
            break
        }
        return .none
    }

    private mutating func submit(at now: MonotonicInstant, context: inout AppContext) -> Step {
        let typed = name.text.trimmingSpaces
        guard !typed.isEmpty else {
            message = Strings.firstNameEmpty
            return .none
        }
        let known = context.library?.profileNames.first { $0.lowercased() == typed.lowercased() }
        if known == nil { context.library?.profileNames.append(typed) }
        let remember: [AppEffect] = known == nil ? [.rememberPracticeProfile(name: typed)] : []
        return Step.effects(remember).then(PracticeSetupFlow.use(profile: known ?? typed, mode: mode, at: now, context: &context))
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(Strings.modeName(mode), in: column)
        frame.put(Strings.firstName, x: column.left, y: 4, role: .text)
        let y = frame.drawParagraph(Strings.firstNameHint, x: column.left, y: 5, width: column.width, role: .muted) + 1
        frame.drawField(name, x: column.left, y: y, active: true)
        if let message { frame.drawParagraph(message, x: column.left, y: y + 2, width: column.width, role: .incorrect) }
        frame.drawButtons(buttonLabels(context: context), focus: focus, x: column.left, y: y + 5)
        frame.drawHelp(Strings.helpField, in: column)
    }
}

/// « Quelle attestation préparez-vous ? »: one bank per attestation.
struct PracticeBankScreen: ScreenModel {
    var mode: PracticeResult.Mode
    var focus = 0
    var message: String?

    var screen: Screen { .practiceBank(self) }

    func buttonLabels(context: AppContext) -> [String] {
        (context.library?.banks ?? []).map(\.label) + [Strings.back]
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        let banks = context.library?.banks ?? []
        if let moved = ButtonFocus.move(focus, key: key, count: banks.count + 1, vertical: true) {
            focus = moved
            return .none
        }
        switch key {
        case .escape: return PracticeSetupFlow.backToProfiles(mode, context: context)
        case .enter where focus < banks.count: return choose(focus, at: now, context: context)
        case .enter: return PracticeSetupFlow.backToProfiles(mode, context: context)
        default: return .none
        }
    }

    private mutating func choose(_ index: Int, at now: MonotonicInstant, context: AppContext) -> Step {
        guard let library = context.library, let profile = context.practiceProfile else { return .none }
        guard mode == .selfTest else { return .go(.practiceThemes(PracticeThemesScreen(mode: mode, bank: index))) }
        do {
            let run = try PracticeRun.selfTest(profileName: profile, bank: library.banks[index], themeOrder: context.themeOrder,
                                               readingWordsPerMinute: context.practiceReadingRate, at: now)
            return PracticeQuestionScreen.open(run)
        } catch {
            message = Strings.selfTestImpossible(FileProblem.describe(error))
            return .none
        }
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        frame.drawHeader(PracticeSetupFlow.title(mode, context: context), in: column)
        frame.put(Strings.chooseBank, x: column.left, y: 4, role: .text)
        let banks = context.library?.banks ?? []
        let labels = buttonLabels(context: context).enumerated().map { index, label in
            banks.indices.contains(index)
                ? TextLayout.truncate("\(label) — \(banks[index].profile.title)", width: column.width - 4) : label
        }
        frame.drawMenu(labels, focus: focus, x: column.left, y: 6, width: column.width)
        if let message {
            frame.drawParagraph(message, x: column.left, y: 7 + labels.count, width: column.width, role: .incorrect)
        }
        frame.drawHelp(Strings.helpMenu, in: column)
    }
}

/// « Choisissez un ou plusieurs thèmes », and whether to time the questions.
struct PracticeThemesScreen: ScreenModel {
    var mode: PracticeResult.Mode
    var bank: Int
    var themes: Set<String> = []
    var timed = false
    /// Theme rows then the « chronométré » row.
    var row = 0
    var focus = 0
    var message: String?

    var screen: Screen { .practiceThemes(self) }

    func buttonLabels(context: AppContext) -> [String] { [Strings.startPractice, Strings.back] }

    private func bankThemes(_ context: AppContext) -> [Theme] {
        guard let library = context.library, library.banks.indices.contains(bank) else { return [] }
        return library.banks[bank].themes(order: library.themes)
    }

    mutating func handle(_ key: Key, at now: MonotonicInstant, context: inout AppContext) -> Step {
        switch key {
        case .up, .down:
            let rows = bankThemes(context).count + 1
            row = key == .up ? max(0, row - 1) : min(rows - 1, row + 1)
        case .character(" "):
            toggleRow(context)
        case .escape:
            return back
        case .enter:
            return focus == 0 ? start(at: now, context: context) : back
        default:
            focus = ButtonFocus.move(focus, key: key, count: 2, vertical: false) ?? focus
        }
        return .none
    }

    private var back: Step { .go(.practiceBank(PracticeBankScreen(mode: mode, focus: bank))) }

    private mutating func toggleRow(_ context: AppContext) {
        let shown = bankThemes(context)
        if shown.indices.contains(row) {
            let id = shown[row].id
            if themes.contains(id) { themes.remove(id) } else { themes.insert(id) }
        } else {
            timed.toggle()
        }
        message = nil
    }

    /// « Commencer l'entraînement »: the first question of the chosen themes.
    mutating func start(at now: MonotonicInstant, context: AppContext) -> Step {
        guard let library = context.library, let profile = context.practiceProfile, !themes.isEmpty,
              let run = PracticeRun.practice(profileName: profile, bank: library.banks[bank], themes: themes, timed: timed,
                                             readingWordsPerMinute: context.practiceReadingRate, at: now)
        else {
            message = Strings.chooseAtLeastOneTheme
            return .none
        }
        return PracticeQuestionScreen.open(run)
    }

    func render(into frame: inout Frame, _ column: Column, context: AppContext, at now: MonotonicInstant) {
        guard let library = context.library, library.banks.indices.contains(bank) else { return }
        let chosen = library.banks[bank]
        frame.drawHeader("\(PracticeSetupFlow.title(mode, context: context)) · \(chosen.label)", in: column)
        let shown = bankThemes(context)
        let rowCount = shown.count + 1
        // A blank line after the heading when the screen has room for it.
        let top = frame.height - 4 >= 6 + rowCount + 1 ? 6 : 5
        frame.put(Strings.chooseThemes, x: column.left, y: 4, role: .text)
        for index in 0..<rowCount {
            let checked: Bool
            let label: String
            if shown.indices.contains(index) {
                checked = themes.contains(shown[index].id)
                label = Strings.themeRow(shown[index].label, questions: chosen.questions.count { $0.theme == shown[index].id })
            } else {
                checked = timed
                label = Strings.timedRow(seconds: chosen.profile.answerSeconds)
            }
            let focused = index == row
            let role: ThemeRole = focused ? .choiceFocus : checked ? .choiceSelected : .choice
            if role != .choice { frame.fill(x: column.left, y: top + index, width: column.width, height: 1, role: role) }
            let text = "\(focused ? "›" : " ") \(checked ? "[x]" : "[ ]") \(label)"
            frame.put(TextLayout.truncate(text, width: column.width), x: column.left, y: top + index, role: role)
        }
        let buttonsRow = min(frame.height - 3, top + rowCount + 1)
        frame.drawButtons(buttonLabels(context: context), focus: focus, x: column.left, y: buttonsRow)
        if let message { frame.put(TextLayout.truncate(message, width: column.width), x: column.left, y: buttonsRow + 1, role: .incorrect) }
        frame.drawHelp(Strings.helpThemes, in: column)
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
