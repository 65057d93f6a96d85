import Glibc

/// Reads symbolic links (`exe`, `fd/N`, `cwd`) whole, with a buffer that grows
/// until the target fits: readlink(2) cuts a long target silently.
enum SymbolicLink {
    /// The target of `name` relative to `directory` (`AT_FDCWD` for a path); nil
    /// when it cannot be read or is longer than 64 KiB.
    static func target(of name: UnsafePointer<CChar>, in directory: Int32 = AT_FDCWD) -> [UInt8]? {
        var capacity = 256
        while capacity <= 65536 {
            var target = [UInt8](repeating: 0, count: capacity)
            let count = target.withUnsafeMutableBytes { raw in
                readlinkat(directory, name, raw.baseAddress!.assumingMemoryBound(to: CChar.self), capacity)
            }
            if count < 0 { return nil }
            if count < capacity { return Array(target[..<count]) }
            capacity *= 4
        }
        return nil
    }
}
