import Glibc

/// glibc functions that its Swift module does not show (they need _GNU_SOURCE, or
/// are variadic), looked up at run time so that an older libc still works.
public enum LibC {
    public typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    public typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    public typealias SetOption = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    /// pipe2(2): a pipe that is close-on-exec from the start, so a process spawned
    /// by another thread at the same moment cannot inherit it.
    public static let pipe2: Pipe2? = symbol("pipe2")
    /// posix_spawn_file_actions_addclosefrom_np (glibc 2.34).
    public static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    /// prctl(2). Declared variadic in C; its arguments are all integers, which
    /// the calling conventions pass alike either way.
    public static let prctl: SetOption? = symbol("prctl")

    private static func symbol<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT is a null handle in glibc.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }

    /// strerror(3) as a String.
    public static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
