/// Where a process sits in the cgroup tree, and what that says about it: the
/// container it runs in and the systemd unit that started it.
public struct CgroupPlacement: Sendable, Equatable {
    /// The cgroup v2 path (`0::` line), or on a cgroup v1 host (or a hybrid one whose
    /// v2 tree holds the process at its root) the path of the `memory` controller (else `cpu`).
    public var path: String
    /// nil on the host.
    public var container: ContainerID?
    /// The systemd unit, or the slice for a process that sits in a slice itself;
    /// nil outside systemd's tree.
    public var unit: String?

    public init(path: String) {
        self.path = path
        container = ContainerID(cgroupPath: path)
        unit = Self.unit(of: path)
    }

    /// The placement of a process from its `/proc/PID/cgroup` lines; nil when none
    /// names a usable hierarchy.
    public init?(memberships: [CgroupMembership]) {
        func controls(_ name: String) -> (CgroupMembership) -> Bool {
            { $0.controllers.split(separator: ",").contains { $0 == name } }
        }
        let unified = memberships.first { $0.hierarchy == 0 && $0.controllers.isEmpty }
        let controller = memberships.first(where: controls("memory")) ?? memberships.first(where: controls("cpu"))
        // A hybrid host (v1 controllers beside an empty v2 tree) leaves most processes at
        // the v2 root: there the v1 controller's path says where they are.
        guard let line = unified.flatMap({ $0.path == "/" && controller != nil ? nil : $0 }) ?? controller ?? unified
        else { return nil }
        self.init(path: line.path)
    }

    /// As systemd's `cg_path_get_unit` (and `ps -o unit`): the first component below
    /// the slices that is a unit, so `/user.slice/user-1000.slice/user@1000.service/
    /// app.slice/x.scope` belongs to `user@1000.service`; a process in a slice itself
    /// to that slice.
    static func unit(of path: String) -> String? {
        var slice: String?
        for component in path.split(separator: "/") {
            if component.hasSuffix(".slice") {
                slice = String(component)
                continue
            }
            let suffixes = [".service", ".scope", ".socket", ".mount", ".swap", ".device", ".target"]
            return suffixes.contains { component.hasSuffix($0) } ? String(component) : slice
        }
        return slice
    }
}

/// A container recognised from its cgroup path: the runtime and the container's id.
public struct ContainerID: Sendable, Equatable {
    public enum Runtime: String, Sendable {
        case docker, podman, containerd
        case crio = "cri-o"
        case lxc
    }

    public var runtime: Runtime
    /// The full id (64 hex digits), or the name for LXC.
    public var id: String
    /// The Kubernetes pod's uid, when the container belongs to one.
    public var pod: String?

    public init(runtime: Runtime, id: String, pod: String? = nil) {
        self.runtime = runtime
        self.id = id
        self.pod = pod
    }

    /// `docker:3f2a9c1b0d4e`: the runtime and the first 12 digits of the id, as
    /// `docker ps` shortens it.
    public var shortName: String { runtime.rawValue + ":" + String(id.prefix(12)) }

    /// Recognises the layouts of docker, podman (libpod), containerd, CRI-O and the
    /// kubelet, with the systemd and the cgroupfs drivers, and LXC:
    /// `/system.slice/docker-ID.scope`, `/docker/ID`, `/machine.slice/libpod-ID.scope`,
    /// `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podUID.slice/cri-containerd-ID.scope`,
    /// `/kubepods/besteffort/podUID/ID`, `…/crio-ID.scope`, `/lxc.payload.NAME`.
    public init?(cgroupPath path: String) {
        let components = path.split(separator: "/").map(String.init)
        var pod: String?
        var found: ContainerID?
        for (index, component) in components.enumerated() {
            if let uid = Self.podUID(component) {
                pod = uid
                continue
            }
            if component.hasPrefix("lxc.payload.") {
                found = ContainerID(runtime: .lxc, id: String(component.dropFirst("lxc.payload.".count)))
                break
            }
            if let scoped = Self.scopedID(component) {
                found = scoped
                break
            }
            // cgroupfs drivers: a directory named after the runtime, then the id.
            if index + 1 < components.count, Self.isContainerID(components[index + 1]) {
                let runtimes: [String: Runtime] = [
                    "docker": .docker, "libpod_parent": .podman, "containerd": .containerd,
                ]
                if let runtime = runtimes[component] {
                    found = ContainerID(runtime: runtime, id: components[index + 1])
                    break
                }
            }
            // The kubelet's cgroupfs layout: kubepods/[class/]podUID/ID (the runtime is not named).
            if pod != nil, Self.isContainerID(component) {
                found = ContainerID(runtime: .containerd, id: component)
                break
            }
        }
        guard var found else { return nil }
        found.pod = pod
        self = found
    }

    /// `docker-ID.scope`, `libpod-ID.scope`, `cri-containerd-ID.scope`, `crio-ID.scope`
    /// (`crio-conmon-ID.scope` is the monitor beside a container, not in it).
    private static func scopedID(_ component: String) -> ContainerID? {
        guard component.hasSuffix(".scope") else { return nil }
        let name = component.dropLast(".scope".count)
        let prefixes: [(String, Runtime)] = [
            ("docker-", .docker), ("libpod-", .podman),
            ("cri-containerd-", .containerd), ("crio-", .crio),
        ]
        for (prefix, runtime) in prefixes where name.hasPrefix(prefix) {
            let id = String(name.dropFirst(prefix.count))
            return isContainerID(id) ? ContainerID(runtime: runtime, id: id) : nil
        }
        return nil
    }

    /// `kubepods-burstable-pod1b2c_…_.slice` (systemd) or `pod1b2c-…` (cgroupfs).
    private static func podUID(_ component: String) -> String? {
        if component.hasSuffix(".slice") {
            guard component.hasPrefix("kubepods"),
                let last = component.dropLast(".slice".count).split(separator: "-").last,
                last.hasPrefix("pod"), last.count > 3
            else { return nil }
            return String(last.dropFirst(3).map { $0 == "_" ? "-" : $0 })
        }
        guard component.hasPrefix("pod"), component.count > 3 else { return nil }
        return String(component.dropFirst(3))
    }

    /// 64 lowercase hex digits, as every runtime here names its containers.
    static func isContainerID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
