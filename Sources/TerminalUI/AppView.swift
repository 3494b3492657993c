import ExamKit

/// Smallest usable terminal (DESIGN §10).
let minimumWidth = 60
let minimumHeight = 20

extension TerminalApp {
    /// The current state at the terminal's size (which also tells where scrolling stops).
    public mutating func frame(width: Int, height: Int, at now: MonotonicInstant) -> Frame {
        resize(width: width, height: height)
        var frame = Frame(width: width, height: height)
        render(into: &frame, at: now)
        return frame
    }

    /// Draws the current state; a blank frame of any size is expected.
    public func render(into frame: inout Frame, at now: MonotonicInstant) {
        frame.fill(x: 0, y: 0, width: frame.width, height: frame.height, role: .text)
        frame.cursor = nil
        frame.plain = context.configuration.reading.screenReader
        guard frame.width >= minimumWidth, frame.height >= minimumHeight else {
            let text = TextLayout.truncate(Strings.enlargeWindow, width: frame.width)
            frame.put(text, x: TextLayout.centered(TextWidth.of(text), in: frame.width), y: frame.height / 2, role: .title)
            return
        }
        screen.model.render(into: &frame, Column(frame: frame), context: context, at: now)
        if let panel { renderPanel(panel, into: &frame) }
    }
}

/// Field, message (error or « Vérification… ») and buttons under a label: the exam number and access
/// code screens, and the practice first name.
extension Frame {
    mutating func drawFieldBlock(_ field: TextField, waiting: Bool, message: String?, buttons: [String], focus: Int,
                                 column: Column, y: Int) {
        drawField(field, x: column.left, y: y, active: !waiting)
        if waiting {
            put(Strings.checking, x: column.left, y: y + 2, role: .muted)
        } else if let message {
            drawParagraph(message, x: column.left, y: y + 2, width: column.width, role: .incorrect)
        }
        drawButtons(buttons, focus: focus, x: column.left, y: y + 5)
        drawHelp(Strings.helpField, in: column)
    }
}
