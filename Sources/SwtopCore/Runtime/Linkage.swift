import CNameService

/// How this swtop was linked. The release build is one static executable; its glibc
/// must never load shared modules (name service, character-set converters), because
/// each brings a second, dynamic libc into the process, which crashes it.
public enum Linkage {
    /// True for a fully static executable (no program interpreter).
    public static let isStatic = swtop_executable_is_static() != 0
}
