import Glibc

/// A fresh, empty HOME for one monitor run: no user configuration changes what a
/// monitor shows or how often it refreshes, and whatever it writes (htop and btop
/// save their settings on exit) lands in a directory the bench removes afterwards.
final class TemporaryHome {
    let path: String

    init() throws(BenchError) {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/swtop-bench-home.XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw BenchError("cannot create a temporary HOME in \(base): \(errorText(errno))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A new one, or nil after a progress line (after `label`, when given) that says why not.
    static func created(label: String? = nil) -> TemporaryHome? {
        do {
            return try TemporaryHome()
        } catch {
            progress((label.map { "\($0): " } ?? "") + error.description)
            return nil
        }
    }

    /// The XDG base directories inside this HOME: a monitor that honours one set
    /// in the user's environment must not read or write the user's files either.
    var environment: [String] {
        [
            "HOME=\(path)",
            "XDG_CONFIG_HOME=\(path)/.config",
            "XDG_CACHE_HOME=\(path)/.cache",
            "XDG_DATA_HOME=\(path)/.local/share",
            "XDG_STATE_HOME=\(path)/.local/state",
        ]
    }

    /// Writes `text` to `relativePath` under this HOME, creating its directories.
    func createFile(_ relativePath: String, containing text: String) throws(BenchError) {
        var directory = path
        for component in relativePath.split(separator: "/").dropLast() {
            directory += "/" + component
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw BenchError("cannot create \(directory): \(errorText(errno))")
            }
        }
        let file = path + "/" + relativePath
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BenchError("cannot create \(file): \(errorText(errno))") }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBytes { bytes in
            write(fd, bytes.baseAddress, bytes.count - 1) // without the terminating NUL
        }
        guard written == text.utf8.count else { throw BenchError("cannot write \(file): \(errorText(errno))") }
    }

    /// Deletes the directory and all it holds. Call once the monitor is gone.
    func remove() {
        Self.removeTree(path)
    }

    /// Depth first, never following a symbolic link out of the tree.
    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        if let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    }
}
