import ExamKit
import Foundation

/// Per-theme, per-candidate, per-class and per-sex statistics.
extension CenterService {
    public struct GroupLine: Sendable, Hashable {
        public let label: String
        public let registered: Int
        public let present: Int
        public let admitted: Int

        public init(label: String, registered: Int, present: Int, admitted: Int) {
            self.label = label
            self.registered = registered
            self.present = present
            self.admitted = admitted
        }

        public var successRate: Int { present == 0 ? 0 : Int((Double(admitted) * 100 / Double(present)).rounded()) }
    }

    public struct Statistics: Sendable {
        public let themes: [ThemeStat]
        public let candidates: [(candidate: Candidate, card: ScoreCard)]
        public let byClass: [GroupLine]
        public let bySex: [GroupLine]
    }

    public func statistics(session number: String?) async throws -> Statistics {
        let chosen = try await sessions(matching: number)
        var cards: [(Candidate, ScoreCard)] = []
        var standings: [Standing] = []
        for session in chosen {
            let list = try await self.standings(session: session)
            standings += list
            for standing in list {
                if let result = standing.result { cards.append((standing.candidate, try scoreCard(for: result, session: session))) }
            }
        }
        func group(_ key: (Candidate) -> String) -> [GroupLine] {
            Dictionary(grouping: standings) { key($0.candidate) }.map { label, members in
                GroupLine(label: label, registered: members.count, present: members.count { $0.result != nil },
                          admitted: members.count { $0.result?.passed == true })
            }.sorted { $0.label < $1.label }
        }
        return Statistics(
            themes: ThemeStat.table(cards: cards.map(\.1), themeOrder: catalog.themes.map(\.id)),
            candidates: cards, byClass: group(\.className), bySex: group(\.sex))
    }
}
