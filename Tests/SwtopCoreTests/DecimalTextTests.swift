import Testing

@testable import SwtopCore

@Suite struct DecimalTextTests {
    @Test func matchesTheStandardLibraryAtTheEdges() {
        let signed: [Int64] = [
            0, 1, -1, 9, 10, -10, 99, 100, 4_194_304, Int64(Int32.max), Int64(Int32.min), .max, .min,
        ]
        for value in signed {
            #expect(DecimalText.string(value) == String(value))
        }
        let unsigned: [UInt64] = [0, 7, 10, 1 << 32, 18_446_744_073_709_551_615]
        for value in unsigned {
            #expect(DecimalText.string(value) == String(value))
        }
        #expect(DecimalText.string(Int32.min) == "-2147483648")
        #expect(DecimalText.string(UInt32.max) == "4294967295")
        #expect(DecimalText.string(-42 as Int) == "-42")
    }

    @Test func writesNULTerminatedDigits() {
        var buffer = [CChar](repeating: 0x7F, count: 16)
        for value: Int32 in [0, 5, 1234, -1, .max, .min] {
            buffer.withUnsafeMutableBufferPointer { DecimalText.write(value, into: $0.baseAddress!) }
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            #expect(text == String(value))
            #expect(buffer[text.utf8.count] == 0)
        }
    }
}
