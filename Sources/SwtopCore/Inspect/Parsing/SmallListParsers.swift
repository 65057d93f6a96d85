/// The small list files of a process: environ, cgroup, and task/TID/children.
enum SmallListParsers {
    /// NUL-separated `NAME=value` strings. A string without `=` (a program may put
    /// anything in its environment) becomes a name with an empty value.
    static func environment(_ bytes: UnsafeBufferPointer<UInt8>) -> [EnvironmentVariable] {
        bytes.split(separator: 0).map { entry in
            let text = LosslessText.decode(UnsafeBufferPointer(rebasing: entry))
            guard let equals = text.firstIndex(of: "=") else { return EnvironmentVariable(name: text, value: "") }
            return EnvironmentVariable(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
        }
    }

    /// `hierarchy-ID:controller-list:cgroup-path` per line (cgroups(7)); the path
    /// may itself hold colons.
    static func cgroups(_ bytes: UnsafeBufferPointer<UInt8>) -> [CgroupMembership]? {
        var memberships: [CgroupMembership] = []
        for line in TextLines.split(bytes) where !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let hierarchy = Int(parts[0]) else { return nil }
            memberships.append(CgroupMembership(hierarchy: hierarchy, controllers: String(parts[1]), path: String(parts[2])))
        }
        return memberships
    }

    /// Space-separated PIDs (`task/TID/children`).
    static func pids(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var cursor = ByteCursor(bytes)
        var pids: [Int32] = []
        while let value = cursor.unsigned(), value > 0, value <= UInt64(Int32.max) { pids.append(Int32(value)) }
        return pids
    }
}
