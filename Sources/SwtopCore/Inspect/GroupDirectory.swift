#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Group names through the C library, remembered (see `UserDirectory`).
/// Not thread-safe.
final class GroupDirectory {
    private var names: [UInt32: String] = [:]

    /// The group's name, or the number itself when it has no entry.
    func name(of gid: UInt32) -> String {
        if let cached = names[gid] { return cached }
        let name = Self.lookUpName(gid) ?? String(gid)
        names[gid] = name
        return name
    }

    static func lookUpName(_ gid: UInt32) -> String? {
        var size = 1024
        while size <= 1 << 20 {
            var entry = group()
            var result: UnsafeMutablePointer<group>? = nil
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
            defer { buffer.deallocate() }
            let status = getgrgid_r(gid, &entry, buffer, size, &result)
            if status == ERANGE { size *= 4; continue }
            guard status == 0, result != nil else { return nil }
            return String(cString: entry.gr_name)
        }
        return nil
    }
}
