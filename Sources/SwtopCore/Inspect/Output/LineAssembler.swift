/// A line of output, decoded losslessly; `isCut` when it is a piece of a line
/// longer than the limit.
struct AssembledLine: Equatable {
    var text: String
    var isCut: Bool
}

/// Turns bytes into lines, keeping a last line without its newline until the rest
/// arrives. Never holds more than `limit` bytes: a longer line is handed out in pieces.
final class LineAssembler {
    let limit: Int
    /// Decode `\` as `\\`, so that text reading `\xff` or `\e` cannot pass for an
    /// escaped byte (for output a program reads back).
    let doublesBackslashes: Bool
    private var pending: [UInt8] = []

    init(limit: Int, doublesBackslashes: Bool = false) {
        self.limit = limit
        self.doublesBackslashes = doublesBackslashes
    }

    func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> [AssembledLine] {
        var result: [AssembledLine] = []
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            pending += bytes[start..<end]
            while pending.count > limit {
                let cut = Self.cutPoint(pending, limit: limit)
                result.append(AssembledLine(text: decode(Array(pending[..<cut])), isCut: true))
                pending.removeFirst(cut)
            }
            if let newline {
                result.append(AssembledLine(text: decode(pending), isCut: false))
                pending.removeAll(keepingCapacity: true)
                start = newline + 1
            } else {
                start = end
            }
        }
        return result
    }

    /// The unfinished last line, if any (the process exited or switched files).
    func flush() -> AssembledLine? {
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return AssembledLine(text: decode(pending), isCut: false)
    }

    /// A backslash is one ASCII byte, never inside a UTF-8 sequence: doubling it
    /// before decoding changes no character around it.
    private func decode(_ bytes: [UInt8]) -> String {
        guard doublesBackslashes, bytes.contains(0x5C) else { return LosslessText.decode(bytes) }
        var doubled: [UInt8] = []
        doubled.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            doubled.append(byte)
            if byte == 0x5C { doubled.append(byte) }
        }
        return LosslessText.decode(doubled)
    }

    func reset() {
        pending = []
    }

    /// `limit`, moved back to the start of a UTF-8 sequence it would split.
    static func cutPoint(_ bytes: [UInt8], limit: Int) -> Int {
        var cut = limit
        while cut > limit - 3, cut > 1, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }
}
