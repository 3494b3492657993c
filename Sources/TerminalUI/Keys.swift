/// A key press as the interface sees it; the curses layer translates terminal input into these.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case tab, backTab
    case enter, backspace, escape
    case function(Int)
    /// In raw mode these arrive as keys instead of signals, so an exam cannot be interrupted.
    case controlC, controlZ, controlBackslash
    /// Ctrl-S: the surveillant's key on terminals without F12.
    case controlS
    /// The terminal changed size: the next render uses the new size.
    case resize
}

extension Key {
    /// F12, or Ctrl-S where the terminal has no F12 (DESIGN §10).
    var opensSurveillantPanel: Bool { self == .function(12) || self == .controlS }
}
