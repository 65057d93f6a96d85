import Glibc

/// A directory reached from `/` one name at a time without following a link, each
/// step checked so that nobody but swtop's user and root can change what it holds.
///
/// swtop runs as root with a HOME or XDG_CONFIG_HOME another user can write (sudo -E,
/// su -m, a service): a link or a directory of theirs on the way to the config would
/// let them pick the file root reads, writes or renames. Below a checked directory
/// nothing can be swapped, so names opened relative to `descriptor` stay what was checked.
final class TrustedDirectory {
    enum Failure: Error, Equatable {
        /// A link, or something others can change: nothing may be read or written there.
        case untrusted(String)
        /// A plain system error, such as no permission or a file where a directory belongs.
        case system(Int32)
        /// Creating was not asked for and a directory on the way does not exist.
        case missing
    }

    /// O_PATH, which the C module leaves out (it needs _GNU_SOURCE); the value of the
    /// architectures Swift runs on (x86_64, arm64).
    private static let pathOnly: Int32 = 0o10000000

    /// Open for reading, so that a rename in it can be made durable with fsync.
    let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens `path` (absolute) through checked directories; with `creating`, makes
    /// the missing ones (mode 0700) inside the checked ones.
    static func reach(_ path: String, creating: Bool) throws(Failure) -> TrustedDirectory {
        let names = path.split(separator: "/").map(String.init)
        var current = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { throw .system(errno) }
        var shown = ""
        do {
            try check(current, shown: "/", isLast: names.isEmpty)
            for (index, name) in names.enumerated() {
                shown += "/" + name
                let isLast = index == names.count - 1
                let next = try step(from: current, to: name, shown: shown, isLast: isLast, creating: creating)
                close(current)
                current = next
                try check(current, shown: shown, isLast: isLast)
            }
        } catch {
            close(current)
            throw error
        }
        return TrustedDirectory(descriptor: current)
    }

    /// Opens `name` in `parent`, not following it if it is a link.
    private static func step(
        from parent: Int32, to name: String, shown: String, isLast: Bool,
        creating: Bool
    ) throws(Failure) -> Int32 {
        // Directories on the way only need searching; the last one is read for fsync.
        let flags = (isLast ? O_RDONLY : pathOnly) | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var opened = openat(parent, name, flags)
        if opened < 0, errno == ENOENT {
            guard creating else { throw .missing }
            // Someone else's directory made meanwhile fails the check after the open.
            guard mkdirat(parent, name, 0o700) == 0 || errno == EEXIST else { throw .system(errno) }
            opened = openat(parent, name, flags)
        }
        guard opened >= 0 else {
            let error = errno
            if error == ELOOP || error == ENOTDIR, isLink(name, in: parent) {
                throw .untrusted("\(shown) is a symbolic link")
            }
            throw .system(error)
        }
        return opened
    }

    /// Owned by the effective user or root, and writable by no one else. A directory
    /// on the way may be root's sticky one (/tmp): others cannot rename or remove
    /// what is in it, and whatever they made there fails its own check.
    private static func check(_ descriptor: Int32, shown: String, isLast: Bool) throws(Failure) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system(errno) }
        // O_PATH with O_NOFOLLOW may hand back the link itself.
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .untrusted("\(shown) is not a directory") }
        if let problem = problem(owner: info.st_uid, mode: info.st_mode, allowsSticky: !isLast) {
            throw .untrusted("\(shown) \(problem)")
        }
    }

    /// Why a file or directory with this owner and mode is not trusted, or nil.
    static func problem(owner: uid_t, mode: mode_t, allowsSticky: Bool = false) -> String? {
        guard owner == geteuid() || owner == 0 else { return "is owned by uid \(owner)" }
        let othersWrite = mode & (S_IWGRP | S_IWOTH) != 0
        let sticky = allowsSticky && owner == 0 && mode & S_ISVTX != 0
        guard !othersWrite || sticky else { return "is writable by others" }
        return nil
    }

    static func isLink(_ name: String, in parent: Int32) -> Bool {
        var info = stat()
        return fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
