/// Decodes bytes from other processes (names, arguments, paths) into a `String`
/// that keeps every byte visible: valid UTF-8 is kept as is, and every byte that is
/// not part of a valid sequence becomes the four characters `\xNN`. (Text that
/// literally reads `\xNN` looks the same; a `String` cannot hold the raw byte.)
///
/// Control characters are kept here; each output (terminal text or JSON) escapes
/// them its own way.
public enum LosslessText {
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: most names are plain ASCII or valid UTF-8.
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = ""
        result.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                result += String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
                index += length
            } else {
                result += "\\x" + hexByte(bytes[index])
                index += 1
            }
        }
        return result
    }

    public static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// Length of the well-formed UTF-8 sequence starting at `index` (RFC 3629:
    /// no overlongs, no surrogates, nothing above U+10FFFF), or 0.
    static func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return 0 }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
