import ExamKit
import Foundation

extension ExamDocuments {
    /// The session's statistics on landscape A4: counts (Admis, Échoué, Absent), notes, success per
    /// theme and per class as bar charts, then tables of success per theme for each class and each
    /// candidate. A training is not an exam: its rapport gives notes and presence, never « Admis »
    /// or « Échoué ».
    public static func rapport(_ input: DocumentInput) throws(DocumentError) -> Document {
        try input.requireEstablishment("Rapport", [.name])
        try input.requireCandidates("Rapport")
        let figures = SessionFigures(input)
        let official = input.session.type != .entrainement
        var content: [Block] = [overview(figures, official: official), .spacer(14)]
        content += themeCharts(input, figures, official: official)
        content += [.pageBreak] + classTable(input, figures, official: official) + [.spacer(16)]
            + candidateTable(input, figures, official: official)
        let flow = Flow(paper: .a4Landscape, margins: Insets(vertical: mm(12), horizontal: mm(14)),
                        header: input.header("Rapport de l'épreuve"), footer: input.footer, content: content)
        return Document(title: "Rapport — épreuve \(input.session.number)", author: input.establishment.name,
                        sections: [.flow(flow)])
    }

    private static func overview(_ figures: SessionFigures, official: Bool) -> Block {
        var rows: [(String, String)] = [("Inscrits", "\(figures.registered)"), ("Présents", "\(figures.present)")]
        if official { rows += [("Admis", "\(figures.admitted)"), ("Échoué", "\(figures.failed)")] }
        rows.append(("Absent", "\(figures.absent)"))
        if figures.pending > 0 { rows.append(("Sans résultat", "\(figures.pending)")) }
        if official { rows.append(("Taux de réussite (admis / présents)", figures.successRate.map(French.percent) ?? "—")) }
        rows += [("Moyenne", figures.mean.map { SessionFigures.decimal($0) + "/20" } ?? "—"),
                 ("Médiane", figures.median.map { SessionFigures.decimal($0) + "/20" } ?? "—")]
        let counts = Table(columns: [.share(1.6), .share(1)], rows: rows.map { label, value in
            Table.Row([.text(label), Table.Cell(value, Styles.cellBold.with { $0.alignment = .right })])
        }, headerFill: nil)
        let outcomes = BarChart(bars: (official ? [
            .init("Admis", value: Double(figures.admitted), valueText: "\(figures.admitted)", color: .success),
            .init("Échoué", value: Double(figures.failed), valueText: "\(figures.failed)", color: .failure),
        ] : [
            .init("Présent", value: Double(figures.present), valueText: "\(figures.present)", color: .accent),
        ]) + [
            .init("Absent", value: Double(figures.absent), valueText: "\(figures.absent)", color: .gray(0.6)),
        ], maximum: Double(max(figures.registered, 1)), labelWidth: 60)
        let distribution = BarChart(bars: figures.distribution.map {
            .init("\($0.label)/20", value: Double($0.count), valueText: "\($0.count)")
        }, maximum: Double(max(figures.notes.count, 1)), labelWidth: 60)
        return .columns(Columns([
            .init(.share(1.1), [.text("Résultats", Styles.heading), .table(counts)]),
            .init(.share(1), [.text(official ? "Admis, échoué, absent" : "Présents, absents", Styles.heading),
                              .barChart(outcomes), .spacer(14),
                              .text("Répartition des notes", Styles.heading), .barChart(distribution)]),
        ], gap: 28))
    }

    private static func percentBar(_ label: String, _ stat: ThemeStat?) -> BarChart.Bar {
        guard let stat, stat.questions > 0 else { return .init(label, value: 0, valueText: "—") }
        return .init(label, value: Double(stat.percent), valueText: French.percent(stat.percent),
                     color: stat.percent >= 50 ? .accent : .warning)
    }

    private static func themeCharts(_ input: DocumentInput, _ figures: SessionFigures, official: Bool) -> [Block] {
        let totals = SessionFigures.themeTotals(input.candidates.filter { $0.result?.score != nil })
        let byClass = SessionFigures.classes(input.candidates).map { line -> BarChart.Bar in
            let label = "Classe \(line.className)"
            if official {
                guard let rate = line.successRate else { return .init(label, value: 0, valueText: "—") }
                return .init(label, value: Double(rate), valueText: French.percent(rate), color: rate >= 50 ? .success : .warning)
            }
            guard let mean = line.meanNote else { return .init(label, value: 0, valueText: "—") }
            return .init(label, value: mean * 5, valueText: SessionFigures.decimal(mean) + "/20", color: mean >= 10 ? .success : .warning)
        }
        return [.keepTogether([
            .columns(Columns([
                .init(.share(1.3), [
                    .text("Réussite par thème (bonnes réponses)", Styles.heading),
                    .barChart(BarChart(bars: figures.themes.map { percentBar($0.label, totals[$0.id]) }, maximum: 100, labelWidth: 150)),
                ]),
                .init(.share(1), [
                    .text(French.typeset(official ? "Taux d'admis par classe" : "Note moyenne par classe"), Styles.heading),
                    .barChart(BarChart(bars: byClass, maximum: 100, labelWidth: 70)),
                ]),
            ], gap: 28)),
        ])]
    }

