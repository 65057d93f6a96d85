import Glibc

/// Another process's descriptor, held through an O_PATH handle of /proc/PID/fd/N.
///
/// Opening with O_PATH runs no driver's or FIFO's open and checks no permission:
/// whatever the descriptor is (a FIFO with a blocked writer, /dev/watchdog), taking
/// the handle does nothing to it. Everything said about the descriptor comes from
/// this one handle (its kind, its path through swtop's own /proc/self/fd link, its
/// inode), so a process swapping its descriptor meanwhile cannot pair one file's
/// kind with another's name. Only `FollowedFile` opens it for reading, and only a
/// regular file.
final class DescriptorHandle {
    enum Opening {
        case opened(DescriptorHandle)
        case failed(errno: Int32)
    }

    private(set) var descriptor: Int32
    let info: stat
    let kind: DescriptorKind
    /// The path or `pipe:[INODE]` of the handle's own link.
    let target: String

    var identity: FileIdentity { FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }

    /// The handle's /proc/self/fd link, through which it is reopened.
    var ownLink: String { "/proc/self/fd/\(descriptor)" }

    private init(descriptor: Int32, info: stat, link: [UInt8]) {
        self.descriptor = descriptor
        self.info = info
        self.target = LosslessText.decode(link)
        kind = DescriptorProbe.kind(of: info, target: link)
    }

    static func open(path: String) -> Opening {
        let descriptor = Glibc.open(path, LinuxFileFlags.path | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let link = DescriptorProbe.readLink("/proc/self/fd/\(descriptor)") else {
            let code = errno
            Glibc.close(descriptor)
            return .failed(errno: code)
        }
        return .opened(DescriptorHandle(descriptor: descriptor, info: info, link: link))
    }

    func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { close() }
}
