import Glibc

/// Listing the PID directories of a proc root, shared by the floor loop and the
/// process count so both agree on what "a process" is.
enum ProcEntries {
    /// The entry's name when it is all digits (a PID directory), else nil.
    @inline(__always)
    static func pidName(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar>? {
        let name = UnsafeRawPointer(entry)
            .advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
            .assumingMemoryBound(to: CChar.self)
        var index = 0
        while name[index] != 0 {
            guard UInt8(bitPattern: name[index]) &- UInt8(ascii: "0") < 10 else { return nil }
            index += 1
        }
        return index > 0 ? name : nil
    }

    /// How many processes the proc root lists right now, or nil when it cannot be opened.
    static func count(root: String) -> Int? {
        guard let directory = opendir(root) else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            if pidName(entry) != nil { count += 1 }
        }
        return count
    }
}
