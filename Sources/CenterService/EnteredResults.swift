import ExamKit
import Foundation

/// Marks of a paper exam typed in on the center (handbook §5.4: « l'enregistrement des résultats des
/// candidats […] doit se faire manuellement »), scored like any other result.
extension CenterService {
    public enum TypedMark: Sendable, Hashable {
        /// The answer grid as read: one group of letters per question in booklet order, « AC,B,,D,… ».
        case answers(String)
        /// The mark alone: no per-theme figures then.
        case note(Int)
    }

    public struct EnteredResult: Sendable {
        public let candidate: Candidate
        public let session: CenterSession
        public let result: StoredResult
        /// The earlier typed-in result it replaced, if any.
        public let previous: StoredResult?
    }

    public func enterResult(session number: String, candidate text: String, _ mark: TypedMark) async throws -> EnteredResult {
        guard let session = try await session(number: number) else { throw CenterError("épreuve \(number) inconnue") }
        guard session.medium == .paper else {
            throw CenterError("l'épreuve \(number) se passe sur les postes : ses résultats viennent des terminaux (ou de fichiers de secours : restore)")
        }
        guard state(of: session) != .upcoming else {
            throw CenterError("l'épreuve \(number) n'a pas encore eu lieu (début le \(CenterDates.minute.string(from: session.startsAt)))")
        }
        let candidate = try resolve(text, among: try await enrolledCandidates(session: number).map(\.candidate), in: number)
        let questions = try questions(of: session)
        let profile = try profile(of: session)
        let score: Int
        var answers: [String: [String]] = [:]
        let source: ResultSource
        let typed: String
        switch mark {
        case let .note(note):
            guard (0...questions.count).contains(note) else { throw CenterError("--note \(note) : une note va de 0 à \(questions.count)") }
            score = note
            source = .paperMark
            typed = "note \(note)"
        case let .answers(text):
            let selections = try Self.readGrid(text, questions: questions)
            for (question, letters) in zip(questions, selections) { answers[question.id] = ChoiceLetter.letters(letters.sorted()) }
            score = ScoreCard(questions: questions, selections: selections.map(Set.init), passMark: profile.passMark).right
            source = .paperAnswers
            typed = "réponses " + selections.map { ChoiceLetter.letters($0.sorted()).joined() }.joined(separator: ",")
        }
        let now = clock.now()
        let result = StoredResult(
            attemptId: "saisie-" + UUID().uuidString.lowercased(), sessionNumber: number, candidateId: candidate.id,
            terminalId: "saisie", startedAt: session.startsAt, finishedAt: session.startsAt, answers: answers,
            contentHash: SpreadsheetCSV.sha256(Data(typed.utf8)), envelope: typed, score: score, questionCount: questions.count,
            passed: score >= profile.passMark, source: source, storedAt: now)
        switch try await repository.storeEnteredResult(result) {
        case .inserted: return EnteredResult(candidate: candidate, session: session, result: result, previous: nil)
        case let .replaced(previous): return EnteredResult(candidate: candidate, session: session, result: result, previous: previous)
        case .candidateNotEnrolled: throw CenterError("\(candidate.displayName) n'est pas convoqué à l'épreuve \(number)")
        case .candidateHasTerminalResult: throw CenterError("\(candidate.displayName) a déjà un résultat venu d'un poste à l'épreuve \(number)")
        }
    }

    /// « AC,B,,D,… » → the choice indices per question; one group per question, letters A–F in
    /// any case, an empty group for no answer.
    static func readGrid(_ text: String, questions: [Question]) throws -> [[Int]] {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.filter { !$0.isWhitespace }.uppercased() }
        guard groups.count == questions.count else {
            throw CenterError("--reponses : \(groups.count) groupe(s) au lieu de \(questions.count) (une réponse par question, séparées par des virgules, « » pour aucune)")
        }
        return try zip(groups, questions).enumerated().map { index, pair in
            let (group, question) = pair
            var chosen: [Int] = []
            for character in group {
                guard let choice = ChoiceLetter.index(of: character), choice < question.choices.count else {
                    let last = ChoiceLetter.letter(question.choices.count - 1)
                    throw CenterError("--reponses, question \(index + 1) : « \(character) » n'est pas un choix (A à \(last))")
                }
                if !chosen.contains(choice) { chosen.append(choice) }
            }
            return chosen
        }
    }
}
