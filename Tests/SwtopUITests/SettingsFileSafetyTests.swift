import Glibc
import Testing

@testable import SwtopUI

/// The config path as root meets it with another user's HOME: links, FIFOs and
/// directories others can change are neither read nor written through, and a save
/// keeps the file's mode. (The tests run as root, as the end-to-end ones do.)
@Suite struct SettingsFileSafetyTests {
    static var changed: Settings { SettingsFileTests.changed }
    static let secret = "root:$6$salt$hash:19000:0:99999:7:::\n"

    private func session(_ path: String) -> SettingsSession {
        var options = LaunchOptions()
        options.configPath = path
        return SettingsSession(options: options, environment: { _ in nil }, readonly: false)
    }

    private func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : nil
    }

    @Test func aLinkedConfigIsNeitherReadNorWritten() throws {
        let directory = try TemporaryDirectory()
        try directory.write("victim", Self.secret)
        #expect(chmod(directory.path + "/victim", 0o600) == 0)
        let path = directory.path + "/config"
        #expect(symlink(directory.path + "/victim", path) == 0)
        let session = session(path)
        #expect(session.loaded.condition == .untrusted)
        #expect(session.warnings == ["not reading or saving \(path): \(path) is a symbolic link"])
        #expect(session.start == Settings() && !session.savesOnExit)
        #expect(session.finish(with: Self.changed) == nil)
        #expect(throws: SettingsSaveError(description: "not saving settings to \(path): \(path) is a symbolic link")) {
            try SettingsStore(path: path).save(Self.changed, keepingOld: true)
        }
        #expect(directory.read("victim") == Self.secret)
        #expect(mode("\(directory.path)/victim") == S_IFREG | 0o600)
        #expect(mode(path).map { $0 & S_IFMT } == S_IFLNK)
        #expect(directory.list("") == ["config", "victim"])
    }

    @Test func aLinkedDirectoryIsNeitherReadNorWritten() throws {
        let directory = try TemporaryDirectory()
        #expect(mkdir(directory.path + "/elsewhere", 0o700) == 0)
        try directory.write("elsewhere/config", "sort = mem\n")
        #expect(symlink(directory.path + "/elsewhere", directory.path + "/swtop") == 0)
        let path = directory.path + "/swtop/config"
        let loaded = SettingsStore(path: path).load()
        #expect(
            loaded
                == SettingsStore.Loaded(
                    settings: Settings(),
                    warnings: ["not reading or saving \(path): \(directory.path)/swtop is a symbolic link"],
                    condition: .untrusted))
        #expect(
            throws: SettingsSaveError(
                description: "not saving settings to \(path): \(directory.path)/swtop is a symbolic link")
        ) {
            try SettingsStore(path: path).save(Self.changed)
        }
        #expect(directory.list("elsewhere") == ["config"])
        #expect(directory.read("elsewhere/config") == "sort = mem\n")
    }

    @Test func aFIFOConfigDoesNotBlockAndIsNotReplaced() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/config"
        #expect(mkfifo(path, 0o600) == 0)
        // Without O_NONBLOCK this open would wait for a writer forever.
        let session = session(path)
        #expect(session.loaded.condition == .unreadable)
        #expect(session.warnings == ["cannot read \(path): not a regular file; using the defaults"])
        #expect(session.finish(with: Self.changed) == nil)
        #expect(throws: SettingsSaveError(description: "not saving settings to \(path): \(path) is not a regular file"))
        {
            try SettingsStore(path: path).save(Self.changed)
        }
        #expect(mode(path).map { $0 & S_IFMT } == S_IFIFO)
    }

    @Test func aGroupWritableDirectoryIsNotTrusted() throws {
        let directory = try TemporaryDirectory()
        #expect(mkdir(directory.path + "/swtop", 0o700) == 0 && chmod(directory.path + "/swtop", 0o770) == 0)
        try directory.write("swtop/config", "sort = mem\n")
        let path = directory.path + "/swtop/config"
        let session = session(path)
        #expect(session.loaded.condition == .untrusted)
        #expect(session.warnings == ["not reading or saving \(path): \(directory.path)/swtop is writable by others"])
        #expect(session.start.sortKey == .cpu && !session.savesOnExit)
        #expect(
            throws: SettingsSaveError(
                description: "not saving settings to \(path): \(directory.path)/swtop is writable by others")
        ) {
            try SettingsStore(path: path).save(Self.changed)
        }
        #expect(directory.list("swtop") == ["config"])
    }

    @Test func aGroupWritableFileIsNotTrusted() throws {
        let directory = try TemporaryDirectory()
        try directory.write("config", "sort = mem\n")
        #expect(chmod(directory.path + "/config", 0o620) == 0)
        let loaded = SettingsStore(path: directory.path + "/config").load()
        #expect(loaded.condition == .untrusted)
        #expect(
            loaded.warnings == [
                "not reading or saving \(directory.path)/config: \(directory.path)/config is writable by others"
            ])
    }

    @Test func aDirectoryOfAnotherUserIsNotTrusted() throws {
        let directory = try TemporaryDirectory()
        // HOME=/home/alice under sudo -E: alice could swap anything in it.
        #expect(mkdir(directory.path + "/alice", 0o755) == 0 && chown(directory.path + "/alice", 65534, 65534) == 0)
        let path = directory.path + "/alice/.config/swtop/config"
        let session = session(path)
        #expect(session.loaded.condition == .untrusted)
        #expect(session.warnings == ["not reading or saving \(path): \(directory.path)/alice is owned by uid 65534"])
        #expect(session.finish(with: Self.changed) == nil)
        #expect(
            throws: SettingsSaveError(
                description: "not saving settings to \(path): \(directory.path)/alice is owned by uid 65534")
        ) {
            try SettingsStore(path: path).save(Self.changed)
        }
        #expect(directory.list("alice") == [])
    }

    @Test func aSaveKeepsTheModeAndANewFileIsPrivate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/a/config"
        try SettingsStore(path: path).save(Self.changed)
        #expect(mode(path) == S_IFREG | 0o600)
        #expect(mode(directory.path + "/a") == S_IFDIR | 0o700)
        #expect(chmod(path, 0o640) == 0)
        try SettingsStore(path: path).save(Settings(), keepingOld: true)
        #expect(mode(path) == S_IFREG | 0o640)
        #expect(SettingsStore(path: path).load().settings == Settings())
        #expect(directory.list("a") == ["config", "config.bad"])
    }

    @Test func theTemporaryNameCannotBeGuessed() throws {
        let directory = try TemporaryDirectory()
        try directory.write("victim", Self.secret)
        // The name an earlier swtop would have used, laid in wait.
        #expect(symlink(directory.path + "/victim", directory.path + "/config.tmp-\(getpid())") == 0)
        try SettingsStore(path: directory.path + "/config").save(Self.changed)
        #expect(SettingsStore(path: directory.path + "/config").load().settings == Self.changed)
        #expect(directory.read("victim") == Self.secret)
        #expect(directory.list("") == ["config", "config.tmp-\(getpid())", "victim"])
    }

    @Test func aBadLineIsEchoedAsAShortPrefix() {
        let reading = SettingsFormat.read(Self.secret + "sort = " + String(repeating: "x", count: 100) + "\n")
        #expect(
            reading.warnings == [
                "config line 1: expected 'key = value', got 'root:$6$salt$has…'",
                "config line 2: unknown sort key 'xxxxxxxxxxxxxxxx…'",
            ])
    }
}
