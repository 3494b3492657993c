import ArgumentParser
import Foundation

/// What ArgumentParser says in English, said in French: its error messages and the words of `--help`.
/// The parser's own sentences are fixed text, so the translation is by pattern; anything it does not
/// know stays readable behind a French lead-in rather than being dropped.
public enum FrenchArguments {
    /// One error line, without the « Error: » prefix, the usage and the hint ArgumentParser appends.
    public static func translate(error message: String) -> String {
        let message = message.split(separator: "\n").first.map(String.init) ?? message
        for (pattern, render) in errorPatterns {
            if let captures = match(pattern, in: message) { return render(captures) }
        }
        return "arguments non valables : \(message)"
    }

    /// The help screen with its headings and built-in lines in French; the command's own texts are French already.
    public static func translate(help text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            lines.append(translate(helpLine: line))
        }
        return lines.joined(separator: "\n")
    }

    static func translate(helpLine line: String) -> String {
        var line = line
        let headings = [
            ("OVERVIEW: ", "RÉSUMÉ : "), ("USAGE: ", "UTILISATION : "), ("ARGUMENTS:", "ARGUMENTS :"),
            ("OPTIONS:", "OPTIONS :"), ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
        ]
        for (english, french) in headings where line.hasPrefix(english) {
            line = french + line.dropFirst(english.count)
        }
        if let captures = match("  See '{}' for detailed help.", in: line) {
            // « prog help sessions <subcommand> » is offered as « prog sessions <sous-commande> --help ».
            var words = captures[0].split(separator: " ").map(String.init).filter { $0 != "<subcommand>" }
            if words.count > 1, words[1] == "help" { words.remove(at: 1) }
            let command = (words + ["<sous-commande>", "--help"]).joined(separator: " ")
            return "  Aide d'une sous-commande : « \(command) »."
        }
        let replacements = [
            ("Show help information.", "Affiche cette aide."),
            ("Show the version.", "Affiche la version."),
            ("(default: ", "(défaut : "),
            ("(values: ", "(valeurs : "),
            ("; default: ", " ; défaut : "),
            (" (default)", " (défaut) "),
            ("<subcommand>", "<sous-commande>"),
        ]
        for (english, french) in replacements {
            line = line.replacingOccurrences(of: english, with: french)
        }
        return line
    }

    /// Patterns in the order they must be tried: `{}` captures a quoted or free part.
    private static let errorPatterns: [(String, @Sendable ([String]) -> String)] = [
        ("Unknown option '{}'. Did you mean '{}'?", { "option inconnue « \($0[0]) » (vouliez-vous dire « \($0[1]) » ?)" }),
        ("Unknown option '{}'", { "option inconnue « \($0[0]) »" }),
        ("Missing value for '{}'", { "valeur manquante après « \($0[0]) »" }),
        ("Missing expected argument '{}'", { "il manque « \($0[0]) »" }),
        ("Missing one of: {}", { "il manque l'un de : \(quoteList($0[0]))" }),
        ("The value '{}' is invalid for '{}'. Please provide one of {}.", {
            "la valeur « \($0[0]) » ne convient pas pour « \($0[1]) » : choisissez parmi \(quoteList($0[2]))"
        }),
        ("The value '{}' is invalid for '{}': {}", { "la valeur « \($0[0]) » ne convient pas pour « \($0[1]) » : \($0[2])" }),
        ("The value '{}' is invalid for '{}'", { "la valeur « \($0[0]) » ne convient pas pour « \($0[1]) »" }),
        ("The value '{}' is invalid.{}", { "la valeur « \($0[0]) » ne convient pas\($0[1])" }),
        ("The option '{}' does not take any value, but '{}' was specified.", {
            "l'option « \($0[0]) » ne prend pas de valeur (« \($0[1]) » donné)"
        }),
        ("Unexpected argument '{}'", { "argument en trop : « \($0[0]) »" }),
        ("{} unexpected arguments: {}", { "\($0[0]) arguments en trop : \(quoteList($0[1]))" }),
        ("Value to be set with {} had already been set with {}", { _ in "la même option est donnée deux fois" }),
        ("Missing required subcommand.", { _ in "sous-commande manquante" }),
        ("Invalid option: {}", { "option non valable : « \($0[0]) »" }),
        ("Command '{}' is not a parent of the current command.", { "« \($0[0]) » n'est pas une commande de ce programme" }),
    ]

    /// `'a', 'b' and 'c'` or `'a', 'b'` → `« a », « b », « c »`.
    static func quoteList(_ text: String) -> String {
        let cleaned = text.replacingOccurrences(of: " and ", with: ", ").replacingOccurrences(of: " or ", with: ", ")
        let items = cleaned.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }.filter { !$0.isEmpty }
        return items.map { "« \($0) »" }.joined(separator: ", ")
    }

    /// Matches `pattern` (literal text with `{}` holes) against the whole of `text`; returns the holes' contents.
    static func match(_ pattern: String, in text: String) -> [String]? {
        let literals = pattern.components(separatedBy: "{}")
        guard text.hasPrefix(literals[0]) else { return nil }
        var rest = Substring(text.dropFirst(literals[0].count))
        var captures: [String] = []
        for (index, literal) in literals.enumerated().dropFirst() {
            let isLast = index == literals.count - 1
            if isLast {
                guard rest.hasSuffix(literal) else { return nil }
                captures.append(String(rest.dropLast(literal.count)))
                rest = ""
            } else {
                guard !literal.isEmpty, let range = rest.range(of: literal) else { return nil }
                captures.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
        }
        return captures
    }
}
