/// `/proc/PID/cgroup`.
enum CgroupParser {
    /// `hierarchy-ID:controller-list:cgroup-path` per line (cgroups(7)); the path
    /// may itself hold colons.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [CgroupMembership]? {
        var memberships: [CgroupMembership] = []
        for line in TextLines.split(bytes) where !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let hierarchy = Int(parts[0]) else { return nil }
            memberships.append(
                CgroupMembership(hierarchy: hierarchy, controllers: String(parts[1]), path: String(parts[2])))
        }
        return memberships
    }
}
