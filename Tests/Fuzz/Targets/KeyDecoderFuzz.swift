@testable import SwtopTerminal

/// Whatever bytes a terminal (or a program writing to it) sends: the decoder turns
/// them into keys without trapping, consumes something on every key it returns, and
/// once the escape delay has passed it has read everything.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = KeyDecoder()
    // The first byte splits the input in two reads, as a sequence cut by read(2) arrives.
    let cut = bytes.isEmpty ? 0 : min(bytes.count, Int(bytes[0]))
    for chunk in [bytes[..<cut], bytes[cut...]] {
        decoder.feed(chunk)
        var calls = 0
        while true {
            calls += 1
            precondition(calls <= size + 1, "the decoder returns keys without consuming bytes")
            switch decoder.next() {
            case .key, .ignored: continue
            case .incomplete, .empty: break
            }
            break
        }
    }
    var calls = 0
    while decoder.next(delayPassed: true) != .empty {
        calls += 1
        precondition(calls <= size + 1, "the decoder never empties after the delay")
    }
    precondition(decoder.isEmpty)
    return 0
}
