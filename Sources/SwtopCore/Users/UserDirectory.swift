import Glibc

/// Looks up user names through the system's name service (so sources such as LDAP
/// work; see `NameService`), remembering each answer: a lookup can be slow and
/// names rarely change.
/// Not thread-safe; each thread that needs names owns one.
public final class UserDirectory {
    private var names: [UInt32: String] = [:]

    public init() {}

    /// The login name, or the number itself when the uid has no entry (as ps shows it).
    public func name(of uid: UInt32) -> String {
        if let cached = names[uid] { return cached }
        let name = Self.lookUpName(uid) ?? String(uid)
        names[uid] = name
        return name
    }

    /// Resolves a user given on the command line: a login name, or a number
    /// (accepted even without a passwd entry, as `top -u` does).
    public static func resolve(_ text: String) -> UInt32? {
        if let uid = lookUpUID(text) { return uid }
        return UInt32(text)
    }

    static func lookUpName(_ uid: UInt32) -> String? {
        // Decided before the first lookup: a static build must restrict the C library first.
        let asksGetent = NameService.needsGetent
        if let name = NameService.lookUp({ getpwuid_r(uid, $0, $1, $2, $3) }, extract: { String(cString: $0.pw_name) })
        {
            return name
        }
        guard asksGetent else { return nil }
        return GetentQuery.fields(database: "passwd", key: String(uid))?.first
    }

    static func lookUpUID(_ name: String) -> UInt32? {
        guard !name.isEmpty else { return nil }
        let asksGetent = NameService.needsGetent
        if let uid = NameService.lookUp({ getpwnam_r(name, $0, $1, $2, $3) }, extract: { $0.pw_uid }) { return uid }
        guard asksGetent, let fields = GetentQuery.fields(database: "passwd", key: name) else { return nil }
        return UInt32(fields[2])
    }
}
