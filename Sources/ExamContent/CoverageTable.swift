import ExamKit

/// The per-bank table printed by `content check`: questions per theme, single / multiple.
public enum CoverageTable {
    public static func render(catalog: Catalog) -> String {
        var lines: [String] = []
        for bankId in catalog.banks.keys.sorted() {
            guard let bank = catalog.banks[bankId] else { continue }
            let users = catalog.profiles.filter { $0.bank == bankId }.map(\.id)
            let usedBy = users.isEmpty ? "aucun profil" : users.joined(separator: ", ")
            lines.append("Banque \(bankId) (\(usedBy)) : \(bank.questions.count) questions")
            let width = max(28, catalog.themes.map { $0.label.count }.max() ?? 0)
            lines.append(pad("Thème", width) + leftPad("Questions", 11) + leftPad("Unique", 8) + leftPad("Multiple", 10))
            var totals = (0, 0, 0)
            for theme in catalog.themes {
                let questions = bank.questions(inTheme: theme.id)
                let multiple = questions.count { $0.expectsSeveralAnswers }
                totals.0 += questions.count
                totals.1 += questions.count - multiple
                totals.2 += multiple
                lines.append(pad(theme.label, width) + leftPad("\(questions.count)", 11)
                    + leftPad("\(questions.count - multiple)", 8) + leftPad("\(multiple)", 10))
            }
            lines.append(pad("Total", width) + leftPad("\(totals.0)", 11) + leftPad("\(totals.1)", 8) + leftPad("\(totals.2)", 10))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
