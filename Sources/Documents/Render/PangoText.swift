import CPangoCairo

/// A paragraph shaped by pango for one width: its size is known before it is drawn.
final class TextLayout {
    let layout: OpaquePointer
    /// Logical size in points.
    let width: Double
    let height: Double
    let color: Color

    init(layout: OpaquePointer, color: Color) {
        self.layout = layout
        self.color = color
        var w: Int32 = 0
        var h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        width = Double(w) / pangoScale
        height = Double(h) / pangoScale
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }
}

let pangoScale = Double(epreuve_pango_scale())

/// Shapes paragraphs with pango for a cairo context: one pango context at 72 dpi, so that a point
/// in a `TextStyle` is a point on paper, and layouts cached per paragraph and width (each is
/// measured once, then drawn).
final class PangoText {
    private let context: OpaquePointer
    private var cache: [Key: TextLayout] = [:]

    private struct Key: Hashable {
        let paragraph: Paragraph
        let width: Double
    }

    init(cairo: OpaquePointer) {
        context = pango_cairo_create_context(cairo)
        pango_cairo_context_set_resolution(context, 72)
        // Unhinted metrics: the same line breaks whatever the output device.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        // Exact glyph positions: rounded to whole points, widths stop scaling with the size.
        pango_context_set_round_glyph_positions(context, 0)
        let french = pango_language_from_string("fr-FR")
        pango_context_set_language(context, french)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// The paragraph shaped for `width` points, following its fit rule.
    func layout(_ paragraph: Paragraph, width: Double) -> TextLayout {
        let key = Key(paragraph: paragraph, width: width)
        if let cached = cache[key] { return cached }
        let made = make(paragraph, width: max(width, 1))
        cache[key] = made
        return made
    }

    private func make(_ paragraph: Paragraph, width: Double) -> TextLayout {
        let style = paragraph.style
        var size = style.size
        var wraps = true
        switch style.fit {
        case .wrap:
            break
        case .ellipsize:
            wraps = false
        case .shrink(let minSize):
            wraps = false
            size = fitted(size, minSize, natural: naturalWidth(paragraph, size: size), width: width)
        case .shrinkThenWrap(let minSize):
            size = fitted(size, minSize, natural: naturalWidth(paragraph, size: size), width: width)
        case .wrapWords(let minSize):
            size = fitted(size, minSize, natural: widestWord(paragraph, size: size), width: width)
        }
        let layout = shaped(paragraph, size: size)
        pango_layout_set_width(layout, Int32(width * pangoScale))
        if wraps {
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        } else {
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
        }
        return TextLayout(layout: layout, color: style.color)
    }

    /// The size at which text `natural` points wide at `size` fits `width`, not below `minSize`.
    private func fitted(_ size: Double, _ minSize: Double, natural: Double, width: Double) -> Double {
        guard natural > width, natural > 0 else { return size }
        // Widths scale linearly with size; a hair under, rounded down to a quarter point.
        return max(min(minSize, size), (size * width / natural * 0.995 * 4).rounded(.down) / 4)
    }

    /// Width of the text on one line.
    private func naturalWidth(_ paragraph: Paragraph, size: Double) -> Double {
        TextLayout(layout: shaped(paragraph, size: size), color: paragraph.style.color).width
    }

    /// Width of the widest word: the text shaped with a line break at every breakable space.
    private func widestWord(_ paragraph: Paragraph, size: Double) -> Double {
        var words = paragraph
        words.runs = paragraph.runs.map { run in
            var run = run
            // Breakable spaces only: « n° 832648 » (non-breaking) stays one word.
            run.text = String(run.text.map { $0 == " " || $0 == "\t" ? "\n" : $0 })
            return run
        }
        return naturalWidth(words, size: size)
    }

    /// A layout holding the paragraph's text and font, not yet given a width.
    private func shaped(_ paragraph: Paragraph, size: Double) -> OpaquePointer {
        let style = paragraph.style
        let layout = pango_layout_new(context)!
        let font = pango_font_description_new()
        pango_font_description_set_family(font, style.family.rawValue)
        pango_font_description_set_size(font, Int32(size * pangoScale))
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        if style.lineSpacing != 1 {
            pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
        }
        pango_layout_set_markup(layout, markup(paragraph, size: size), -1)
        return layout
    }

    /// Pango markup for the runs; every piece of text goes through glib's escaping.
    private func markup(_ paragraph: Paragraph, size: Double) -> String {
        var out = ""
        for run in paragraph.runs {
            var attributes: [String] = []
            if let bold = run.bold { attributes.append(bold ? "weight=\"bold\"" : "weight=\"normal\"") }
            if let italic = run.italic { attributes.append(italic ? "style=\"italic\"" : "style=\"normal\"") }
            if let color = run.color { attributes.append("foreground=\"\(hex(color))\"") }
            if let family = run.family { attributes.append("font_family=\"\(family.rawValue)\"") }
            if let scale = run.scale { attributes.append("size=\"\(Int(size * scale * pangoScale))\"") }
            let text = escaped(run.text)
            out += attributes.isEmpty ? text : "<span \(attributes.joined(separator: " "))>\(text)</span>"
        }
        if paragraph.style.letterSpacing != 0 {
            out = "<span letter_spacing=\"\(Int(paragraph.style.letterSpacing * pangoScale))\">\(out)</span>"
        }
        return out
    }

    /// Escaped for markup, without control characters: pango refuses markup holding them and
    /// would print nothing of the paragraph.
    private func escaped(_ text: String) -> String {
        var printable = String.UnicodeScalarView()
        printable.append(contentsOf: text.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\t" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        })
        guard let escaped = g_markup_escape_text(String(printable), -1) else { return "" }
        defer { g_free(escaped) }
        return String(cString: escaped)
    }

    private func hex(_ color: Color) -> String {
        func byte(_ component: Double) -> String {
            let value = Int((min(max(component, 0), 1) * 255).rounded())
            return String(value, radix: 16).leftPadded(to: 2)
        }
        return "#" + byte(color.red) + byte(color.green) + byte(color.blue)
    }

    /// Draws a layout with its top-left corner at (x, y).
    func show(_ text: TextLayout, cairo: OpaquePointer, x: Double, y: Double) {
        cairo_set_source_rgb(cairo, text.color.red, text.color.green, text.color.blue)
        cairo_move_to(cairo, x, y)
        // The shared context was made for this cairo context, which is only ever translated:
        // no `pango_cairo_update_layout` (it would re-shape every layout on every call).
        pango_cairo_show_layout(cairo, text.layout)
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
