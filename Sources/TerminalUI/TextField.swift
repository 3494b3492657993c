/// A one-line input field; what it accepts depends on what it is for.
struct TextField: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// 6 digits.
        case examNumber
        /// Letters, digits and dashes, kept upper-case ("XXXX-XXXX").
        case accessCode
        /// 6 digits, shown masked.
        case surveillantCode
        /// A folder path: any printable character.
        case directory
        /// A first name for a local practice profile.
        case firstName
        /// A line of free text (why the surveillant ended an attempt).
        case reason
    }

    var kind: Kind
    var text: String

    init(_ kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    var limit: Int {
        switch kind {
        case .examNumber: 6
        case .accessCode: 12
        case .surveillantCode: 6
        case .directory: 1024
        case .firstName: 30
        case .reason: 200
        }
    }

    /// Characters shown in the field's box.
    var width: Int {
        switch kind {
        case .examNumber, .surveillantCode: 8
        case .accessCode: 12
        case .directory: 40
        case .firstName: 32
        case .reason: 48
        }
    }

    /// Adds a typed character when the field accepts it; returns false when refused.
    @discardableResult
    mutating func type(_ character: Character) -> Bool {
        guard text.count < limit else { return false }
        switch kind {
        case .examNumber, .surveillantCode:
            guard character.isASCII, character.isNumber else { return false }
            text.append(character)
        case .accessCode:
            guard character.isASCII, character.isLetter || character.isNumber || character == "-" else { return false }
            text.append(Character(character.uppercased()))
        case .directory, .reason:
            guard !character.isNewline, character != "\t", !(character.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) else {
                return false
            }
            text.append(character)
        case .firstName:
            guard character.isLetter || character == " " || character == "-" || character == "'" else { return false }
            text.append(character)
        }
        return true
    }

    mutating func backspace() {
        if !text.isEmpty { text.removeLast() }
    }

    /// What the field shows: masked for secrets, the end of long paths.
    var shown: String {
        let visible = kind == .surveillantCode ? String(repeating: "•", count: text.count) : text
        let room = width - 1 // keeps a cell for the cursor
        guard TextWidth.of(visible) > room else { return visible }
        var tail = Substring(visible)
        while TextWidth.of(tail) > room - 1 { tail = tail.dropFirst() }
        return "…" + tail
    }
}
