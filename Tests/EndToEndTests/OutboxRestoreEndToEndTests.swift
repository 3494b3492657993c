import CenterService
import ExamContent
import ExamKit
import ExamStore
import Foundation
import Testing

/// `epreuve outbox`, `epreuve outbox export DIR` and `epreuve-center restore FILE…`, as a proctor runs them.
@Suite struct OutboxRestoreEndToEndTests {
    /// A home whose terminal store holds one finished attempt the center never received.
    func homeWithUndeliveredResult() async throws -> (ExamSetUp, attemptId: String) {
        let setUp = try await ExamSetUp()
        let catalog = try ContentLoader.load(from: URL(fileURLWithPath: Binaries.fixtureContent)).validCatalog()
        let center = CenterService(repository: try SQLiteCenterRepository(path: setUp.home + "/center.sqlite"), catalog: catalog,
                                   clock: SystemWallClock(), surveillantHashCost: 1 << 10)
        let package = try await center.login(number: setUp.number, code: try #require(setUp.codes["Lily"]), terminalId: "poste").get()
        let store = try TerminalStore.open(home: URL(fileURLWithPath: setUp.home))
        try store.beginAttempt(package, terminalId: "poste")
        let selections = package.questions.enumerated().map { index, question in index == 3 ? [] : question.expectsSeveralAnswers ? [0, 2] : [1] }
        let snapshot = AttemptSnapshot(index: 3, phase: .finished, remainingMs: nil, selections: selections,
                                       timeUsedMs: [5000, 5000, 5000, 5000])
        try store.journal(attemptId: package.attemptId, event: .finished, snapshot: snapshot)
        return (setUp, package.attemptId)
    }

    @Test func outboxListsExportsAndTheCenterRestoresOnce() async throws {
        let (setUp, attemptId) = try await homeWithUndeliveredResult()
        let listed = try await Binaries.run("epreuve", ["outbox", "--home", setUp.home, "--content", Binaries.fixtureContent])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(attemptId))
        #expect(listed.stdout.contains("essais 0"))
        #expect(listed.stdout.contains("état : en attente"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cle-usb-\(UUID().uuidString)").path
        let exported = try await Binaries.run("epreuve", ["outbox", "export", folder, "--home", setUp.home, "--content", Binaries.fixtureContent])
        #expect(exported.status == 0)
        let file = try #require(exported.stdout.split(separator: "\n").first.map(String.init))
        #expect(URL(fileURLWithPath: file).lastPathComponent.hasPrefix("epreuve-\(setUp.number)-"))
        #expect(URL(fileURLWithPath: file).lastPathComponent.hasSuffix("-\(attemptId.prefix(8)).json"))
        // Sealed to the center: a lost USB key shows no answer.
        let sealed = try String(contentsOfFile: file, encoding: .utf8)
        #expect(sealed.contains("\"format\" : \"epreuve-rescue/2\""))
        #expect(!sealed.contains("\"selected\"") && !sealed.contains("\"questionId\""))

        let center = ["--home", setUp.home, "--content", Binaries.fixtureContent]
        let first = try await Binaries.run("epreuve-center", ["restore", file] + center)
        #expect(first.status == 0)
        #expect(first.stdout.contains("importé"))
        let again = try await Binaries.run("epreuve-center", ["restore", file] + center)
        #expect(again.stdout.contains("déjà présent"))
        let sheet = try await setUp.centerShow()
        #expect(sheet.split(separator: "\n").contains { $0.hasPrefix("Lily ALEXANDRE") && $0.contains("/4") })

        // One changed byte: refused, exit 1, nothing stored twice.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "B")))
        bytes[index] = UInt8(ascii: "C")
        let tampered = folder + "/modifie.json"
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let refused = try await Binaries.run("epreuve-center", ["restore", tampered] + center)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("refusé"))
        #expect(refused.stderr.contains("1 fichier(s) refusé(s)"))
    }

    @Test func nothingToExportIsSaidPlainly() async throws {
        let setUp = try await ExamSetUp()
        let exported = try await Binaries.run("epreuve", ["outbox", "export", "/tmp/nowhere-\(UUID().uuidString)", "--home", setUp.home, "--content", Binaries.fixtureContent])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("rien à exporter"))
    }
}
