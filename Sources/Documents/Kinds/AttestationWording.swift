import ExamKit

/// What the handbook's documents say of each attestation (livret 2023, §1 and §8): the title on
/// the attestation, the sentence before the candidate's name, what it is for. A profile the
/// handbook does not know is named by its own title.
struct AttestationWording {
    /// « ATTESTATION SCOLAIRE DE SÉCURITÉ ROUTIÈRE NIVEAU 2 ».
    let title: String
    /// Second title line, or nil (« OBLIGATOIRE POUR LA DÉLIVRANCE DU PERMIS DE CONDUIRE »).
    let mandatoryLine: String?
    /// « L'attestation scolaire de sécurité routière niveau 2 est délivrée à ».
    let deliveredTo: String
    /// « de l'attestation scolaire de sécurité routière de niveau 2 », after « l'épreuve ».
    let ofTheAttestation: String
    /// What the attestation allows, for the convocation.
    let purpose: String
    /// The notice printed at the foot of the attestation.
    let notice: String

    private static let keep = "Ce document doit absolument être conservé par le candidat et sa famille."
    private static let bsr = "(le BSR correspond à la catégorie AM du permis de conduire)"

    init(_ profile: Profile) {
        switch profile.id.uppercased() {
        case "ASSR1":
            title = "ATTESTATION SCOLAIRE DE SÉCURITÉ ROUTIÈRE NIVEAU 1"
            mandatoryLine = nil
            deliveredTo = "L'attestation scolaire de sécurité routière niveau 1 est délivrée à"
            ofTheAttestation = "de l'attestation scolaire de sécurité routière de niveau 1"
            purpose = "L'ASSR1 valide la partie théorique du brevet de sécurité routière \(Self.bsr) permettant de conduire un cyclomoteur et/ou un quadricycle léger à moteur."
            notice = "L'ASSR1 valide la partie théorique du brevet de sécurité routière qui permet de conduire un cyclomoteur et/ou un quadricycle léger à moteur \(Self.bsr). \(Self.keep)"
        case "ASSR2":
            title = "ATTESTATION SCOLAIRE DE SÉCURITÉ ROUTIÈRE NIVEAU 2"
            mandatoryLine = "OBLIGATOIRE POUR LA DÉLIVRANCE DU PERMIS DE CONDUIRE"
            deliveredTo = "L'attestation scolaire de sécurité routière niveau 2 est délivrée à"
            ofTheAttestation = "de l'attestation scolaire de sécurité routière de niveau 2"
            purpose = "L'ASSR2 est obligatoire pour la délivrance du permis de conduire et valide la partie théorique du brevet de sécurité routière \(Self.bsr)."
            notice = "L'ASSR2 est obligatoire pour la délivrance du permis de conduire et valide la partie théorique du brevet de sécurité routière qui permet de conduire un cyclomoteur et/ou un quadricycle léger à moteur \(Self.bsr). \(Self.keep)"
        case "ASR":
            title = "ATTESTATION DE SÉCURITÉ ROUTIÈRE"
            mandatoryLine = "OBLIGATOIRE POUR LA DÉLIVRANCE DU PERMIS DE CONDUIRE"
            deliveredTo = "L'attestation de sécurité routière est délivrée à"
            ofTheAttestation = "de l'attestation de sécurité routière"
            purpose = "L'ASR est obligatoire pour la délivrance du permis de conduire et valide la partie théorique du brevet de sécurité routière \(Self.bsr)."
            notice = "L'ASR est obligatoire pour la délivrance du permis de conduire et valide la partie théorique du brevet de sécurité routière qui permet de conduire un cyclomoteur et/ou un quadricycle léger à moteur \(Self.bsr). \(Self.keep)"
        case "AER":
            title = "ATTESTATION D'ÉDUCATION À LA ROUTE"
            mandatoryLine = nil
            deliveredTo = "L'attestation d'éducation à la route est délivrée à"
            ofTheAttestation = "de l'attestation d'éducation à la route"
            purpose = "L'AER valide des connaissances en sécurité routière ; elle ne donne aucun droit d'inscription à l'apprentissage de la conduite d'un véhicule ni d'obtention d'un titre."
            notice = "L'AER valide des connaissances en sécurité routière ; elle ne donne aucun droit d'inscription à l'apprentissage de la conduite d'un véhicule ni d'obtention d'un titre. \(Self.keep)"
        default:
            title = profile.title.uppercased()
            mandatoryLine = nil
            deliveredTo = "L'attestation « \(profile.title) » est délivrée à"
            ofTheAttestation = "« \(profile.title) »"
            purpose = "\(profile.title) (\(profile.id))."
            notice = Self.keep
        }
    }
}
