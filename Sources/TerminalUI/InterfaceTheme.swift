import Yams

/// A terminal colour: the terminal's own default, or one of the 256 indexed colours.
public enum TerminalColor: Sendable, Hashable {
    case `default`
    case ansi(Int)

    /// The eight names of DESIGN §5, in ANSI order.
    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
}

/// How one role is drawn.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

/// A theme file of Themes/ could not be used; the message names the file, line and field.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Colours and attributes of every role (DESIGN §5).
public struct InterfaceTheme: Sendable {
    public let name: String
    /// Every role has a style (roles missing from a file take the style of `text`).
    public let styles: [ThemeRole: RoleStyle]

    public init(name: String, styles: [ThemeRole: RoleStyle]) {
        self.name = name
        let base = styles[.text] ?? RoleStyle()
        self.styles = Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, styles[$0] ?? base) })
    }

    public func style(_ role: ThemeRole) -> RoleStyle {
        styles[role] ?? RoleStyle()
    }

    /// Built in, used when the terminal has no colours: attributes only.
    public static let monochrome = InterfaceTheme(name: "Monochrome", styles: [
        .text: RoleStyle(),
        .title: RoleStyle(bold: true),
        .bannerSingle: RoleStyle(bold: true, reverse: true),
        .bannerMultiple: RoleStyle(bold: true, underline: true, reverse: true),
        .choice: RoleStyle(),
        .choiceSelected: RoleStyle(bold: true, reverse: true),
        .choiceFocus: RoleStyle(underline: true),
        .timer: RoleStyle(bold: true),
        .timerUrgent: RoleStyle(bold: true, reverse: true),
        .progress: RoleStyle(),
        .correct: RoleStyle(bold: true),
        .incorrect: RoleStyle(bold: true, underline: true),
        .muted: RoleStyle(dim: true),
    ])

    /// Reads a theme file's text; `file` is only used to name the place of an error.
    public static func parse(yaml: String, file: String) throws -> InterfaceTheme {
        let root: Node?
        do {
            // Every value is read as text: the basic resolver spares the start-up the regular
            // expressions the default one compiles to tell numbers and dates (2 ms, a tenth of it).
            // Nodes are read, never constructed into values, so the constructor's tables are empty;
            // the encoding is named, as Yams's default reads the whole environment through
            // `ProcessInfo` to choose it (0.5 ms of the first frame for the two).
            root = try Yams.compose(yaml: yaml, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            throw ThemeError(file: file, line: error.mark?.line ?? 1, column: error.mark?.column ?? 1,
                             message: Strings.themeInvalidYAML)
        }
        func fail(_ node: Node?, _ message: String) -> ThemeError {
            ThemeError(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
        }
        guard let root, let top = root.mapping else { throw fail(root, Strings.themeNotAMapping) }
        for (key, _) in top where !["name", "colors"].contains(key.string ?? "") {
            throw fail(key, Strings.themeUnknownField(key.string ?? "?"))
        }
        guard let nameNode = top["name"] else { throw fail(root, Strings.themeMissingField("name")) }
        guard let name = nameNode.string, !name.isEmpty else { throw fail(nameNode, Strings.themeFieldNotText("name")) }
        guard let colorsNode = top["colors"] else { throw fail(root, Strings.themeMissingField("colors")) }
        guard let colors = colorsNode.mapping else { throw fail(colorsNode, Strings.themeColorsNotAMapping) }

        var styles: [ThemeRole: RoleStyle] = [:]
        for (key, value) in colors {
            guard let roleName = key.string, let role = ThemeRole(rawValue: roleName) else {
                throw fail(key, Strings.themeUnknownRole(key.string ?? "?"))
            }
            guard let items = value.sequence, items.count >= 2 else { throw fail(value, Strings.themeRoleShape(roleName)) }
            let list = Array(items)
            var style = RoleStyle(foreground: try color(list[0], role: roleName, fail: fail),
                                  background: try color(list[1], role: roleName, fail: fail))
            for attribute in list.dropFirst(2) {
                switch attribute.string {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "underline": style.underline = true
                case "reverse": style.reverse = true
                default: throw fail(attribute, Strings.themeUnknownAttribute(attribute.string ?? "?", role: roleName))
                }
            }
            styles[role] = style
        }
        return InterfaceTheme(name: name, styles: styles)
    }

    private static func color(_ node: Node, role: String, fail: (Node?, String) -> ThemeError) throws -> TerminalColor {
        guard let word = node.string?.lowercased() else { throw fail(node, Strings.themeUnknownColor("?", role: role)) }
        if word == "default" { return .default }
        if let index = TerminalColor.names.firstIndex(of: word) { return .ansi(index) }
        if let number = Int(word), (0...255).contains(number) { return .ansi(number) }
        throw fail(node, Strings.themeUnknownColor(word, role: role))
    }
}

extension YamlError {
    var mark: Mark? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark
        default: nil
        }
    }
}
