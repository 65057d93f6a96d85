/// The bytes of a record's payload, before compression: little-endian base-128
/// varints for integers (most fields are small or repeat), doubles as their exact
/// bit pattern (a replayed frame must print the very numbers the live one did).
struct RecordByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag, so that small negative numbers stay short.
    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func double(_ value: Double) {
        fixed64(value.bitPattern)
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func fixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func string(_ value: String) {
        unsigned(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalDouble(_ value: Double?) {
        bool(value != nil)
        if let value { double(value) }
    }

    mutating func optionalUnsigned(_ value: UInt64?) {
        bool(value != nil)
        if let value { unsigned(value) }
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
}

/// Why a record's bytes could not be read back.
public enum RecordDecodingError: Error, Equatable, Sendable {
    /// The payload ends in the middle of a value.
    case truncated
    /// A value no writer produces (an overlong varint, a count beyond the bytes left,
    /// a delta against an unknown process).
    case malformed(String)
}

/// Reads what `RecordByteWriter` wrote; every read is bounded by the bytes left,
/// so a damaged payload ends in an error, never a trap or a huge allocation.
struct RecordByteReader {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - index }
    var isAtEnd: Bool { index == bytes.count }

    mutating func byte() throws(RecordDecodingError) -> UInt8 {
        guard index < bytes.count else { throw .truncated }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func unsigned() throws(RecordDecodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next & 0x7f <= 1 else { throw .malformed("overlong number") }
            value |= UInt64(next & 0x7f) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    mutating func signed() throws(RecordDecodingError) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func int32() throws(RecordDecodingError) -> Int32 {
        guard let value = Int32(exactly: try signed()) else { throw .malformed("number out of range") }
        return value
    }

    mutating func uint32() throws(RecordDecodingError) -> UInt32 {
        guard let value = UInt32(exactly: try unsigned()) else { throw .malformed("number out of range") }
        return value
    }

    mutating func int() throws(RecordDecodingError) -> Int {
        guard let value = Int(exactly: try signed()) else { throw .malformed("number out of range") }
        return value
    }

    /// A count of things that each take at least one byte: never more than the bytes left.
    mutating func count() throws(RecordDecodingError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(remaining) else { throw .malformed("count beyond the record") }
        return Int(value)
    }

    mutating func fixed64() throws(RecordDecodingError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << UInt64(offset * 8) }
        index += 8
        return value
    }

    mutating func fixed32() throws(RecordDecodingError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(bytes[index + offset]) << UInt32(offset * 8) }
        index += 4
        return value
    }

    mutating func double() throws(RecordDecodingError) -> Double { Double(bitPattern: try fixed64()) }

    mutating func bool() throws(RecordDecodingError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .malformed("not a flag")
        }
    }

    mutating func string() throws(RecordDecodingError) -> String {
        let length = try count()
        defer { index += length }
        return String(decoding: bytes[index..<index + length], as: UTF8.self)
    }

    mutating func optionalDouble() throws(RecordDecodingError) -> Double? { try bool() ? try double() : nil }
    mutating func optionalUnsigned() throws(RecordDecodingError) -> UInt64? { try bool() ? try unsigned() : nil }
    mutating func optionalString() throws(RecordDecodingError) -> String? { try bool() ? try string() : nil }
}
