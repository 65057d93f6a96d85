import Glibc

/// Group names through the system's name service (see `NameService`), remembered
/// (see `UserDirectory`). Not thread-safe.
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
        // Decided before the first lookup: a static build must restrict the C library first.
        let asksGetent = NameService.needsGetent
        if let name = lookUpInCLibrary(gid) { return name }
        guard asksGetent else { return nil }
        return GetentQuery.fields(database: "group", key: String(gid))?.first
    }

    private static func lookUpInCLibrary(_ gid: UInt32) -> String? {
        NameService.lookUp({ getgrgid_r(gid, $0, $1, $2, $3) }, extract: { String(cString: $0.gr_name) })
    }
}
