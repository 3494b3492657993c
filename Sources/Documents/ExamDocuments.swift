import Foundation

/// The paper documents of an exam day (DESIGN §13, issue 14 §5): one function per kind turns a
/// `DocumentInput` into a `Document` — a layout as data — and `render(_:to:)` writes it as PDF.
///
/// ```swift
/// let input = DocumentInput(establishment: etablissement, session: session, candidates: candidates)
/// let document = try ExamDocuments.papillons(input, perPage: .eight)
/// try ExamDocuments.render(document, to: URL(fileURLWithPath: "papillons-832648.pdf"))
/// ```
/// `layout(_:_:options:)` does the same from a `PrintKind` and `PrintOptions`, for
/// `epreuve-center print KIND NUMBER`. Every function throws `DocumentError` (one French sentence)
/// for input the document cannot be made from; nothing is written then.
///
/// A new document is a new function building blocks, tables and pages (Layout/); drawing lives in
/// Render/ only and knows nothing of exams.
public enum ExamDocuments {
    /// Writes the document as PDF at `url` (see `DocumentRenderer.render`).
    @discardableResult
    public static func render(_ document: Document, to url: URL) throws(DocumentError) -> RenderSummary {
        try DocumentRenderer.render(document, to: url)
    }

    /// The document of `kind` for `input`, options taken where they apply: the single entry point
    /// behind `epreuve-center print KIND NUMBER`.
    public static func layout(_ kind: PrintKind, _ input: DocumentInput,
                              options: PrintOptions = PrintOptions()) throws(DocumentError) -> Document {
        switch kind {
        case .papillons: try papillons(input, perPage: options.slipsPerPage)
        case .convocations: try convocations(input, perSheet: options.convocationsPerSheet)
        case .emargement: try emargement(input)
        case .attestations: try attestations(input, candidate: options.candidate, duplicata: options.duplicata)
        case .corrige: try corrige(input)
        case .rapport: try rapport(input)
        case .grille: try grille(input, blank: options.blankGrid)
        case .corrections: try corrections(input)
        }
    }
}

/// The kinds of `epreuve-center print KIND NUMBER`, named as on the command line.
public enum PrintKind: String, Sendable, Hashable, CaseIterable {
    case papillons, convocations, emargement, attestations, corrige, rapport, grille, corrections

    /// `papillons-832648.pdf`: the file written when `--out` is not given.
    public func defaultFileName(session number: String) -> String {
        "\(rawValue)-\(number).pdf"
    }
}

/// Options of `print`, each used by one kind and ignored by the others.
public struct PrintOptions: Sendable, Hashable {
    /// papillons `--par-page 1|2|8`.
    public var slipsPerPage: SlipsPerPage
    /// convocations: one A4, or two A5 on one A4 sheet.
    public var convocationsPerSheet: ConvocationsPerSheet
    /// attestations `--candidat ID`: only this candidate's.
    public var candidate: String?
    /// attestations `--duplicata`.
    public var duplicata: Bool
    /// grille: the booklet and one blank answer grid instead of one per candidate.
    public var blankGrid: Bool

    public init(slipsPerPage: SlipsPerPage = .two, convocationsPerSheet: ConvocationsPerSheet = .one,
                candidate: String? = nil, duplicata: Bool = false, blankGrid: Bool = false) {
        self.slipsPerPage = slipsPerPage
        self.convocationsPerSheet = convocationsPerSheet
        self.candidate = candidate
        self.duplicata = duplicata
        self.blankGrid = blankGrid
    }
}