    private static func percentCell(_ stat: ThemeStat?) -> Table.Cell {
        guard let stat, stat.questions > 0 else { return Table.Cell("—", Styles.cell.with { $0.alignment = .center; $0.color = .muted }) }
        return Table.Cell(French.percent(stat.percent), Styles.cell.with {
            $0.alignment = .center
            $0.color = stat.percent >= 50 ? .black : .failure
        })
    }

    private static func themeHeaders(_ figures: SessionFigures) -> [Table.Cell] {
        figures.themes.map {
            Table.Cell($0.label, TextStyle(family: .sansCondensed, size: 7, bold: true, alignment: .center, fit: .wrapWords(minSize: 5)))
        }
    }

    private static func classTable(_ input: DocumentInput, _ figures: SessionFigures, official: Bool) -> [Block] {
        let rows = SessionFigures.classes(input.candidates).map { line -> Table.Row in
            let outcome: [Table.Cell] = official
                ? [.text("\(line.admitted)"), Table.Cell(line.successRate.map(French.percent) ?? "—", Styles.cellBold)]
                : [Table.Cell(line.meanNote.map { SessionFigures.decimal($0) + "/20" } ?? "—", Styles.cellBold)]
            return Table.Row([Table.Cell(line.className, Styles.cellBold), .text("\(line.members.count)"),
                              .text("\(line.present.count)")] + outcome
                + figures.themes.map { percentCell(line.themes[$0.id]) }, minHeight: 18)
        }
        let outcomeColumns: [ColumnWidth] = official ? [.points(38), .points(44)] : [.points(54)]
        let outcomeHeaders: [Table.Cell] = official ? [.header("Admis"), .header("Taux")] : [.header("Moyenne")]
        let table = Table(
            columns: [.points(50), .points(42), .points(42)] + outcomeColumns + figures.themes.map { _ in .share(1) },
            header: Table.Row([.header("Classe"), .header("Inscrits"), .header("Présents")] + outcomeHeaders + themeHeaders(figures)),
            rows: rows, zebra: .gray(0.965))
        return [.text("Réussite par thème et par classe", Styles.heading), .table(table)]
    }

    private static func candidateTable(_ input: DocumentInput, _ figures: SessionFigures, official: Bool) -> [Block] {
        let rows = French.alphabetical(input.candidates).map { candidate -> Table.Row in
            let stats = Dictionary(candidate.themes.map { ($0.theme, $0) }, uniquingKeysWith: { first, _ in first })
            let verdict = candidate.result?.verdict
            let verdictColor: Color = verdict == .admis ? .success : verdict == .echoue ? .failure : .muted
            let verdictText = official || verdict == .absent ? verdict?.label ?? "—" : ""
            return Table.Row([
                Table.Cell(candidate.displayName, Styles.nameCell),
                .text(candidate.className),
                Table.Cell(candidate.extraTime ? "✓" : "", Styles.cellBold.with { $0.alignment = .center }),
                Table.Cell(candidate.result?.note ?? "—", Styles.cellBold.with { $0.alignment = .center }),
                Table.Cell(verdictText, Styles.cellBold.with { $0.color = verdictColor }),
            ] + figures.themes.map { theme in
                guard let stat = stats[theme.id], stat.questions > 0 else {
                    return Table.Cell("—", Styles.cell.with { $0.alignment = .center; $0.color = .muted })
                }
                return Table.Cell("\(stat.right)/\(stat.questions)", Styles.cell.with {
                    $0.alignment = .center
                    $0.color = stat.right * 2 >= stat.questions ? .black : .failure
                })
            })
        }
        let table = Table(
            columns: [.share(1), .points(40), .points(34), .points(40), .points(48)] + figures.themes.map { _ in .points(52) },
            header: Table.Row([.header("Candidat"), .header("Classe"), .header("Tps+", alignment: .center),
                               .header("Note", alignment: .center), .header("Résultat")] + themeHeaders(figures)),
            rows: rows, zebra: .gray(0.965))
        return [.text("Résultats par candidat (bonnes réponses par thème)", Styles.heading), .table(table)]
    }
}
