import Testing
@testable import CommandLineKit

@Suite struct PlainOptionsTests {
    let withValue: Set<String> = ["home", "center"]
    let flags: Set<String> = ["kiosk"]

    func read(_ arguments: [String]) -> PlainOptions? {
        PlainOptions.read(arguments, withValue: withValue, flags: flags)
    }

    @Test func knownLongOptionsGivenOnceAreRead() {
        #expect(read([]) == PlainOptions())
        #expect(read(["--home", "/srv/epreuve", "--kiosk", "--center=http://centre:8080"])
            == PlainOptions(values: ["home": "/srv/epreuve", "center": "http://centre:8080"], flags: ["kiosk"]))
        #expect(read(["--center", "https://x/?a=b"]) == PlainOptions(values: ["center": "https://x/?a=b"]))
    }

    @Test func anythingElseIsLeftToArgumentParser() {
        let others: [[String]] = [
            ["--help"], ["-h"], ["help"], ["outbox"], ["practice", "--home", "X"], ["--inconnue"], ["mot"],
            ["--home"], ["--home", "--kiosk"], ["--home", "-x"], ["--home", ""], ["--home="],
            ["--home", "A", "--home", "B"], ["--kiosk", "--kiosk"], ["--kiosk=oui"], ["--"], ["-"], ["--home", "A", "--"],
        ]
        for arguments in others {
            #expect(read(arguments) == nil, "\(arguments)")
        }
    }
}
