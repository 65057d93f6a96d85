/// A size on the command line: bytes, or a number with K, M or G (powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> UInt64? {
        guard let last = text.last else { return nil }
        let units: [Character: UInt64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = units[Character(last.uppercased())]
        guard let number = UInt64(unit == nil ? text : String(text.dropLast())) else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit ?? 1)
        return overflow ? nil : bytes
    }
}
