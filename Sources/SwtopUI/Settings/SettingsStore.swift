#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The config file on disk: where it is, reading it, and replacing it atomically.
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
    }

    public struct Loaded: Sendable, Equatable {
        public var settings: Settings
        public var warnings: [String]
        public var condition: Condition
    }

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
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT || error == ENOTDIR { return Loaded(settings: Settings(), warnings: [], condition: .missing) }
            return Loaded(settings: Settings(), warnings: ["cannot read \(path): \(Self.describe(error)); using the defaults"],
                          condition: .unreadable)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        // A settings file is small; anything past 1 MiB is not one.
        while bytes.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 {
                return Loaded(settings: Settings(), warnings: ["cannot read \(path): \(Self.describe(errno)); using the defaults"],
                              condition: .unreadable)
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        let reading = SettingsFormat.read(String(decoding: bytes, as: UTF8.self))
        return Loaded(settings: reading.settings, warnings: reading.warnings,
                      condition: reading.warnings.isEmpty ? .read : .broken)
    }

    /// Writes `settings` to a temporary file beside the config and renames it over
    /// the old one, so a crash or a full disk never leaves half a file. With
    /// `keepingOld`, the file being replaced is first renamed to `config.bad`.
    public func save(_ settings: Settings, keepingOld: Bool = false) throws(SettingsSaveError) {
        // A config kept elsewhere and linked here (a dotfiles repository) is updated
        // where it lives; renaming over the link would replace it with a copy.
        let path = Self.resolvingLink(self.path)
        let directory = Self.directory(of: path)
        try makeDirectories(directory)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure(errno) }
        let bytes = Array(SettingsFormat.text(settings).utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let error = errno
                close(descriptor)
                unlink(temporary)
                throw failure(error)
            }
            written += count
        }
        // The data must be on disk before the rename makes it the config.
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced else { unlink(temporary); throw failure(syncError) }
        if keepingOld, rename(path, path + ".bad") != 0, errno != ENOENT {
            let error = errno
            unlink(temporary)
            throw failure(error)
        }
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw failure(error)
        }
    }

    private func makeDirectories(_ directory: String) throws(SettingsSaveError) {
        var partial = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0, errno != EEXIST { throw failure(errno) }
        }
    }

    private func failure(_ error: Int32) -> SettingsSaveError {
        SettingsSaveError(description: "cannot save settings to \(path): \(Self.describe(error))")
    }

    static func resolvingLink(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func describe(_ error: Int32) -> String {
        strerror(error).map { String(cString: $0) } ?? "error \(error)"
    }
}

public struct SettingsSaveError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}
