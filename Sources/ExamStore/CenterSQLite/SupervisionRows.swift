import CenterService
import Foundation
import GRDB

struct AlertRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "alert"
    var value: CandidateAlert

    init(_ value: CandidateAlert) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "id")
        value = CandidateAlert(
            id: try read("id"), sessionNumber: try read("sessionNumber"), attemptId: try read("attemptId"),
            candidateId: try read("candidateId"), questionId: try read("questionId"), position: try read("position"),
            kind: try read("kind"), raisedAt: try read("raisedAt"), status: try read("status"), decidedAt: try read.optional("decidedAt"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["id"] = value.id
        container["sessionNumber"] = value.sessionNumber
        container["attemptId"] = value.attemptId
        container["candidateId"] = value.candidateId
        container["questionId"] = value.questionId
        container["position"] = value.position
        container["kind"] = value.kind
        container["raisedAt"] = value.raisedAt
        container["status"] = value.status
        container["decidedAt"] = value.decidedAt
    }
}

struct SessionLogRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "sessionLog"
    var value: SessionLogEntry

    init(_ value: SessionLogEntry) { self.value = value }

    init(row: Row) throws {
        let read = ColumnReader(row, table: Self.databaseTableName, id: "id")
        value = SessionLogEntry(sessionNumber: try read("sessionNumber"), at: try read("at"), kind: try read("kind"),
                                candidateId: try read.optional("candidateId"), detail: try read("detail"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["sessionNumber"] = value.sessionNumber
        container["at"] = value.at
        container["kind"] = value.kind
        container["candidateId"] = value.candidateId
        container["detail"] = value.detail
    }
}

/// The console's light view of a result: the columns it shows, no envelope.
struct ResultSummaryRow: FetchableRecord {
    static let columns = "attemptId, candidateId, score, questionCount, passed, finishedAt, stopReason"
    var value: ResultSummary

    init(row: Row) throws {
        let read = ColumnReader(row, table: "result", id: "attemptId")
        value = ResultSummary(attemptId: try read("attemptId"), candidateId: try read("candidateId"), score: try read("score"),
                              questionCount: try read("questionCount"), passed: try read("passed"),
                              finishedAt: try read("finishedAt"), stopReason: try read.optional("stopReason"))
    }
}
