/// Reads swtop's own cgroup limits: `PROC/self/cgroup` names the v2 cgroup and
/// `PROC/self/mounts` where the v2 tree is mounted. A limit set on an ancestor
/// binds as well (a systemd slice, a pod above its container), so `memory.max` and
/// `cpu.max` are each the lowest from swtop's cgroup up to the mount, paired with
/// the usage of the cgroup that sets it.
struct CgroupLimitsReader {
    let procRoot: String
    let reader: ProcFileReader

    /// Levels read upwards at most: deeper trees are not made by any runtime.
    static let maximumDepth = 32

    /// nil when swtop is in no v2 cgroup or none of the files names a limit.
    func read() -> CgroupLimits? {
        guard let (mount, path) = ownCgroup() else { return nil }
        let own = path == "/" ? mount : mount + path
        var limits = CgroupLimits()
        var cpuAccounting = own
        for directory in Self.lineage(mount: mount, path: path) {
            if let memoryMax = text(directory, "memory.max").flatMap(CgroupLimits.parseMemoryMax),
                memoryMax < limits.memoryMax ?? .max
            {
                limits.memoryMax = memoryMax
                limits.memoryCurrent = text(directory, "memory.current").flatMap(CgroupLimits.parseMemoryMax)
            }
            if let quota = text(directory, "cpu.max").flatMap(CgroupLimits.parseCPUMax),
                quota < limits.cpuQuota ?? .infinity
            {
                limits.cpuQuota = quota
                cpuAccounting = directory
            }
        }
        limits.effectiveCPUSet = text(own, "cpuset.cpus.effective").flatMap(CgroupLimits.parseCPUList)
        guard !limits.isEmpty else { return nil }
        limits.cpuUsage = usage(at: cpuAccounting + "/cpu.stat")
        return limits
    }

    /// `usage_usec` of one `cpu.stat`: read every sample, where the limits are read rarely.
    func usage(at path: String) -> CgroupLimits.CPUUsageReading? {
        reader.withContents(ofPath: path) { CgroupLimits.parseUsage(Substring(decoding: $0, as: UTF8.self)) }
            .map { CgroupLimits.CPUUsageReading(path: path, microseconds: $0) }
    }

    /// swtop's cgroup directory, then each parent up to the mount point.
    static func lineage(mount: String, path: String) -> [String] {
        var parts = path.split(separator: "/").prefix(maximumDepth)
        var directories: [String] = []
        while !parts.isEmpty {
            directories.append(mount + "/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        return directories + [mount]
    }

    /// The v2 mount point and swtop's `0::` path in it; a path with `..` is refused.
    func ownCgroup() -> (mount: String, path: String)? {
        guard let memberships = reader.withContents(ofPath: procRoot + "/self/cgroup", { CgroupParser.parse($0) }),
            let unified = memberships.first(where: { $0.hierarchy == 0 && $0.controllers.isEmpty }),
            unified.path.hasPrefix("/"), !unified.path.split(separator: "/").contains(".."),
            let mounts = reader.withContents(ofPath: procRoot + "/self/mounts", { String(decoding: $0, as: UTF8.self) })
        else { return nil }
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 2, fields[2] == "cgroup2" else { continue }
            return (String(fields[1]), unified.path)
        }
        return nil
    }

    private func text(_ directory: String, _ name: String) -> Substring? {
        reader.withContents(ofPath: directory + "/" + name, singleLine: true) { Substring(decoding: $0, as: UTF8.self) }
    }
}
