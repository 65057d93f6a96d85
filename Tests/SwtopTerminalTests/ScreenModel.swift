import SwtopUI

@testable import SwtopTerminal

/// A terminal that understands what `TerminalCapabilities.ansi` sends: cursor
/// moves, clear screen, clear to end of line, SGR, and UTF-8 text. Each cell keeps
/// its character and the SGR bytes in force when it was written, so tests can check
/// that the encoder's bytes leave exactly the frame on screen.
struct ScreenModel {
    struct Cell: Equatable {
        var character: Character = " "
        var attributes: [UInt8]
    }

    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    private var row = 0
    private var column = 0
    private var attributes = Array("\u{1B}[m".utf8)

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Cell(attributes: Array("\u{1B}[m".utf8)), count: width * height)
    }

    subscript(row: Int, column: Int) -> Cell { cells[row * width + column] }

    mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        var text: [UInt8] = []
        func flushText() {
            for character in String(decoding: text, as: UTF8.self) { show(character) }
            text.removeAll()
        }
        while index < bytes.count {
            if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                flushText()
                var end = index + 2
                while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                control(
                    parameters: Array(bytes[(index + 2)..<end]), final: bytes[end], sequence: Array(bytes[index...end]))
                index = end + 1
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        flushText()
    }

    private mutating func control(parameters: [UInt8], final: UInt8, sequence: [UInt8]) {
        let numbers = parameters.split(separator: UInt8(ascii: ";")).map {
            Int(String(decoding: $0, as: UTF8.self)) ?? 0
        }
        switch final {
        case UInt8(ascii: "H"):
            row = (numbers.first ?? 1) - 1
            column = (numbers.count > 1 ? numbers[1] : 1) - 1
        case UInt8(ascii: "J"):
            for index in cells.indices { cells[index] = Cell(attributes: attributes) }
        case UInt8(ascii: "K"):
            for position in column..<width { cells[row * width + position] = Cell(attributes: attributes) }
        case UInt8(ascii: "m"):
            attributes = parameters.isEmpty ? sequence : attributes + sequence
        default:
            break
        }
    }

    private mutating func show(_ character: Character) {
        let cellWidth = DisplayWidth.of(character)
        guard row < height, column + cellWidth <= width else { return }
        cells[row * width + column] = Cell(character: character, attributes: attributes)
        if cellWidth == 2 { cells[row * width + column + 1] = Cell(character: "\u{0}", attributes: attributes) }
        column += cellWidth
    }
}
