import CProcessControl
import Glibc

/// Whether a process's user could read a file it holds open, judged from the
/// file's owner, group and mode against the process's filesystem ids.
///
/// This is the question that matters and not the path's: a process can reopen
/// any descriptor it holds through /proc/self/fd/N with only the inode's own
/// permission checked. So swtop, reading as root, reads only what the process
/// could read itself. Conservative where the mode does not tell it all: a file
/// with an access ACL is readable only by its owner here (a named entry of the
/// ACL may deny what the mode's bits allow), and capabilities such as
/// CAP_DAC_READ_SEARCH are not counted.
enum ReadPermission {
    static func allows(
        _ credentials: ProcessCredentials, owner: UInt32, group: UInt32, mode: UInt32,
        hasAccessList: Bool
    ) -> Bool {
        if credentials.filesystemUID == 0 { return true }
        if credentials.filesystemUID == owner { return mode & UInt32(S_IRUSR) != 0 }
        if hasAccessList { return false }
        if credentials.filesystemGID == group || credentials.groups.contains(group) {
            return mode & UInt32(S_IRGRP) != 0
        }
        return mode & UInt32(S_IROTH) != 0
    }

    /// True when the file open on `descriptor` (an O_PATH handle is fine) has an
    /// access ACL, or when that cannot be told.
    static func hasAccessList(descriptor: Int32) -> Bool {
        // fgetxattr refuses O_PATH handles; the /proc/self/fd link reaches the same inode.
        let size = swtop_access_acl_size("/proc/self/fd/\(descriptor)")
        if size >= 0 { return true }
        return errno != ENODATA && errno != EOPNOTSUPP
    }
}
