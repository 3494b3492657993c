import CenterService
import GRDB

extension SQLiteCenterRepository {
    public func sessions() async throws -> [CenterSession] {
        try await read("lecture des épreuves") { db in
            try SessionRow.order(Column("startsAt").desc).fetchAll(db).map(\.value)
        }
    }

    public func session(number: String) async throws -> CenterSession? {
        try await read("lecture d'une épreuve") { db in try db.session(number: number) }
    }

    public func insertSession(_ session: CenterSession, enrolments: [Enrolment]) async throws -> SessionInsertion {
        try await write("création de l'épreuve") { db in
            guard try !SessionRow.exists(db, key: session.number) else { return .numberTaken }
            try SessionRow(session).insert(db)
            for enrolment in enrolments { try EnrolmentRow(enrolment).insert(db) }
            return .inserted
        }
    }

    public func enrolments(session number: String) async throws -> [Enrolment] {
        try await read("lecture des convocations") { db in
            try EnrolmentRow.filter(Column("sessionNumber") == number).fetchAll(db).map(\.value)
        }
    }

    public func enrolment(session number: String, candidate id: String) async throws -> Enrolment? {
        try await read("lecture d'une convocation") { db in
            try db.enrolment(session: number, candidate: id)
        }
    }

    public func enrolledCandidates(session number: String, codeHash: String, sharedSalt: String) async throws -> [EnrolledCandidate] {
        try await read("lecture d'une convocation") { db in
            var found = try db.all(EnrolmentRow.self, "SELECT * FROM sessionCandidate WHERE sessionNumber = ? AND codeHash = ?",
                                   [number, codeHash]).map(\.value)
            if found.isEmpty {
                found = try db.all(EnrolmentRow.self, "SELECT * FROM sessionCandidate WHERE sessionNumber = ? AND codeSalt <> ?",
                                   [number, sharedSalt]).map(\.value)
            }
            return try found.compactMap { enrolment in
                try db.candidate(id: enrolment.candidateId).map { EnrolledCandidate(candidate: $0, enrolment: enrolment) }
            }
        }
    }

    public func enrolledCandidates(session number: String) async throws -> [EnrolledCandidate] {
        try await read("lecture des convocations") { db in
            let enrolments = try EnrolmentRow.filter(Column("sessionNumber") == number).fetchAll(db).map(\.value)
            let candidates = try CandidateRow.filter(keys: enrolments.map(\.candidateId)).fetchAll(db).map(\.value)
            let byId = Dictionary(uniqueKeysWithValues: candidates.map { ($0.id, $0) })
            return enrolments.compactMap { enrolment in
                byId[enrolment.candidateId].map { EnrolledCandidate(candidate: $0, enrolment: enrolment) }
            }.sorted {
                ($0.candidate.className, $0.candidate.lastName, $0.candidate.firstName)
                    < ($1.candidate.className, $1.candidate.lastName, $1.candidate.firstName)
            }
        }
    }

    public func updateEnrolment(session number: String, candidate id: String,
                                _ transform: @escaping @Sendable (Enrolment) -> Enrolment) async throws -> Enrolment? {
        try await write("nouveau code") { db in
            guard let current = try db.enrolment(session: number, candidate: id) else {
                return nil
            }
            var changed = transform(current)
            changed.sessionNumber = number
            changed.candidateId = id
            try EnrolmentRow(changed).update(db)
            return changed
        }
    }

    public func updateSession(number: String,
                              _ transform: @escaping @Sendable (CenterSession) -> CenterSession) async throws -> CenterSession? {
        try await write("modification de l'épreuve") { db in
            guard let current = try db.session(number: number) else { return nil }
            var changed = transform(current)
            changed.number = number
            try SessionRow(changed).update(db)
            return changed
        }
    }

    public func deleteSession(number: String) async throws -> Bool {
        try await write("suppression de l'épreuve") { db in
            guard try SessionRow.exists(db, key: number) else { return false }
            try db.execute(sql: "DELETE FROM sessionLog WHERE sessionNumber = ?", arguments: [number])
            try db.execute(sql: "DELETE FROM alert WHERE sessionNumber = ?", arguments: [number])
            try db.execute(sql: "DELETE FROM result WHERE sessionNumber = ?", arguments: [number])
            try db.execute(sql: "DELETE FROM attempt WHERE sessionNumber = ?", arguments: [number])
            try db.execute(sql: "DELETE FROM sessionCandidate WHERE sessionNumber = ?", arguments: [number])
            try db.execute(sql: "DELETE FROM session WHERE number = ?", arguments: [number])
            return true
        }
    }
}
