import ExamKit

/// `epreuve practice --stats`: each profile's sessions, then its per-theme totals.
public enum PracticeHistoryText {
    /// `date` formats a result's finishing date; `themeOrder` and `themeLabels` come from the content.
    public static func lines(_ results: [PracticeResult], themeOrder: [String], themeLabels: [String: String],
                             date: (PracticeResult) -> String) -> [String] {
        guard !results.isEmpty else { return [Strings.historyEmpty] }
        var out: [String] = []
        var names: [String] = []
        for result in results where !names.contains(result.profileName) { names.append(result.profileName) }
        for name in names {
            let mine = results.filter { $0.profileName == name }
            if !out.isEmpty { out.append("") }
            out.append(Strings.historyProfile(name, sessions: mine.count))
            for result in mine {
                let percent = result.questions == 0 ? 0 : Int((Double(result.right) * 100 / Double(result.questions)).rounded())
                var line = "  \(date(result))  \(TextLayout.pad(Strings.modeName(result.mode), 12)) \(TextLayout.pad(result.bank, 6)) "
                    + "\(TextLayout.padLeft("\(result.right)/\(result.questions)", 6)) (\(percent) %)  \(Strings.duration(result.durationMs))"
                let verdict = Strings.historyVerdict(result.passed)
                if !verdict.isEmpty { line += "  \(verdict)" }
                out.append(line)
            }
            var totals: [String: (questions: Int, right: Int)] = [:]
            for stat in mine.flatMap(\.themes) {
                totals[stat.theme, default: (0, 0)].questions += stat.questions
                totals[stat.theme, default: (0, 0)].right += stat.right
            }
            let ordered = themeOrder.filter { totals[$0] != nil } + totals.keys.filter { !themeOrder.contains($0) }.sorted()
            let stats = ordered.map { ThemeStat(theme: $0, questions: totals[$0]!.questions, right: totals[$0]!.right) }
            out.append("  " + Strings.historyByTheme)
            for stat in stats {
                out.append("    " + TextLayout.pad(themeLabels[stat.theme] ?? stat.theme, 28) + " "
                    + TextLayout.padLeft("\(stat.right)/\(stat.questions)", 7) + "  " + TextLayout.padLeft("\(stat.percent) %", 5)
                    + "  " + TextLayout.bar(fraction: Double(stat.percent) / 100, width: 20))
            }
            let weakest = ThemeStat.weakest(stats)
            let allRight = stats.allSatisfy { $0.right == $0.questions }
            out.append("  " + (!weakest.isEmpty ? Strings.toReview(weakest.map { themeLabels[$0.theme] ?? $0.theme })
                                : allRight ? Strings.nothingToReview : Strings.nothingBelowHalf))
        }
        return out
    }
}
