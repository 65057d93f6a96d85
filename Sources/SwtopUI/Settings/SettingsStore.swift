import Glibc

/// The config file on disk: where it is, reading it, and replacing it atomically.
///
/// Every directory on the way and the file itself are reached without following a
/// link and must be the user's or root's, writable by nobody else (`TrustedDirectory`):
/// run as root with another user's HOME, swtop reads and writes nothing they could aim.
public struct SettingsStore: Sendable {
    /// What reading found.
    public enum Condition: Sendable, Equatable {
        /// No file yet: defaults, and the file is created at the first save.
        case missing
        case read
        /// Read with warnings: saving first keeps the old file as `config.bad`.
        case broken
        /// Exists but cannot be read (permissions, a directory): defaults, never overwritten.
        case unreadable
        /// A link, or a directory or file someone else can change: defaults, never written.
        case untrusted

        /// Whether the file may be written at exit.
        public var allowsSaving: Bool { self != .unreadable && self != .untrusted }
    }

    public struct Loaded: Sendable, Equatable {
        public var settings: Settings
        public var warnings: [String]
        public var condition: Condition
    }

    /// A settings file is small; anything larger is not one.
    static let sizeLimit = 1 << 20

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_CONFIG_HOME/swtop/config`, else `$HOME/.config/swtop/config`; nil when
    /// neither variable gives an absolute directory.
    public static func defaultPath(environment: (String) -> String?) -> String? {
        if let base = environment("XDG_CONFIG_HOME"), base.hasPrefix("/") { return base + "/swtop/config" }
        if let home = environment("HOME"), home.hasPrefix("/") { return home + "/.config/swtop/config" }
        return nil
    }

    /// Where a broken file is kept when a good one replaces it.
    public var brokenCopyPath: String { path + ".bad" }

    /// Never fails: whatever goes wrong becomes a warning and defaults.
    public func load() -> Loaded {
        let (directoryPath, name) = location
        let directory: TrustedDirectory
        do {
            directory = try TrustedDirectory.reach(directoryPath, creating: false)
        } catch .missing {
            return Loaded(settings: Settings(), warnings: [], condition: .missing)
        } catch .system(ENOTDIR) {
            // A file where a directory belongs: nothing to read; a save says why it cannot write.
            return Loaded(settings: Settings(), warnings: [], condition: .missing)
        } catch let failure {
            return refusal(failure)
        }
        // O_NONBLOCK: a FIFO put here must not stop the start; it is refused below.
        let descriptor = openat(directory.descriptor, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT { return Loaded(settings: Settings(), warnings: [], condition: .missing) }
            if error == ELOOP { return refusal(.untrusted("\(path) is a symbolic link")) }
            return refusal(.system(error))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return refusal(.system(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return unreadable("not a regular file") }
        if let problem = TrustedDirectory.problem(owner: info.st_uid, mode: info.st_mode) {
            return refusal(.untrusted("\(path) \(problem)"))
        }
        guard let bytes = Self.readAll(descriptor) else { return unreadable("larger than 1 MiB") }
        let reading = SettingsFormat.read(String(decoding: bytes, as: UTF8.self))
        return Loaded(
            settings: reading.settings, warnings: reading.warnings,
            condition: reading.warnings.isEmpty ? .read : .broken)
    }

    /// Writes `settings` to a new temporary file beside the config and renames it
    /// over the old one, so a crash or a full disk never leaves half a file; the
    /// file keeps its mode (0600 when new). With `keepingOld`, the file being
    /// replaced is first renamed to `config.bad`.
    public func save(_ settings: Settings, keepingOld: Bool = false) throws(SettingsSaveError) {
        let (directoryPath, name) = location
        let directory: TrustedDirectory
        do {
            directory = try TrustedDirectory.reach(directoryPath, creating: true)
        } catch let failure {
            throw saveError(failure)
        }
        let folder = directory.descriptor
        let mode = try modeToKeep(name, in: folder)
        // A name nobody can guess, created new: nothing put there in advance is opened.
        let temporary = name + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 16)
        let descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw saveError(.system(errno)) }
        let written = Self.writeSynced(Array(SettingsFormat.text(settings).utf8), to: descriptor, mode: mode)
        close(descriptor)
        if let error = written {
            unlinkat(folder, temporary, 0)
            throw saveError(.system(error))
        }
        if keepingOld, renameat(folder, name, folder, name + ".bad") != 0, errno != ENOENT {
            let error = errno
            unlinkat(folder, temporary, 0)
            throw saveError(.system(error))
        }
        guard renameat(folder, temporary, folder, name) == 0 else {
            let error = errno
            unlinkat(folder, temporary, 0)
            throw saveError(.system(error))
        }
        // The rename is on disk only once the directory is.
        guard fsync(folder) == 0 || errno == EINVAL else { throw saveError(.system(errno)) }
    }

    /// The mode of the file being replaced, or 0600 when there is none; a link or a
    /// file others can change is not replaced.
    private func modeToKeep(_ name: String, in folder: Int32) throws(SettingsSaveError) -> mode_t {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return 0o600 }
            throw saveError(.system(errno))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw saveError(.untrusted("\(path) is a symbolic link"))
        default: throw saveError(.untrusted("\(path) is not a regular file"))
        }
        if let problem = TrustedDirectory.problem(owner: info.st_uid, mode: info.st_mode) {
            throw saveError(.untrusted("\(path) \(problem)"))
        }
        return info.st_mode & 0o777
    }

    /// `path`'s directory, made absolute from the working directory, and its last name.
    var location: (directory: String, name: String) {
        var absolute = path
        if !absolute.hasPrefix("/"), let working = getcwd(nil, 0) {
            absolute = String(cString: working) + "/" + absolute
            free(working)
        }
        guard let slash = absolute.lastIndex(of: "/") else { return ("/", absolute) }
        return (String(absolute[..<slash]), String(absolute[absolute.index(after: slash)...]))
    }

    private func refusal(_ failure: TrustedDirectory.Failure) -> Loaded {
        let warning =
            switch failure {
            case .untrusted(let reason): "not reading or saving \(path): \(reason)"
            case .system(let error): "cannot read \(path): \(Self.describe(error)); using the defaults"
            case .missing: "cannot read \(path): \(Self.describe(ENOENT)); using the defaults"
            }
        return Loaded(
            settings: Settings(), warnings: [warning], condition: failure.isUntrusted ? .untrusted : .unreadable)
    }

    private func unreadable(_ reason: String) -> Loaded {
        Loaded(
            settings: Settings(), warnings: ["cannot read \(path): \(reason); using the defaults"],
            condition: .unreadable)
    }

    private func saveError(_ failure: TrustedDirectory.Failure) -> SettingsSaveError {
        switch failure {
        case .untrusted(let reason): SettingsSaveError(description: "not saving settings to \(path): \(reason)")
        case .system(let error):
            SettingsSaveError(description: "cannot save settings to \(path): \(Self.describe(error))")
        case .missing: SettingsSaveError(description: "cannot save settings to \(path): \(Self.describe(ENOENT))")
        }
    }

    /// The whole file, or nil when it is larger than `sizeLimit`.
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += buffer[..<count]
            if bytes.count > sizeLimit { return nil }
        }
    }

    /// Sets the mode, writes `bytes` and syncs them: the data must be on disk before
    /// the rename makes it the config (or the textfile). Returns the errno of what failed, or nil.
    static func writeSynced(_ bytes: [UInt8], to descriptor: Int32, mode: mode_t) -> Int32? {
        guard fchmod(descriptor, mode) == 0 else { return errno }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            written += count
        }
        return fsync(descriptor) == 0 ? nil : errno
    }

    static func describe(_ error: Int32) -> String {
        strerror(error).map { String(cString: $0) } ?? "error \(error)"
    }
}

extension TrustedDirectory.Failure {
    var isUntrusted: Bool {
        if case .untrusted = self { return true }
        return false
    }
}

public struct SettingsSaveError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}
