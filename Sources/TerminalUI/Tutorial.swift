import ExamKit

/// The tutorial shown before an exam (DESIGN §10.5), built for the candidate's own timing.
struct TutorialPage: Sendable, Hashable {
    enum Line: Sendable, Hashable {
        case paragraph(String)
        case blank
        case banner(severalAnswers: Bool)
        /// A full timer as it looks at the start of a question.
        case timerSample(seconds: Int)
        case progressSample(done: Int, of: Int)
    }

    var heading: String
    var lines: [Line]

    static func pages(for grant: LoginGrant) -> [TutorialPage] {
        let count = grant.questions.count
        let seconds = grant.timing.answerSeconds
        let timeLines: [Line] = grant.timing.timed
            ? [.paragraph(Strings.tutorialTimed(seconds: seconds)), .blank, .timerSample(seconds: seconds), .blank,
               .paragraph(Strings.tutorialChange), .paragraph(Strings.tutorialAutomatic)]
            : [.paragraph(Strings.tutorialUntimed)]
        var keys: [Line] = [.paragraph(Strings.tutorialKeys), .paragraph("  " + Strings.tutorialKeyLetters),
                            .paragraph("  " + Strings.tutorialKeyArrows), .paragraph("  " + Strings.tutorialKeySpace)]
        if !grant.timing.timed { keys.append(.paragraph("  " + Strings.tutorialKeyEnter)) }
        if grant.questions.contains(where: { $0.situation != nil }) { keys.append(.paragraph("  " + Strings.tutorialKeySituation)) }
        keys.append(.paragraph("  " + Strings.tutorialKeyProblem))
        keys.append(.paragraph("  " + Strings.tutorialKeySurveillant))
        return [
            TutorialPage(heading: Strings.tutorialCourseTitle, lines: [
                .paragraph(Strings.tutorialQuestionCount(count)), .blank,
                .paragraph(Strings.tutorialSameQuestions), .blank,
                .paragraph(Strings.tutorialSituation),
            ]),
            TutorialPage(heading: Strings.tutorialBannersTitle, lines: [
                .paragraph(Strings.tutorialBannersIntro), .blank,
                .banner(severalAnswers: false), .paragraph(Strings.tutorialSingle), .blank,
                .banner(severalAnswers: true), .paragraph(Strings.tutorialMultiple),
            ]),
            TutorialPage(heading: Strings.tutorialTimeTitle, lines: timeLines),
            TutorialPage(heading: Strings.tutorialProgressTitle, lines: [
                .paragraph(Strings.tutorialProgress), .blank,
                .progressSample(done: min(7, count), of: count), .blank,
            ] + keys),
        ]
    }
}
