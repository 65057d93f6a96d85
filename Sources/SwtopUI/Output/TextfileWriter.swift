import Glibc

/// `--textfile PATH`: each frame replaces PATH whole, for node_exporter's textfile
/// collector, which must never read half a file. The directory is reached as the
/// config's is (no link followed, nothing others can write on the way); the frame
/// goes to a new file under a random name in that directory (O_CREAT|O_EXCL|O_NOFOLLOW),
/// is synced and renamed over PATH. The temporary name does not end in `.prom`, so
/// the collector never reads it.
public struct TextfileWriter: Sendable {
    public let directory: String
    public let name: String

    /// Checks the name only; the directory is checked at every write (it may be replaced meanwhile).
    public init(path: String, workingDirectory: String) throws(UsageError) {
        guard path.hasSuffix(".prom"), !path.hasSuffix("/.prom") else {
            throw UsageError("--textfile must name a .prom file, which node_exporter reads (got '\(path)')")
        }
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let parts = absolute.split(separator: "/").map(String.init)
        guard let last = parts.last, !parts.contains(".."), !parts.contains(".") else {
            throw UsageError("--textfile must be a plain path without '.' or '..' (got '\(path)')")
        }
        name = last
        directory = "/" + parts.dropLast().joined(separator: "/")
    }

    /// Replaces the file with `text`; a one-line reason when it cannot, and then
    /// nothing is left behind (the temporary file is removed, the old file stays).
    public func write(_ text: String) throws(TextfileError) {
        let folder: TrustedDirectory
        do {
            folder = try TrustedDirectory.reach(directory, creating: false)
        } catch {
            throw TextfileError(
                description: "--textfile: cannot use the directory \(directory): " + Self.describe(error))
        }
        let temporary = "." + name + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 16)
        let descriptor = openat(
            folder.descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create a file in \(directory)", errno) }
        // Readable by the collector, which often runs as its own user.
        let written = SettingsStore.writeSynced(Array(text.utf8), to: descriptor, mode: 0o644)
        close(descriptor)
        if let error = written {
            unlinkat(folder.descriptor, temporary, 0)
            throw failure("cannot write \(directory)/\(temporary)", error)
        }
        guard renameat(folder.descriptor, temporary, folder.descriptor, name) == 0 else {
            let error = errno
            unlinkat(folder.descriptor, temporary, 0)
            throw failure("cannot rename into \(directory)/\(name)", error)
        }
        guard fsync(folder.descriptor) == 0 || errno == EINVAL else { throw failure("cannot sync \(directory)", errno) }
    }

    private func failure(_ what: String, _ error: Int32) -> TextfileError {
        TextfileError(description: "--textfile: \(what): " + SettingsStore.describe(error))
    }

    private static func describe(_ failure: TrustedDirectory.Failure) -> String {
        switch failure {
        case .untrusted(let reason): reason
        case .system(let error): SettingsStore.describe(error)
        case .missing: "it does not exist"
        }
    }
}

public struct TextfileError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
