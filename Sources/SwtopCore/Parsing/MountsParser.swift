/// The file systems of `/proc/self/mounts` worth a disk meter: those on a block
/// device (`/dev/…`) or a network share, not the kernel's pseudo file systems.
public enum MountsParser {
    public static func diskMountPoints(_ text: String) -> [String] {
        var points: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let device = fields[0]
            let type = fields[2]
            guard device.hasPrefix("/dev/") || ["nfs", "nfs4", "cifs", "smb3", "zfs", "btrfs"].contains(String(type))
            else { continue }
            let point = unescape(fields[1])
            if !points.contains(point) { points.append(point) }
        }
        return points
    }

    /// Undoes the kernel's octal escapes (`\040` for a space) in a mount point.
    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = Array(field.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "\\"), rest.count >= 3,
                let value = UInt8(String(decoding: rest.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Mount points from `/proc/self/mounts` under the proc root; `["/"]` when it cannot be read.
    public static func read(procFS: ProcFS) -> [String] {
        let reader = ProcFileReader(initialCapacity: 4096)
        let text = reader.withContents(ofPath: procFS.root + "/self/mounts") { String(decoding: $0, as: UTF8.self) }
        let points = text.map(diskMountPoints) ?? []
        return points.isEmpty ? ["/"] : points
    }
}
