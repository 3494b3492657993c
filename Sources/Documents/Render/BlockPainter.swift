import CPangoCairo
import Foundation

/// Measures and draws blocks on one cairo context. Heights come from the same shaped text that is
/// drawn, so what is measured is what is printed.
final class BlockPainter {
    let cairo: OpaquePointer
    let text: PangoText

    init(cairo: OpaquePointer) {
        self.cairo = cairo
        text = PangoText(cairo: cairo)
    }

    // MARK: Measuring

    func height(of block: Block, width: Double) -> Double {
        switch block {
        case .text(let paragraph):
            return text.layout(paragraph, width: width).height + paragraph.style.spaceAfter
        case .spacer(let height):
            return height
        case .rule(let stroke):
            return stroke.width
        case .table(let table):
            let widths = Self.widths(table.columns, total: width, gap: 0)
            return (table.header.map { [$0] } ?? []).reduce(0) { $0 + rowHeight($1, table: table, widths: widths) }
                + table.rows.reduce(0) { $0 + rowHeight($1, table: table, widths: widths) }
        case .barChart(let chart):
            return chart.bars.isEmpty ? 0 : Double(chart.bars.count) * (chart.barHeight + chart.gap) - chart.gap
        case .box(let box):
            let inner = stackHeight(box.content, width: width - box.padding.left - box.padding.right)
            return max(box.minHeight, inner + box.padding.top + box.padding.bottom)
        case .columns(let columns):
            let widths = Self.widths(columns.items.map(\.width), total: width, gap: columns.gap)
            return zip(columns.items, widths).map { stackHeight($0.content, width: $1) }.max() ?? 0
        case .keepTogether(let blocks):
            return stackHeight(blocks, width: width)
        case .checkbox(let box):
            return box.size
        case .pageBreak:
            return 0
        }
    }

    func stackHeight(_ blocks: [Block], width: Double) -> Double {
        blocks.reduce(0) { $0 + height(of: $1, width: width) }
    }

    func rowHeight(_ row: Table.Row, table: Table, widths: [Double]) -> Double {
        let content = zip(row.cells, widths).map { cell, width in
            stackHeight(cell.content, width: width - table.padding.left - table.padding.right)
        }.max() ?? 0
        return max(row.minHeight, content + table.padding.top + table.padding.bottom)
    }

    /// Widths of columns sharing `total` points: fixed ones first, shares split the rest.
    static func widths(_ columns: [ColumnWidth], total: Double, gap: Double) -> [Double] {
        let available = total - gap * Double(max(columns.count - 1, 0))
        var fixed = 0.0
        var shares = 0.0
        for column in columns {
            switch column {
            case .points(let points): fixed += points
            case .share(let share): shares += share
            }
        }
        let perShare = shares > 0 ? max(available - fixed, 0) / shares : 0
        return columns.map {
            switch $0 {
            case .points(let points): points
            case .share(let share): share * perShare
            }
        }
    }

    // MARK: Drawing

    /// Draws blocks one under the other from (x, y); returns the height used.
    @discardableResult
    func drawStack(_ blocks: [Block], x: Double, y: Double, width: Double) -> Double {
        var top = y
        for block in blocks {
            draw(block, x: x, y: top, width: width)
            top += height(of: block, width: width)
        }
        return top - y
    }

    func draw(_ block: Block, x: Double, y: Double, width: Double) {
        switch block {
        case .text(let paragraph):
            text.show(text.layout(paragraph, width: width), cairo: cairo, x: x, y: y)
        case .spacer, .pageBreak:
            break
        case .rule(let stroke):
            line(from: Point(x: x, y: y + stroke.width / 2), to: Point(x: x + width, y: y + stroke.width / 2), stroke)
        case .table(let table):
            drawTable(table, x: x, y: y, width: width)
        case .barChart(let chart):
            drawChart(chart, x: x, y: y, width: width)
        case .box(let box):
            let rect = Rect(x: x, y: y, width: width, height: height(of: block, width: width))
            rectangle(rect, stroke: box.border, fill: box.fill, radius: box.cornerRadius)
            drawStack(box.content, x: x + box.padding.left, y: y + box.padding.top,
                      width: width - box.padding.left - box.padding.right)
        case .columns(let columns):
            let widths = Self.widths(columns.items.map(\.width), total: width, gap: columns.gap)
            var left = x
            for (column, columnWidth) in zip(columns.items, widths) {
                drawStack(column.content, x: left, y: y, width: columnWidth)
                left += columnWidth + columns.gap
            }
        case .keepTogether(let blocks):
            drawStack(blocks, x: x, y: y, width: width)
        case .checkbox(let box):
            drawCheckbox(box, x: x + (width - box.size) / 2, y: y)
        }
    }

