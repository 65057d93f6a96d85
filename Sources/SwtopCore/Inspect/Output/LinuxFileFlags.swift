/// Linux values that Glibc's Swift module leaves out (they need _GNU_SOURCE). The
/// same on every architecture swtop builds for (include/uapi/asm-generic/fcntl.h,
/// include/uapi/linux/fs.h).
enum LinuxFileFlags {
    /// open(2): a handle that names a file without opening it.
    static let path: Int32 = 0o10000000
    /// lseek(2): the next offset holding data, or the next hole.
    static let seekData: Int32 = 3
    static let seekHole: Int32 = 4
}
