import CNcursesw
import Glibc
import TerminalUI

public enum CursesError: Error, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not set the terminal up (unknown TERM…).
    case cannotInitialize

    public var description: String {
        switch self {
        case .notATerminal: TerminalSetupText.notATerminal
        case .cannotInitialize: TerminalSetupText.cannotInitialize
        }
    }
}

/// The terminal, through ncursesw: frames in, keys out. Not Sendable: use it on the main thread only.
///
/// Signals: `restore()` calls `endwin()`, which is not async-signal-safe. A SIGTERM/SIGHUP handler must
/// only set a flag (or be a `DispatchSource` signal source on the main queue); `readKey` returns nil
/// when a signal interrupts it, so the main loop sees the flag at once, saves the attempt, calls
/// `restore()` and exits. `restore()` may be called any number of times.
public final class CursesScreen {
    private let theme: InterfaceTheme
    private var restored = false
    private var cursorVisible: Int32 = -1
    /// Colour pair of each role (0 = the terminal's default colours).
    private var pairs: [ThemeRole: Int16] = [:]
    private var attributes: [ThemeRole: attr_t] = [:]

    public init(theme: InterfaceTheme) throws {
        guard epreuve_is_terminal() != 0 else { throw CursesError.notATerminal }
        setlocale(LC_ALL, "")
        guard epreuve_newterm() != nil else { throw CursesError.cannotInitialize }
        raw() // Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys, not signals (kiosk).
        noecho()
        nonl()
        keypad(epreuve_stdscr(), true)
        set_escdelay(25)
        var effective = theme
        if has_colors() {
            start_color()
            let defaults = use_default_colors() == OK
            self.theme = theme
            for (index, role) in ThemeRole.allCases.enumerated() {
                let style = theme.style(role)
                let pair = Int16(index + 1)
                init_pair(pair, Self.color(style.foreground, defaults: defaults, isBackground: false),
                          Self.color(style.background, defaults: defaults, isBackground: true))
                pairs[role] = pair
            }
        } else {
            effective = .monochrome
            self.theme = effective
        }
        for role in ThemeRole.allCases {
            let style = effective.style(role)
            var value = epreuve_a_normal()
            if style.bold { value |= epreuve_a_bold() }
            if style.dim { value |= epreuve_a_dim() }
            if style.underline { value |= epreuve_a_underline() }
            if style.reverse { value |= epreuve_a_reverse() }
            attributes[role] = value
        }
        setCursor(visible: false)
    }

    deinit {
        restore()
    }

    public var size: (width: Int, height: Int) {
        (Int(epreuve_cols()), Int(epreuve_lines()))
    }

    /// Writes every cell into the virtual screen, then one refresh: ncurses sends only what changed.
    public func draw(_ frame: Frame) {
        guard !restored else { return }
        let window = epreuve_stdscr()
        let (columns, lines) = size
        // One buffer for every run of the frame: an array per run was most of a frame's allocations.
        var characters: [wchar_t] = []
        characters.reserveCapacity(columns * 2)
        for y in 0..<min(frame.height, lines) {
            let row = frame.row(y)
            var x = 0
            while x < min(row.count, columns) {
                // One run of cells with the same role: one attribute change, one string.
                let role = row[x].role
                var end = x
                characters.removeAll(keepingCapacity: true)
                while end < min(row.count, columns), row[end].role == role {
                    // The terminal moves two columns for a wide character: its continuation cell is not sent.
                    if !row[end].isContinuation {
                        for scalar in row[end].character.unicodeScalars { characters.append(wchar_t(bitPattern: scalar.value)) }
                    }
                    end += 1
                }
                wattr_set(window, attributes[role] ?? epreuve_a_normal(), pairs[role] ?? 0, nil)
                // The bottom-right cell reports ERR (the cursor cannot move on) but is written.
                _ = mvwaddnwstr(window, Int32(y), Int32(x), characters, Int32(characters.count))
                x = end
            }
        }
        wattr_set(window, epreuve_a_normal(), 0, nil)
        if let cursor = frame.cursor, cursor.x < columns, cursor.y < lines {
            leaveok(window, false)
            setCursor(visible: true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            // The cursor is hidden: left where the last change was written rather than brought back
            // to a fixed place after every refresh (fewer bytes for a waiting question).
            leaveok(window, true)
            setCursor(visible: false)
        }
        wrefresh(window)
    }

    /// The next key, waiting at most `timeoutMilliseconds` (nil: no limit), or nil as soon as
    /// `wakeDescriptor` is readable (an answer from background work) or a signal arrives. Keys ncurses
    /// already holds come first; then the keyboard and the wake descriptor are polled together.
    public func nextKey(timeoutMilliseconds: Int?, wakeDescriptor: Int32) -> Key? {
        guard !restored else { return nil }
        if let key = readKey(timeoutMilliseconds: 0) { return key }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&descriptors, 2, Int32(clamping: timeoutMilliseconds.map { max(0, $0) } ?? -1))
        if ready > 0, descriptors[0].revents != 0 {
            // The rest of an escape sequence may still be on its way.
            return readKey(timeoutMilliseconds: 50)
        }
        // A signal (SIGWINCH brings KEY_RESIZE) interrupts poll: pick up what ncurses made of it.
        if ready < 0 { return readKey(timeoutMilliseconds: 0) }
        return nil
    }

    /// The next key, waiting at most `timeoutMilliseconds` (nil: until a key comes). Nil on timeout,
    /// on a signal and on keys the interface does not use.
    public func readKey(timeoutMilliseconds: Int?) -> Key? {
        guard !restored else { return nil }
        let window = epreuve_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds.map { max(0, $0) } ?? -1))
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if status == epreuve_err() { return nil }
        if status == epreuve_key_code_yes() { return Self.functionKey(Int32(bitPattern: code)) }
        switch code {
        case 0x03: return .controlC
        case 0x13: return .controlS
        case 0x1A: return .controlZ
        case 0x1C: return .controlBackslash
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Gives the terminal back (endwin). Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
    }

    private func setCursor(visible: Bool) {
        let wanted: Int32 = visible ? 1 : 0
        guard wanted != cursorVisible else { return }
        cursorVisible = wanted
        curs_set(wanted)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case epreuve_key_f(1)...epreuve_key_f(63): return .function(Int(code - epreuve_key_f(0)))
        default: return nil
        }
    }

    /// A theme colour as a curses colour number; colours the terminal lacks fall back to the
    /// nearest basic one, or to the default.
    private static func color(_ color: TerminalColor, defaults: Bool, isBackground: Bool) -> Int16 {
        let available = Int(epreuve_colors())
        switch color {
        case .default:
            return defaults ? -1 : (isBackground ? 0 : 7)
        case let .ansi(number):
            if number < available { return Int16(number) }
            if number < 16, available >= 8 { return Int16(number % 8) }
            return defaults ? -1 : (isBackground ? 0 : 7)
        }
    }
}