    private func drawTable(_ table: Table, x: Double, y: Double, width: Double) {
        let widths = Self.widths(table.columns, total: width, gap: 0)
        var top = y
        var rows: [(row: Table.Row, fill: Color?)] = table.header.map { [($0, table.headerFill)] } ?? []
        for (index, row) in table.rows.enumerated() {
            rows.append((row, row.fill ?? (index % 2 == 1 ? table.zebra : nil)))
        }
        for (row, rowFill) in rows {
            let height = rowHeight(row, table: table, widths: widths)
            var left = x
            for (column, columnWidth) in widths.enumerated() {
                let cell = column < row.cells.count ? row.cells[column] : .empty
                let rect = Rect(x: left, y: top, width: columnWidth, height: height)
                rectangle(rect, stroke: nil, fill: cell.fill ?? rowFill)
                let inner = rect.inset(by: table.padding)
                let contentHeight = stackHeight(cell.content, width: inner.width)
                let offset = cell.topAligned ? 0 : max(0, (inner.height - contentHeight) / 2)
                drawStack(cell.content, x: inner.x, y: inner.y + offset, width: inner.width)
                rectangle(rect, stroke: table.grid, fill: nil)
                left += columnWidth
            }
            top += height
        }
    }

    private func drawChart(_ chart: BarChart, x: Double, y: Double, width: Double) {
        let valueRoom = 48.0
        let trackX = x + chart.labelWidth
        let trackWidth = max(width - chart.labelWidth - valueRoom, 10)
        var top = y
        let valueStyle = chart.labelStyle.with { $0.bold = true; $0.fit = .wrap }
        for bar in chart.bars {
            let label = text.layout(Paragraph(bar.label, chart.labelStyle.with { $0.alignment = .right }),
                                    width: chart.labelWidth - 6)
            text.show(label, cairo: cairo, x: x, y: top + (chart.barHeight - label.height) / 2)
            rectangle(Rect(x: trackX, y: top, width: trackWidth, height: chart.barHeight), stroke: nil, fill: .shade)
            let fraction = chart.maximum > 0 ? min(max(bar.value / chart.maximum, 0), 1) : 0
            if fraction > 0 {
                rectangle(Rect(x: trackX, y: top, width: trackWidth * fraction, height: chart.barHeight),
                          stroke: nil, fill: bar.color ?? chart.color)
            }
            let value = text.layout(Paragraph(bar.valueText, valueStyle), width: valueRoom - 4)
            text.show(value, cairo: cairo, x: trackX + trackWidth + 4, y: top + (chart.barHeight - value.height) / 2)
            top += chart.barHeight + chart.gap
        }
    }

    private func drawCheckbox(_ box: Checkbox, x: Double, y: Double) {
        let rect = Rect(x: x, y: y, width: box.size, height: box.size)
        switch box.state {
        case .empty:
            rectangle(rect, stroke: Stroke(width: 0.8, color: .black), fill: .white)
        case .filled:
            rectangle(rect, stroke: Stroke(width: 0.8, color: .black), fill: .black)
        case .unavailable:
            rectangle(rect, stroke: Stroke(width: 0.5, color: .gray(0.75)), fill: .gray(0.88))
        }
        guard let label = box.label, box.state != .unavailable else { return }
        let color: Color = box.state == .filled ? .white : .gray(0.6)
        let shaped = text.layout(Paragraph(label, TextStyle(size: box.size * 0.6, bold: box.state == .filled,
                                                            color: color, alignment: .center)), width: box.size)
        text.show(shaped, cairo: cairo, x: x, y: y + (box.size - shaped.height) / 2)
    }

    // MARK: Primitives

    func rectangle(_ rect: Rect, stroke: Stroke?, fill: Color?, radius: Double = 0) {
        guard stroke != nil || fill != nil else { return }
        path(rect, radius: radius)
        if let fill {
            cairo_set_source_rgb(cairo, fill.red, fill.green, fill.blue)
            stroke == nil ? cairo_fill(cairo) : cairo_fill_preserve(cairo)
        }
        if let stroke {
            apply(stroke)
            cairo_stroke(cairo)
        }
    }

    func line(from: Point, to: Point, _ stroke: Stroke) {
        apply(stroke)
        cairo_move_to(cairo, from.x, from.y)
        cairo_line_to(cairo, to.x, to.y)
        cairo_stroke(cairo)
    }

    private func path(_ rect: Rect, radius: Double) {
        guard radius > 0 else {
            cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
            return
        }
        let r = min(radius, rect.width / 2, rect.height / 2)
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, rect.maxX - r, rect.y + r, r, -.pi / 2, 0)
        cairo_arc(cairo, rect.maxX - r, rect.maxY - r, r, 0, .pi / 2)
        cairo_arc(cairo, rect.x + r, rect.maxY - r, r, .pi / 2, .pi)
        cairo_arc(cairo, rect.x + r, rect.y + r, r, .pi, 3 * .pi / 2)
        cairo_close_path(cairo)
    }

    private func apply(_ stroke: Stroke) {
        cairo_set_source_rgb(cairo, stroke.color.red, stroke.color.green, stroke.color.blue)
        cairo_set_line_width(cairo, stroke.width)
        stroke.dash.withUnsafeBufferPointer { dashes in
            cairo_set_dash(cairo, dashes.baseAddress, Int32(dashes.count), 0)
        }
    }
}
