/// Reads swtop's own cgroup limits: `PROC/self/cgroup` names the v2 cgroup,
/// `PROC/self/mounts` where the v2 tree is mounted, and that directory's
/// `memory.max`, `cpu.max` and `cpuset.cpus.effective` the limits.
struct CgroupLimitsReader {
    let procRoot: String
    let reader: ProcFileReader

    /// nil when swtop is in no v2 cgroup or none of the files names a limit.
    func read() -> CgroupLimits? {
        guard let directory = ownDirectory() else { return nil }
        func text(_ name: String) -> Substring? {
            reader.withContents(ofPath: directory + "/" + name, singleLine: true) {
                Substring(decoding: $0, as: UTF8.self)
            }
        }
        let limits = CgroupLimits(
            memoryMax: text("memory.max").flatMap(CgroupLimits.parseMemoryMax),
            memoryCurrent: text("memory.current").flatMap(CgroupLimits.parseMemoryMax),
            cpuQuota: text("cpu.max").flatMap(CgroupLimits.parseCPUMax),
            effectiveCPUs: text("cpuset.cpus.effective").flatMap(CgroupLimits.countCPUs))
        return limits.isEmpty ? nil : limits
    }

    /// The v2 mount point joined with swtop's `0::` path; a path with `..` is refused.
    func ownDirectory() -> String? {
        guard let memberships = reader.withContents(ofPath: procRoot + "/self/cgroup", { CgroupParser.parse($0) }),
            let unified = memberships.first(where: { $0.hierarchy == 0 && $0.controllers.isEmpty }),
            unified.path.hasPrefix("/"), !unified.path.split(separator: "/").contains(".."),
            let mounts = reader.withContents(ofPath: procRoot + "/self/mounts", { String(decoding: $0, as: UTF8.self) })
        else { return nil }
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 2, fields[2] == "cgroup2" else { continue }
            let mount = String(fields[1])
            return unified.path == "/" ? mount : mount + unified.path
        }
        return nil
    }
}
