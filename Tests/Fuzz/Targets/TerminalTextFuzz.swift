import SwtopUI

/// Any text a process can put in its name, command line or environment: escaped,
/// it holds no character that moves the cursor, starts a sequence or reorders text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminalText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let escaped = TerminalText.escape(text)
    for scalar in escaped.unicodeScalars {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            preconditionFailure("escaped text holds U+\(String(scalar.value, radix: 16))")
        default: break
        }
    }
    // Escaping twice changes nothing more: the escapes are printable ASCII.
    precondition(TerminalText.escape(escaped) == escaped, "escaping is not idempotent")
    return 0
}
