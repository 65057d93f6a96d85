/// Reads whitespace-separated numbers out of proc text without building strings.
/// Every accessor returns nil rather than trapping on garbage, overflow or truncation:
/// proc files of exiting processes can be cut short.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func skipBlanks() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    }

    /// The next run of non-whitespace bytes.
    mutating func word() -> Range<Int>? {
        skipWhitespace()
        let start = index
        while index < bytes.count, !Self.isWhitespace(bytes[index]) { index += 1 }
        return start < index ? start..<index : nil
    }

    mutating func unsigned() -> UInt64? {
        skipWhitespace()
        var value: UInt64 = 0
        let start = index
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        guard index > start else { return nil }
        return value
    }

    mutating func signed() -> Int64? {
        skipWhitespace()
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
            // A sign must be followed directly by a digit.
            guard index < bytes.count, bytes[index] &- 0x30 < 10 else { return nil }
        }
        guard let magnitude = unsigned(), magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// A decimal such as `0.25` or `12345.67` (loadavg, uptime). Digits are
    /// gathered as one integer and divided once, so `1.18` reads as exactly 1.18.
    mutating func decimal() -> Double? {
        guard var digits = unsigned() else { return nil }
        var scale: UInt64 = 1
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            // Fraction digits that would overflow the integer are dropped, not wrapped.
            while index < bytes.count, bytes[index] &- 0x30 < 10, scale < 1_000_000_000 {
                let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] &- 0x30))
                guard !overflow1, !overflow2 else { break }
                digits = sum
                scale *= 10
                index += 1
            }
            while index < bytes.count, bytes[index] &- 0x30 < 10 { index += 1 }
        }
        return Double(digits) / Double(scale)
    }

    /// Moves past the next newline; false at the end of the text.
    mutating func nextLine() -> Bool {
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A { return index < bytes.count }
        }
        return false
    }

    /// A cursor over the rest of the current line only, so that a line cut short
    /// cannot take its missing numbers from the next one.
    func restOfLine() -> ByteCursor {
        var end = index
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return ByteCursor(UnsafeBufferPointer(rebasing: bytes[min(index, end)..<end]))
    }

    /// True when the bytes at the cursor start with `prefix`; moves past it if so.
    mutating func consume(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        index += count
        return true
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}

extension ByteCursor {
    /// The rows of a /proc table: every line after the header, read by `row`. Lines
    /// `row` rejects are skipped (a table is read while its entries come and go, but
    /// the kernel writes each line whole).
    static func tableRows<Row>(_ bytes: UnsafeBufferPointer<UInt8>, row: (inout ByteCursor) -> Row?) -> [Row] {
        var rows: [Row] = []
        var cursor = ByteCursor(bytes)
        guard cursor.nextLine() else { return [] } // header
        repeat {
            if let parsed = row(&cursor) { rows.append(parsed) }
        } while cursor.nextLine()
        return rows
    }
}
