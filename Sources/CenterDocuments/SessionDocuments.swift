import CenterService
import Documents
import ExamKit
import Foundation

/// `epreuve-center print KIND NUMBER`: the center's session, candidates, results and questions
/// turned into `Documents` input, laid out and written as PDF. Papillons need access codes in clear,
/// which the center does not keep: they get fresh ones (`CenterService.papillonCodes`), issued
/// only once the document is known to be printable, so a refused print changes no code.
public enum SessionDocuments {
    public struct Request: Sendable {
        public var kind: PrintKind
        public var session: String
        public var options: PrintOptions
        /// `--candidat`: INE, identifier or name of one candidate (attestations, papillons).
        public var candidate: String?

        public init(kind: PrintKind, session: String, options: PrintOptions = PrintOptions(), candidate: String? = nil) {
            self.kind = kind
            self.session = session
            self.options = options
            self.candidate = candidate
        }
    }

    public struct Printed: Sendable {
        public let url: URL
        public let pageCount: Int
        /// What the person should know: new codes issued, candidates left out, overflows.
        public let notes: [String]
    }

    public static func print(_ request: Request, center: CenterService, to url: URL) async throws -> Printed {
        guard let session = try await center.session(number: request.session) else {
            throw CenterError("aucune épreuve ne porte le numéro \(request.session)")
        }
        var options = request.options
        var input = try await documentInput(session, center: center)
        if let typed = request.candidate {
            let one = try center.resolve(typed, among: try await center.enrolledCandidates(session: session.number).map(\.candidate),
                                         in: session.number)
            options.candidate = one.id
            if request.kind != .attestations { input.candidates = input.candidates.filter { $0.id == one.id } }
        }
        var notes: [String] = []
        if request.kind == .papillons {
            // Laid out first with stand-in codes: a document that cannot be made replaces no code.
            var trial = input
            for index in trial.candidates.indices { trial.candidates[index].accessCode = "AAAAAAAA" }
            _ = try layout(.papillons, trial, options)
            try checkWritable(url)
            let issued = try await center.papillonCodes(session: session.number, only: request.candidate)
            input.candidates = input.candidates.filter { issued.codes[$0.id] != nil }
            for index in input.candidates.indices { input.candidates[index].accessCode = issued.codes[input.candidates[index].id] }
            if issued.fresh {
                notes.append("Nouveaux codes d'accès pour \(issued.codes.count) candidat(s) : les codes donnés avant ne marchent plus.")
            }
            for (candidate, reason) in issued.skipped {
                notes.append("Sans papillon : \(CenterService.listName(candidate)) (\(reason)).")
            }
            guard !input.candidates.isEmpty else {
                throw CenterError("aucun papillon à imprimer : chaque candidat de l'épreuve \(session.number) a déjà commencé")
            }
        }
        let document = try layout(request.kind, input, options)
        let summary: RenderSummary
        do {
            summary = try ExamDocuments.render(document, to: url)
        } catch {
            let codes = request.kind == .papillons ? " (les nouveaux codes sont émis : relancez l'impression)" : ""
            throw CenterError(error.description + codes)
        }
        notes += summary.overflows
        return Printed(url: url, pageCount: summary.pageCount, notes: notes)
    }

    private static func layout(_ kind: PrintKind, _ input: DocumentInput, _ options: PrintOptions) throws -> Document {
        do {
            return try ExamDocuments.layout(kind, input, options: options)
        } catch {
            throw CenterError(error.description)
        }
    }

    private static func checkWritable(_ url: URL) throws {
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CenterError("Impossible d'écrire \(url.path) : le dossier n'existe pas.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CenterError("Impossible d'écrire \(url.path) : dossier en lecture seule.")
        }
    }

    /// Everything the documents of one session are made from, codes aside.
    public static func documentInput(_ session: CenterSession, center: CenterService) async throws -> DocumentInput {
        guard let profile = center.catalog.profile(session.profileId) else {
            throw CenterError("profil \(session.profileId) de l'épreuve \(session.number) absent du contenu")
        }
        let stored = try await center.establishment()
        let establishment = Establishment(name: stored.name, uai: stored.uai, academie: stored.academie, commune: stored.commune,
                                          address: stored.address)
        let state = center.state(of: session)
        let documentSession = DocumentSession(
            number: session.number, type: session.kind == .entrainement ? .entrainement : session.medium == .paper ? .horsLigne : .examen,
            profile: profile, name: session.name, start: session.startsAt, room: session.place,
            additionalText: session.additionalText, rattrapage: session.rattrapageOf != nil,
            surveillant: nil, isOver: state == .finished && !session.alwaysActive)
        let themeOrder = center.catalog.themes.map(\.id)
        var candidates: [DocumentCandidate] = []
        for standing in try await center.standings(session: session) {
            let candidate = standing.candidate
            var result: DocumentResult?
            var themes: [ThemeStat] = []
            if let stored = standing.result {
                let verdict: Documents.Verdict = standing.verdict == .admitted ? .admis
                    : standing.verdict == .done ? (stored.passed ? .admis : .echoue) : .echoue
                result = DocumentResult(verdict: verdict, score: stored.score, outOf: stored.questionCount, date: stored.finishedAt)
                if stored.source.hasAnswers {
                    themes = try center.scoreCard(for: stored, session: session).themeStats(themeOrder: themeOrder)
                }
            } else if standing.verdict == .absent {
                result = DocumentResult(verdict: .absent)
            }
            candidates.append(DocumentCandidate(
                id: candidate.id, lastName: candidate.lastName, firstName: candidate.firstName,
                className: candidate.className.isEmpty ? "—" : candidate.className, birthDate: CalendarDay(iso: candidate.birthDate),
                extraTime: standing.extraTime, accessCode: standing.demoCode, result: result, themes: themes))
        }
        let questions = try session.questionIds.map { id in
            guard let question = center.catalog.question(id: id) else {
                throw CenterError("la question « \(id) » de l'épreuve \(session.number) n'existe plus dans le contenu")
            }
            return question
        }
        return DocumentInput(establishment: establishment, session: documentSession, candidates: candidates, questions: questions,
                             themes: center.catalog.themes)
    }
}
