import CenterService
import Foundation
import GRDB

extension SQLiteCenterRepository {
    public func centerPrivateKey(storingIfAbsent fresh: Data) async throws -> Data {
        try await write("clé du centre") { db in
            if let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT privateKey FROM centerKey WHERE id = 1")) {
                guard let key = Data(base64Encoded: stored) else {
                    throw CenterError.unreadableRow(table: "centerKey", id: "1", column: "privateKey", detail: nil)
                }
                return key
            }
            try db.execute(sql: "INSERT INTO centerKey (id, privateKey) VALUES (1, ?)", arguments: [fresh.base64EncodedString()])
            return fresh
        }
    }
}
