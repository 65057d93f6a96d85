import Glibc

/// What a /proc/PID/fd/N link refers to, from stat(2) through the link (which
/// describes the open file itself) and the link's text. Never opens anything.
struct DescriptorProbe: Equatable {
    var kind: DescriptorKind
    /// The link's text.
    var target: String
    var device: UInt64
    var inode: UInt64

    /// nil with `errno` set when the link cannot be read (gone, not permitted).
    ///
    /// The link's text names pipes, sockets and anonymous inodes by itself
    /// (`socket:[INODE]`), so those are known even when stat fails.
    static func probe(path: String) -> DescriptorProbe? {
        guard let link = readLink(path) else { return nil }
        let text = LosslessText.decode(link)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let (kind, inode) = kindFromText(text)
            return DescriptorProbe(kind: kind, target: text, device: 0, inode: inode)
        }
        return DescriptorProbe(
            kind: kind(of: info, target: link), target: text,
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// `pipe:[123]`, `socket:[456]`, `anon_inode:[eventfd]`.
    static func kindFromText(_ text: String) -> (DescriptorKind, UInt64) {
        if text.hasPrefix("anon_inode:") { return (.anonymousInode, 0) }
        for (prefix, kind) in [("pipe:[", DescriptorKind.pipe), ("socket:[", .socket)]
        where text.hasPrefix(prefix) && text.hasSuffix("]") {
            if let inode = UInt64(text.dropFirst(prefix.count).dropLast()) { return (kind, inode) }
        }
        return (.unknown, 0)
    }

    static func kind(of info: stat, target: [UInt8]) -> DescriptorKind {
        if target.starts(with: Array("anon_inode:".utf8)) { return .anonymousInode }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO: return .pipe
        case S_IFSOCK: return .socket
        case S_IFBLK: return .blockDevice
        case S_IFCHR: return TerminalDevice.isTerminal(device: UInt64(info.st_rdev)) ? .terminal : .characterDevice
        default: return .unknown
        }
    }

    static func readLink(_ path: String) -> [UInt8]? {
        path.withCString { SymbolicLink.target(of: $0) }
    }
}

/// Names terminals by device number: `tty_nr` of stat, or a character device's `st_rdev`.
public enum TerminalDevice {
    /// Linux's `dev_t` split (include/linux/kdev_t.h: 12-bit major, 20-bit minor).
    static func split(_ device: UInt64) -> (major: UInt64, minor: UInt64) {
        (((device >> 8) & 0xFFF) | ((device >> 32) & ~0xFFF), (device & 0xFF) | ((device >> 12) & ~0xFF))
    }

    /// Majors of terminal devices (Documentation/admin-guide/devices.txt): 4 virtual
    /// consoles and serial lines, 5 /dev/tty, console and ptmx, 136–143 pseudo-terminals.
    static func isTerminal(device: UInt64) -> Bool {
        let major = split(device).major
        return major == 4 || major == 5 || (136...143).contains(major)
    }

    /// `pts/3`, `tty1`, `ttyS0`, `console`, or `MAJOR:MINOR`; nil for no terminal (0).
    public static func name(ttyNumber: Int32) -> String? {
        guard ttyNumber != 0 else { return nil }
        let (major, minor) = split(UInt64(UInt32(bitPattern: ttyNumber)))
        switch major {
        case 136...143: return "pts/\((major - 136) * 256 + minor)"
        case 4 where minor < 64: return "tty\(minor)"
        case 4: return "ttyS\(minor - 64)"
        case 5 where minor == 0: return "tty"
        case 5 where minor == 1: return "console"
        default: return "\(major):\(minor)"
        }
    }
}
