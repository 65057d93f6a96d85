@testable import SwtopCore

/// The text of a /proc/PID/fd/N link: a path, or `socket:[INODE]`, `pipe:[INODE]`,
/// `anon_inode:[NAME]`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFdLink(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = LosslessText.decode(UnsafeBufferPointer(start: data, count: size))
    let (kind, inode) = DescriptorProbe.kindFromText(text)
    if kind == .socket { precondition(text.hasPrefix("socket:[") && text.hasSuffix("]")) }
    if kind == .pipe { precondition(text.hasPrefix("pipe:[") && text.hasSuffix("]")) }
    if kind == .unknown || kind == .anonymousInode { precondition(inode == 0) }
    return 0
}
