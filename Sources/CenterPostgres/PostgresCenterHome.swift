import CenterService
import ExamKit
import Logging

/// A center whose store is a PostgreSQL database (`epreuve-center --database URL`), with the demo
/// when the database had no center yet and the content is the bundled one (DESIGN §9), as
/// `CenterHome` does for a new SQLite file.
public enum PostgresCenterHome {
    /// The service and its repository, which the caller closes when done.
    public static func open(url: String, catalog: Catalog, bundledContent: Bool, clock: any WallClock,
                            logger: Logger = PostgresCenterRepository.quietLogger) async throws
        -> (service: CenterService, repository: PostgresCenterRepository) {
        let repository = try await PostgresCenterRepository.open(try PostgresAddress(url: url), logger: logger)
        let service = CenterService(repository: repository, catalog: catalog, clock: clock)
        do {
            if repository.isNewStore && bundledContent { try await service.installDemo() }
        } catch {
            await repository.close()
            throw error
        }
        return (service, repository)
    }
}
