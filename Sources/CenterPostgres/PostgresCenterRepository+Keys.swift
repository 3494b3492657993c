import CenterService
import Foundation
import PostgresNIO

extension PostgresCenterRepository {
    /// `ON CONFLICT DO NOTHING` waits for a concurrent first insert to end; the read that follows
    /// (a new snapshot) sees whichever key was stored first.
    public func centerPrivateKey(storingIfAbsent fresh: Data) async throws -> Data {
        try await transaction("clé du centre") { transaction in
            try await transaction.run("INSERT INTO center_key (id, private_key) VALUES (1, \(fresh)) ON CONFLICT (id) DO NOTHING")
            guard let row = try await transaction.rows("SELECT id, private_key FROM center_key WHERE id = 1").first else {
                throw CenterError("clé du centre : ni enregistrée ni présente")
            }
            let read = ColumnReader(row, table: "center_key", id: "id")
            return try read("private_key") as Data
        }
    }
}
