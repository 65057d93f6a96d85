/// Integers as decimal text, written digit by digit. The standard library's own
/// conversion (`String(n)`, `"\(n)"`) sits in the one large section of its code that
/// the link cannot place beside swtop's: the view's every refresh used it, which kept
/// about 0.2 MiB of that section resident. The view's refresh path and the sampler
/// use this instead; text made once (messages, files, options) may use either.
public enum DecimalText {
    public static func string(_ value: UInt64) -> String { text(of: value, negative: false) }
    public static func string(_ value: Int64) -> String { text(of: value.magnitude, negative: value < 0) }
    public static func string(_ value: Int) -> String { string(Int64(value)) }
    public static func string(_ value: Int32) -> String { string(Int64(value)) }
    public static func string(_ value: UInt32) -> String { string(UInt64(value)) }

    /// Writes `value`'s digits and a terminating NUL into `buffer` (12 bytes suffice).
    public static func write(_ value: Int32, into buffer: UnsafeMutablePointer<CChar>) {
        withDigits(of: UInt64(value.magnitude), negative: value < 0) { digits in
            for index in digits.indices { buffer[index] = CChar(bitPattern: digits[index]) }
            buffer[digits.count] = 0
        }
    }

    private static func text(of magnitude: UInt64, negative: Bool) -> String {
        withDigits(of: magnitude, negative: negative) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the digits, and the sign, on the stack.
    private static func withDigits<Result>(
        of magnitude: UInt64, negative: Bool, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Result
    ) -> Result {
        // 20 digits for UInt64.max, and a sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { buffer in
            var start = buffer.count
            var rest = magnitude
            repeat {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            } while rest > 0
            if negative {
                start -= 1
                buffer[start] = 0x2D
            }
            return body(UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
    }
}
