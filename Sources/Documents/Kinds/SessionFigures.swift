import ExamKit
import Foundation

/// The numbers of the rapport, computed from the candidates' results.
struct SessionFigures {
    let registered: Int
    let admitted: Int
    let failed: Int
    let absent: Int
    /// Candidates with no result yet (session not over).
    let pending: Int
    /// Notes brought to 20 (a result out of 19 counts in proportion).
    let notes: [Double]
    /// Themes in display order that at least one result covers.
    let themes: [Theme]

    init(_ input: DocumentInput) {
        let candidates = input.candidates
        registered = candidates.count
        admitted = candidates.count { $0.result?.verdict == .admis }
        failed = candidates.count { $0.result?.verdict == .echoue }
        absent = candidates.count { $0.result?.verdict == .absent }
        pending = candidates.count { $0.result == nil }
        notes = candidates.compactMap { candidate in
            guard let score = candidate.result?.score else { return nil }
            let outOf = candidate.result?.outOf ?? input.session.profile.questionCount
            return outOf > 0 ? Double(score) * 20 / Double(outOf) : nil
        }
        let covered = Set(candidates.flatMap { $0.themes.filter { $0.questions > 0 }.map(\.theme) })
        let known = input.themes.filter { covered.contains($0.id) }
        let others = covered.subtracting(known.map(\.id)).sorted().map { Theme(id: $0, label: $0) }
        themes = known + others
    }

    var present: Int { admitted + failed }

    /// Admitted among present candidates, in whole percent.
    var successRate: Int? {
        present == 0 ? nil : Int((Double(admitted) * 100 / Double(present)).rounded())
    }

    var mean: Double? { notes.isEmpty ? nil : notes.reduce(0, +) / Double(notes.count) }

    var median: Double? {
        guard !notes.isEmpty else { return nil }
        let sorted = notes.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Counts of notes in the ranges 0–4, 5–9, 10–14, 15–20.
    var distribution: [(label: String, count: Int)] {
        let ranges: [(String, ClosedRange<Double>)] = [("0 à 4", 0...4.999), ("5 à 9", 5...9.999), ("10 à 14", 10...14.999), ("15 à 20", 15...20)]
        return ranges.map { label, range in (label, notes.count { range.contains($0) }) }
    }

    /// One class's line: its candidates, and the figures of those with a result.
    struct ClassLine {
        let className: String
        let members: [DocumentCandidate]

        var present: [DocumentCandidate] { members.filter { $0.result?.score != nil } }
        var admitted: Int { members.count { $0.result?.verdict == .admis } }
        /// Admitted among present, in whole percent; nil when nobody sat the exam.
        var successRate: Int? {
            present.isEmpty ? nil : Int((Double(admitted) * 100 / Double(present.count)).rounded())
        }
        /// Mean note out of 20 of the present candidates.
        var meanNote: Double? {
            let notes = present.compactMap { candidate -> Double? in
                guard let score = candidate.result?.score, let outOf = candidate.result?.outOf, outOf > 0 else { return nil }
                return Double(score) * 20 / Double(outOf)
            }
            return notes.isEmpty ? nil : notes.reduce(0, +) / Double(notes.count)
        }
        var themes: [String: ThemeStat] { SessionFigures.themeTotals(present) }
    }

    /// Classes in natural order (5A, 5B… 10A).
    static func classes(_ candidates: [DocumentCandidate]) -> [ClassLine] {
        Dictionary(grouping: candidates, by: \.className)
            .sorted { $0.key.compare($1.key, options: [.caseInsensitive, .numeric]) == .orderedAscending }
            .map { ClassLine(className: $0.key, members: $0.value) }
    }

    /// Right answers over questions, per theme, summed over `candidates`.
    static func themeTotals(_ candidates: [DocumentCandidate]) -> [String: ThemeStat] {
        var totals: [String: (questions: Int, right: Int)] = [:]
        for stat in candidates.flatMap(\.themes) {
            totals[stat.theme, default: (0, 0)].questions += stat.questions
            totals[stat.theme, default: (0, 0)].right += stat.right
        }
        return totals.reduce(into: [:]) { $0[$1.key] = ThemeStat(theme: $1.key, questions: $1.value.questions, right: $1.value.right) }
    }

    /// « 12,4 » — one decimal, French comma.
    static func decimal(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
