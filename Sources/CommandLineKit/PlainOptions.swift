/// Arguments made only of long options a command knows, each given once: how a lab terminal is
/// started (`epreuve --home DIR --center URL`). They can be read without ArgumentParser, whose
/// reflection costs about 4 ms at every start, a quarter of the time to the first screen.
/// Anything else (a subcommand, a word, `--help`, an unknown, repeated or valueless option) is left
/// to ArgumentParser, which also says what is wrong.
public struct PlainOptions: Equatable, Sendable {
    /// Options given with their value, by long name without dashes (`home` for `--home DIR`).
    public var values: [String: String]
    /// Flags given, by long name without dashes.
    public var flags: Set<String>

    public init(values: [String: String] = [:], flags: Set<String> = []) {
        self.values = values
        self.flags = flags
    }

    /// `withValue` and `flags` are the command's long names without dashes; nil unless every argument
    /// is one of them (`--name value`, `--name=value`, `--flag`) and none is repeated.
    public static func read(_ arguments: [String], withValue: Set<String>, flags: Set<String>) -> PlainOptions? {
        var result = PlainOptions()
        var seen: Set<String> = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else { return nil }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard seen.insert(name).inserted else { return nil }
            if let equals = body.firstIndex(of: "=") {
                let value = String(body[body.index(after: equals)...])
                guard withValue.contains(name), !value.isEmpty else { return nil }
                result.values[name] = value
            } else if flags.contains(name) {
                result.flags.insert(name)
            } else if withValue.contains(name) {
                index += 1
                // A value that looks like an option is ArgumentParser's to judge.
                guard index < arguments.endIndex, !arguments[index].isEmpty, !arguments[index].hasPrefix("-") else { return nil }
                result.values[name] = arguments[index]
            } else {
                return nil
            }
            index += 1
        }
        return result
    }
}
