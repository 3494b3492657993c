import Foundation

/// Runs a program to its end with its output in temporary files, never pipes: a long-lived child
/// started meanwhile by another test (a `serve`) inherits open descriptors, and a pipe it holds
/// would keep `readDataToEndOfFile` waiting, and the test, for as long as that child lives.
/// Blocks until the program ends: call it off the cooperative pool for anything slow.
public enum ChildProcess {
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("stdout").path
        let errPath = folder.appendingPathComponent("stderr").path
        let process = try SpawnedProcess(path, arguments, environment: environment, currentDirectory: currentDirectory,
                                         stdout: outPath, stderr: errPath)
        let status = process.waitUntilExit()
        return Output(status: status,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
