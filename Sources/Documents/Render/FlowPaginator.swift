/// Cuts a flow's blocks into pages: a block that does not fit goes to the next page, a
/// `keepTogether` group moves whole when it fits on a page, a table is split between rows with its
/// header row repeated.
struct FlowPaginator {
    struct Placed {
        let block: Block
        let y: Double
    }

    let painter: BlockPainter
    let flow: Flow
    let width: Double
    let headerHeight: Double
    let top: Double
    let bottom: Double

    static let headerGap = 8.0
    static let footerRoom = 16.0

    init(painter: BlockPainter, flow: Flow) {
        self.painter = painter
        self.flow = flow
        width = flow.paper.size.width - flow.margins.left - flow.margins.right
        headerHeight = painter.stackHeight(flow.header, width: width)
        top = flow.margins.top + (flow.header.isEmpty ? 0 : headerHeight + Self.headerGap)
        bottom = flow.paper.size.height - flow.margins.bottom - (flow.footer == nil ? 0 : Self.footerRoom)
    }

    /// The placed blocks of each page, and a line for each block too tall for any page.
    func paginate() -> (pages: [[Placed]], overflows: [String]) {
        var state = State(top: top)
        for block in flow.content {
            place(block, in: &state)
        }
        return (state.pages, state.overflows)
    }

    private struct State {
        var pages: [[Placed]] = [[]]
        var y: Double
        var overflows: [String] = []
        let top: Double

        init(top: Double) {
            self.top = top
            y = top
        }

        var pageIsEmpty: Bool { pages[pages.count - 1].isEmpty }

        mutating func newPage() {
            pages.append([])
            y = top
        }

        mutating func append(_ block: Block, height: Double) {
            pages[pages.count - 1].append(Placed(block: block, y: y))
            y += height
        }
    }

    private func place(_ block: Block, in state: inout State) {
        switch block {
        case .pageBreak:
            if !state.pageIsEmpty { state.newPage() }
        case .spacer(let height):
            // Space at the top of a page or that runs off it is just dropped.
            guard !state.pageIsEmpty, state.y + height <= bottom else { return }
            state.y += height
        case .table(let table):
            placeTable(table, in: &state)
        case .keepTogether(let blocks):
            let height = painter.height(of: block, width: width)
            if state.y + height <= bottom {
                state.append(block, height: height)
            } else if height <= bottom - top {
                state.newPage()
                state.append(block, height: height)
            } else {
                for child in blocks { place(child, in: &state) }
            }
        default:
            let height = painter.height(of: block, width: width)
            if state.y + height > bottom, !state.pageIsEmpty { state.newPage() }
            if height > bottom - top {
                state.overflows.append("page \(state.pages.count) : un bloc de \(Int(height)) pt dépasse la page")
            }
            state.append(block, height: height)
        }
    }

    private func placeTable(_ table: Table, in state: inout State) {
        let widths = BlockPainter.widths(table.columns, total: width, gap: 0)
        let headerHeight = table.header.map { painter.rowHeight($0, table: table, widths: widths) } ?? 0
        let heights = table.rows.map { painter.rowHeight($0, table: table, widths: widths) }
        var chunk: [Table.Row] = []
        var chunkStart = table.rows.startIndex
        var used = headerHeight
        func emit(_ state: inout State) {
            var part = table
            part.rows = chunk
            // Zebra stripes continue across pages: an odd first row swaps the stripes' start.
            if chunkStart % 2 == 1, let zebra = table.zebra {
                part.rows = chunk.enumerated().map { index, row in
                    var row = row
                    if row.fill == nil { row.fill = index % 2 == 0 ? zebra : nil }
                    return row
                }
                part.zebra = nil
            }
            state.append(.table(part), height: used)
        }
        if let first = heights.first, state.y + headerHeight + first > bottom, !state.pageIsEmpty {
            state.newPage()
        }
        for (index, row) in table.rows.enumerated() {
            if state.y + used + heights[index] > bottom, !chunk.isEmpty {
                emit(&state)
                state.newPage()
                chunk = []
                chunkStart = index
                used = headerHeight
            }
            if headerHeight + heights[index] > bottom - top {
                state.overflows.append("page \(state.pages.count) : une ligne de tableau dépasse la page")
            }
            chunk.append(row)
            used += heights[index]
        }
        if !chunk.isEmpty || table.rows.isEmpty { emit(&state) }
    }
}
