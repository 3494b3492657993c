import CenterService
import ExamDelivery
import ExamKit
import ExamStore
import Foundation
import Testing

/// Results must always arrive and never count twice, whatever the network does (DESIGN §8).
@Suite struct DeliveryFaultTests {
    func package(_ center: CenterService, _ number: String, _ code: String) async throws -> ExamPackage {
        try await center.login(number: number, code: code, terminalId: "t").get()
    }

    @Test func centerDownThenBackStoresOnce() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let down = Delivery(store: store, client: HTTPCenterClient(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 2))
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        guard case let .failed(message) = await down.deliver(attemptId: attemptId) else {
            Issue.record("delivery to a closed port succeeded")
            return
        }
        #expect(message.contains("injoignable"))
        let entry = try #require(try store.outboxEntry(attemptId: attemptId))
        #expect(entry.tries == 1)
        #expect(entry.state == .pending)
        #expect(entry.nextTryAt > Date())  // backed off

        let live = try await LiveCenter.start(center)
        let submitter = OutboxSubmitter(delivery: Delivery(store: store, client: live.client()))
        // Due only after the back-off: a restarted terminal picks the entry up from SQLite.
        try await Task.sleep(for: .milliseconds(1100))
        #expect(await submitter.deliverDue() == 0)
        #expect(try store.outboxEntry(attemptId: attemptId)?.state == .delivered)
        #expect(await submitter.deliverDue() == 0)
        #expect(try await center.results().count == 1)
        await live.stop()
    }

    @Test func status500IsRetriedUntilStored() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let live = try await LiveCenter.start(center, faults: [.status500, .status500])
        let delivery = Delivery(store: store, client: live.client())
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        #expect(await delivery.deliver(attemptId: attemptId) == .failed("le centre a répondu 500 (requête refusée)"))
        #expect(await delivery.deliver(attemptId: attemptId) != .delivered)
        #expect(await delivery.deliver(attemptId: attemptId) == .delivered)
        #expect(try store.outboxEntry(attemptId: attemptId)?.tries == 3)
        #expect(try await center.results().count == 1)
        await live.stop()
    }

    @Test func timeoutThenRetryStoresOnce() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let live = try await LiveCenter.start(center, faults: [.slow(seconds: 2)])
        let delivery = Delivery(store: store, client: HTTPCenterClient(baseURL: live.url, timeout: 0.5))
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        #expect(await delivery.deliver(attemptId: attemptId) != .delivered)
        try await Task.sleep(for: .milliseconds(2000))  // the slow request lands meanwhile
        let second = await Delivery(store: store, client: live.client()).deliver(attemptId: attemptId)
        #expect(second == .delivered)
        #expect(try await center.results().count == 1)
        await live.stop()
    }

    @Test func connectionClosedMidRequestIsAFailedTry() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let closing = try ClosingServer()
        let delivery = Delivery(store: store, client: HTTPCenterClient(baseURL: URL(string: "http://127.0.0.1:\(closing.port)")!, timeout: 3))
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        #expect(await delivery.deliver(attemptId: attemptId) != .delivered)
        #expect(try store.outboxEntry(attemptId: attemptId)?.lastError != nil)
        #expect(try await center.results().isEmpty)
    }

    @Test func lostAcknowledgementStoresOnce() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let live = try await LiveCenter.start(center, faults: [.lostAcknowledgement])
        let delivery = Delivery(store: store, client: live.client())
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        #expect(await delivery.deliver(attemptId: attemptId) != .delivered)
        #expect(try await center.results().count == 1)  // stored, but the terminal does not know
        #expect(await delivery.deliver(attemptId: attemptId) == .delivered)  // 200 already stored
        #expect(try await center.results().count == 1)
        await live.stop()
    }

    @Test func thirtyTerminalsFinishingInTheSameSecond() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center(candidates: 30)
        let live = try await LiveCenter.start(center)
        // Thirty requests at once from one process wait their turn for a connection: on a busy 2-core
        // machine that wait alone may pass the 10 s a lone terminal allows itself.
        let client = HTTPCenterClient(baseURL: live.url, timeout: 60)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for (index, code) in codes.enumerated() {
                group.addTask {
                    let login: Result<ExamPackage, LoginRefusal>
                    do throws(DeliveryError) {
                        login = try await client.login(number: number, code: code, terminalId: "poste-\(index)")
                    } catch {
                        return "login \(index): \(error.message)"
                    }
                    guard case let .success(package) = login else { return "login \(index): \(login)" }
                    guard let store = try? DeliveryFixtures.finishedAttempt(package, terminalId: "poste-\(index)") else { return "store \(index)" }
                    let outcome = await Delivery(store: store, client: client).deliver(attemptId: package.attemptId)
                    return outcome == .delivered ? "" : "delivery \(index): \(outcome)"
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.count == 30)
        let failures = outcomes.filter { !$0.isEmpty }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try await center.results().count == 30)
        await live.stop()
    }

    @Test func rescueFileThenOutboxStoresOnce() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rescue-\(UUID().uuidString)").path
        let paths = try RescueFiles.write(try store.undeliveredForRescue(), to: folder)
        let file = try #require(paths.first)
        #expect(URL(fileURLWithPath: file).lastPathComponent.hasPrefix("epreuve-\(number)-"))
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard case .imported = try await center.restore(fileData: data) else {
            Issue.record("rescue file not imported")
            return
        }
        #expect(try await center.restore(fileData: data) == .alreadyPresent)
        #expect(try await center.results().map(\.source) == [.rescue])
        let live = try await LiveCenter.start(center)
        let attemptId = try #require(try store.undelivered().first?.attemptId)
        #expect(await Delivery(store: store, client: live.client()).deliver(attemptId: attemptId) == .delivered)
        #expect(try await center.results().count == 1)
        await live.stop()
    }

    @Test func aRescueFileWithAnyByteChangedIsRefused() async throws {
        let (center, number, codes) = try await DeliveryFixtures.center()
        let store = try DeliveryFixtures.finishedAttempt(try await package(center, number, codes[0]), terminalId: "t")
        let data = try #require(try store.undelivered().first).envelope.data(using: .utf8)!
        var answerChanged = String(decoding: data, as: UTF8.self)
        answerChanged = answerChanged.replacingOccurrences(of: "\"B\"", with: "\"A\"")
        #expect(try await center.restore(fileData: Data(answerChanged.utf8)) == .refused("signature invalide (fichier modifié ou d'un autre centre)"))
        var spaceAdded = data
        spaceAdded.insert(0x20, at: spaceAdded.startIndex)
        #expect(try await center.restore(fileData: spaceAdded) == .refused("fichier modifié depuis son écriture par le terminal"))
        #expect(try await center.restore(fileData: Data("pas du json".utf8)) == .refused("ce n'est pas un fichier de résultat Épreuve (JSON illisible)"))
        #expect(try await center.results().isEmpty)
    }
}
