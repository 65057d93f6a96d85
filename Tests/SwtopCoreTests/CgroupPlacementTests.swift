import Testing

@testable import SwtopCore

/// Containers and units recognised from the cgroup paths that docker, podman,
/// containerd, CRI-O, the kubelet and systemd make.
@Suite struct CgroupPlacementTests {
    static let id = "3f2a9c1b0d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd"

    @Test(arguments: [
        ("/system.slice/docker-\(id).scope", ContainerID.Runtime.docker, nil as String?),
        ("/docker/\(id)", .docker, nil),
        ("/machine.slice/libpod-\(id).scope/container", .podman, nil),
        ("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-\(id).scope", .podman, nil),
        ("/libpod_parent/\(id)", .podman, nil),
        ("/system.slice/containerd.service/cri-containerd-\(id).scope", .containerd, nil),
        (
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1b2c3d4e_5f6a_7b8c_9d0e_1f2a3b4c5d6e.slice/"
                + "cri-containerd-\(id).scope", .containerd, "1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e"
        ),
        (
            "/kubepods.slice/kubepods-pod0a1b2c3d_0000_1111_2222_333344445555.slice/crio-\(id).scope", .crio,
            "0a1b2c3d-0000-1111-2222-333344445555"
        ),
        (
            "/kubepods/besteffort/pod0a1b2c3d-0000-1111-2222-333344445555/\(id)", .containerd,
            "0a1b2c3d-0000-1111-2222-333344445555"
        ),
    ])
    func containersAreRecognised(path: String, runtime: ContainerID.Runtime, pod: String?) throws {
        let container = try #require(CgroupPlacement(path: path).container, "\(path)")
        #expect(container.runtime == runtime)
        #expect(container.id == Self.id)
        #expect(container.pod == pod)
        #expect(container.shortName == runtime.rawValue + ":3f2a9c1b0d4e")
    }

    @Test func theHostAndLookalikesAreNoContainer() {
        #expect(CgroupPlacement(path: "/").container == nil)
        #expect(CgroupPlacement(path: "/system.slice/docker.service").container == nil)
        #expect(CgroupPlacement(path: "/system.slice/crio-conmon-\(Self.id).scope").container == nil)
        #expect(CgroupPlacement(path: "/system.slice/docker-1234.scope").container == nil) // not an id
        #expect(
            CgroupPlacement(path: "/lxc.payload.web1/init.scope").container == ContainerID(runtime: .lxc, id: "web1"))
    }

    @Test func theUnitIsTheFirstUnitBelowTheSlices() {
        #expect(CgroupPlacement(path: "/system.slice/nginx.service").unit == "nginx.service")
        #expect(
            CgroupPlacement(path: "/user.slice/user-1000.slice/user@1000.service/app.slice/app-x.scope").unit
                == "user@1000.service")
        #expect(CgroupPlacement(path: "/user.slice/user-1000.slice/session-3.scope").unit == "session-3.scope")
        #expect(CgroupPlacement(path: "/system.slice/docker-\(Self.id).scope").unit == "docker-\(Self.id).scope")
        #expect(CgroupPlacement(path: "/machine.slice").unit == "machine.slice")
        #expect(CgroupPlacement(path: "/init.scope").unit == "init.scope")
        #expect(CgroupPlacement(path: "/").unit == nil)
        #expect(CgroupPlacement(path: "/docker/\(Self.id)").unit == nil) // cgroupfs: outside systemd
    }

    @Test func v2LineFirstElseTheMemoryOrCPUControllerOfV1() throws {
        let v2 = [CgroupMembership(hierarchy: 0, controllers: "", path: "/system.slice/a.service")]
        #expect(CgroupPlacement(memberships: v2)?.path == "/system.slice/a.service")
        let v1 = [
            CgroupMembership(hierarchy: 12, controllers: "pids", path: "/p"),
            CgroupMembership(hierarchy: 4, controllers: "cpu,cpuacct", path: "/system.slice/c.service"),
            CgroupMembership(hierarchy: 9, controllers: "memory", path: "/system.slice/m.service"),
            CgroupMembership(hierarchy: 1, controllers: "name=systemd", path: "/system.slice/s.service"),
        ]
        #expect(CgroupPlacement(memberships: v1)?.path == "/system.slice/m.service")
        #expect(CgroupPlacement(memberships: Array(v1.prefix(2)))?.path == "/system.slice/c.service")
        #expect(CgroupPlacement(memberships: [CgroupMembership(hierarchy: 12, controllers: "pids", path: "/p")]) == nil)
        // Hybrid: the v2 tree beside v1 controllers. At its root it says nothing, so memory's path;
        // a process moved into a v2 cgroup shows that one.
        let atRoot = v1 + [CgroupMembership(hierarchy: 0, controllers: "", path: "/")]
        #expect(CgroupPlacement(memberships: atRoot)?.path == "/system.slice/m.service")
        let moved = v1 + [CgroupMembership(hierarchy: 0, controllers: "", path: "/test-group")]
        #expect(CgroupPlacement(memberships: moved)?.path == "/test-group")
        #expect(CgroupPlacement(memberships: [CgroupMembership(hierarchy: 0, controllers: "", path: "/")])?.path == "/")
    }
}
