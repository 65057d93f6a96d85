import SwtopUI

/// Text measured and cut to a width in terminal cells: a prefix never takes more
/// cells than it was given, `fit` takes exactly that many, and no width is negative.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDisplayWidth(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard size >= 1, let data else { return 0 }
    // The first byte is the width to fit in, the rest the text.
    let cells = Int(data[0]) % 64
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let width = DisplayWidth.of(text)
    precondition(width >= 0)
    let (prefix, used) = DisplayWidth.prefix(text, cells: cells)
    precondition(used <= cells && used == DisplayWidth.of(prefix), "prefix of \(used) cells for \(cells)")
    precondition(text.unicodeScalars.starts(with: prefix.unicodeScalars), "the prefix is not a prefix")
    if cells >= 1 {
        let fitted = DisplayWidth.fit(text, cells: cells)
        precondition(DisplayWidth.of(fitted) == cells, "fit gave \(DisplayWidth.of(fitted)) cells for \(cells)")
    }
    for character in text { precondition((0...2).contains(DisplayWidth.of(character))) }
    return 0
}
