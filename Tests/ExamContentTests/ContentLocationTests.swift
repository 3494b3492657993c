import Foundation
import Testing
@testable import ExamContent

/// Where the program finds the content shipped with it, when no `--content` is given.
@Suite struct ContentLocationTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)").path

    func make(_ path: String, file: Bool = true) throws {
        let full = root + "/" + path
        let folder = file ? URL(fileURLWithPath: full).deletingLastPathComponent().path : full
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if file { try #require(FileManager.default.createFile(atPath: full, contents: Data())) }
    }

    @Test func anInstalledProgramFindsShareEpreuveContent() throws {
        try make("usr/local/share/epreuve/Content/profiles.yaml")
        try make("usr/local/bin/epreuve")
        #expect(ContentLocation.bundled(executablePath: root + "/usr/local/bin/epreuve")?.path
            == root + "/usr/local/share/epreuve/Content")
    }

    @Test func aBuiltProgramFindsThePackagesContentFourLevelsUp() throws {
        try make("package/Content/profiles.yaml")
        try make("package/.build/x86_64-unknown-linux-gnu/debug/epreuve")
        #expect(ContentLocation.bundled(executablePath: root + "/package/.build/x86_64-unknown-linux-gnu/debug/epreuve")?.path
            == root + "/package/Content")
    }

    @Test func aLinkToTheProgramIsFollowed() throws {
        try make("opt/epreuve/Content/profiles.yaml")
        try make("opt/epreuve/epreuve")
        try make("bin", file: false)
        try FileManager.default.createSymbolicLink(atPath: root + "/bin/epreuve", withDestinationPath: root + "/opt/epreuve/epreuve")
        #expect(ContentLocation.bundled(executablePath: root + "/bin/epreuve")?.path == root + "/opt/epreuve/Content")
    }

    @Test func aFolderWithoutProfilesIsNotContent() throws {
        try make("a/b/Content/notes.txt")
        try make("a/share/epreuve/Content/profiles.yaml")
        try make("a/b/epreuve")
        // a/b/Content has no profiles.yaml: the search goes on upwards.
        #expect(ContentLocation.bundled(executablePath: root + "/a/b/epreuve")?.path == root + "/a/share/epreuve/Content")
    }

    @Test func aProgramFoundOnThePathIsLocatedThroughProcSelfExe() throws {
        // Started by name only (no slash), the running executable is found through /proc/self/exe:
        // this test runner, built in the package's .build folder, finds the package's Content/.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        #expect(ContentLocation.bundledPath(executablePath: "epreuve") == package + "/Content")
    }

    @Test func theTextPathAndTheURLNameTheSameFolder() throws {
        try make("usr/share/epreuve/Content/profiles.yaml")
        try make("usr/bin/epreuve")
        let path = try #require(ContentLocation.bundledPath(executablePath: root + "/usr/bin/./epreuve"))
        #expect(path == root + "/usr/share/epreuve/Content")
        #expect(ContentLocation.bundled(executablePath: root + "/usr/bin/./epreuve")?.path == path)
    }

    @Test func theCurrentDirectoryIsGetcwds() {
        #expect(ContentLocation.currentDirectoryPath == FileManager.default.currentDirectoryPath)
    }
}
