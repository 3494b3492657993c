import ArgumentParser
import ExamKit
import Foundation

/// A mistake of the person at the keyboard: one plain French line, exit code 1.
public struct UserError: Error {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// Any error as the line a user reads: a file problem in French, our own errors by their description.
    public init(describing error: Error, path: String? = nil) {
        if let error = error as? UserError {
            self = error
            return
        }
        self.message = UserError.sentence(for: error, path: path)
    }

    static func sentence(for error: Error, path: String?) -> String {
        FileProblem.describe(error, path: path)
    }
}

/// Runs a command tree the way DESIGN §6 asks: options anywhere, French words, one error line,
/// exit codes 0 success, 1 user error, 2 usage error.
public enum CommandLineRunner {
    /// `beforeExit` runs once the command is done, whatever its outcome, before the program ends
    /// (to close database connections cleanly).
    /// `shortcut` may read plain arguments itself (`PlainOptions`) and give what to run;
    /// ArgumentParser reads them otherwise.
    public static func run<Root: ParsableCommand>(_ root: Root.Type, globalOptions: GlobalOptions,
                                                  arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                                                  shortcut: ([String]) -> (() async throws -> Void)? = { _ in nil },
                                                  beforeExit: @Sendable () async -> Void = {}) async {
        let program = root.configuration.commandName ?? "epreuve"
        let arranged = globalOptions.moveAfterSubcommands(arguments, root: root)
        do {
            if let run = shortcut(arguments) {
                try await run()
            } else {
                var command = try root.parseAsRoot(arranged)
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            await beforeExit()
        } catch let error as UserError {
            await beforeExit()
            FileHandle.standardError.write(Data("\(program): \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            await beforeExit()
            let code = root.exitCode(for: error)
            if code == .success {
                let help = root.fullMessage(for: error)
                if !help.isEmpty { print(FrenchArguments.translate(help: help)) }
                Foundation.exit(0)
            }
            if code.rawValue == 1 {
                // An ExitCode(1) thrown on purpose, or an error nobody turned into a sentence: keep the code.
                let text = error is ExitCode ? "" : UserError.sentence(for: error, path: nil)
                if !text.isEmpty { FileHandle.standardError.write(Data("\(program): \(text)\n".utf8)) }
                Foundation.exit(1)
            }
            let path = ([program] + GlobalOptions.subcommandPath(arranged, root: root)).joined(separator: " ")
            let message = FrenchArguments.translate(error: root.message(for: error))
            FileHandle.standardError.write(Data("\(program): \(message) (aide : \(path) --help)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// Options every subcommand takes (`--home`, `--content`…), which users put before the subcommand
/// as with git or docker: they are moved after the last subcommand name, where the parser reads them.
public struct GlobalOptions: Sendable {
    /// Long names without dashes that take a value (`home` for `--home DIR`).
    public let withValue: Set<String>
    /// Long names of flags (`kiosk` for `--kiosk`).
    public let flags: Set<String>

    public init(withValue: Set<String>, flags: Set<String> = []) {
        self.withValue = withValue
        self.flags = flags
    }

    public func moveAfterSubcommands(_ arguments: [String], root: ParsableCommand.Type) -> [String] {
        var command = root
        var kept: [String] = []
        var moved: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if let next = Self.subcommand(named: argument, of: command) {
                command = next
                kept.append(argument)
                index += 1
                continue
            }
            guard argument.hasPrefix("--") else { break }
            let name = String(argument.dropFirst(2).prefix { $0 != "=" })
            if flags.contains(name) || (withValue.contains(name) && argument.contains("=")) {
                moved.append(argument)
                index += 1
            } else if withValue.contains(name), index + 1 < arguments.count {
                moved.append(contentsOf: arguments[index...index + 1])
                index += 2
            } else {
                break
            }
        }
        // Nothing to move once the first non-subcommand word is reached: the rest keeps its order.
        let rest = Array(arguments[index...])
        guard !moved.isEmpty, !kept.isEmpty else { return arguments }
        if let separator = rest.firstIndex(of: "--") {
            return kept + rest[..<separator] + moved + rest[separator...]
        }
        return kept + rest + moved
    }

    /// The subcommand names at the head of `arguments` (after options were moved), for the help hint.
    static func subcommandPath(_ arguments: [String], root: ParsableCommand.Type) -> [String] {
        var command = root
        var path: [String] = []
        for argument in arguments {
            guard let next = subcommand(named: argument, of: command) else { break }
            path.append(argument)
            command = next
        }
        return path
    }

    static func subcommand(named name: String, of command: ParsableCommand.Type) -> ParsableCommand.Type? {
        command.configuration.subcommands.first { subcommand in
            let configuration = subcommand.configuration
            let primary = configuration.commandName ?? kebab(String(describing: subcommand))
            return primary == name || configuration.aliases.contains(name)
        }
    }

    /// ArgumentParser's default command name: `ResultsCommand` → `results-command`.
    static func kebab(_ typeName: String) -> String {
        var result = ""
        for (offset, character) in typeName.enumerated() {
            if character.isUppercase, offset > 0 { result.append("-") }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
