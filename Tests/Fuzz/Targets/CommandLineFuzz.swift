import SwtopCore

/// /proc/PID/cmdline: arguments separated by NUL, bytes that are not UTF-8 kept as
/// `\xNN`. Without a backslash in the input, undoing those escapes must give back
/// every byte: nothing is dropped or merged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let joined = CommandLineParser.joinedArguments(bytes)
    let arguments = CommandLineParser.arguments(bytes)
    precondition(arguments.joined(separator: "\0") == joined, "arguments and joined text disagree")
    guard !bytes.contains(UInt8(ascii: "\\")) else { return 0 }
    let kept = size > 0 && bytes[size - 1] == 0 ? bytes.dropLast() : bytes[...]
    precondition(unescapingHexBytes(joined) == Array(kept), "bytes lost: \(String(reflecting: joined))")
    return 0
}

/// `\xNN` back to the byte NN; everything else as its UTF-8.
private func unescapingHexBytes(_ text: String) -> [UInt8] {
    let utf8 = Array(text.utf8)
    var bytes: [UInt8] = []
    var index = 0
    while index < utf8.count {
        if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"),
            let byte = UInt8(String(decoding: utf8[(index + 2)...(index + 3)], as: UTF8.self), radix: 16)
        {
            bytes.append(byte)
            index += 4
        } else {
            bytes.append(utf8[index])
            index += 1
        }
    }
    return bytes
}
