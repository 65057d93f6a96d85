import Glibc
import Testing

@testable import SwtopUI

/// The config file: every setting survives a write and a read; broken, unreadable
/// and unwritable files are reported, never fatal, and never silently lost.
@Suite struct SettingsFileTests {
    /// Every setting away from its default.
    static var changed: Settings {
        var settings = Settings()
        settings.preferences.columns = [
            .exe, .pid, .ppid, .processGroup, .session, .tty, .uid, .normalizedCPU,
            .threads, .start, .elapsed, .processor, .comm, .command,
        ]
        settings.preferences.colorScheme = .light
        settings.preferences.meters = [
            Meter(.cpuFrequency, .bar, .left), Meter(.disk("/mnt/my disk (2)"), .bar, .left),
            Meter(.contextSwitches, .text, .right), Meter(.interrupts, .text, .right),
            Meter(.disk("/"), .text, .right),
        ]
        settings.preferences.highlightsChanges = true
        settings.preferences.updatesProcessNames = true
        settings.preferences.showsFullPaths = false
        settings.sortKey = .start
        settings.sortInverted = true
        settings.tree = true
        settings.showsKernelThreads = true
        settings.showsThreads = true
        settings.delay = 0.25
        return settings
    }

    @Test func everySettingRoundTrips() {
        let reading = SettingsFormat.read(SettingsFormat.text(Self.changed))
        #expect(reading.warnings == [])
        #expect(reading.settings == Self.changed)
        #expect(Self.changed != Settings())
        // Defaults too, and each sort key and column by name.
        #expect(SettingsFormat.read(SettingsFormat.text(Settings())).settings == Settings())
        for key in SortKey.allCases {
            var settings = Settings()
            settings.sortKey = key
            #expect(SettingsFormat.read(SettingsFormat.text(settings)).settings.sortKey == key)
        }
        var all = Settings()
        all.preferences.columns = TableColumn.allCases
        #expect(SettingsFormat.read(SettingsFormat.text(all)).settings.preferences.columns == TableColumn.allCases)
    }

    @Test func theFileIsReadableText() {
        let text = SettingsFormat.text(Settings())
        #expect(text.contains("\ncolumns = PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ Command\n"))
        #expect(text.contains("\nsort = cpu\n"))
        #expect(text.contains("\nmeters_left = Memory:bar Swap:bar\n"))
        #expect(text.contains("\nmeters_right = Tasks:text Load:text Uptime:text\n"))
    }

    @Test func brokenLinesAreNamedAndKeepTheirDefaults() {
        let text = """
            # comment
            columns = PID BOGUS CPU% Command
            sort = mem
            tree = maybe
            color_scheme = neon
            this line has no equals sign
            delay = -3
            frobnicate = yes
            meters_left = Memory:bar Warp:bar
            kernel_threads = yes
            userland_thr
            """
        let reading = SettingsFormat.read(text)
        #expect(
            reading.warnings == [
                "config line 2: unknown column 'BOGUS' left out",
                "config line 4: tree must be yes or no, not 'maybe'",
                "config line 5: unknown color scheme 'neon'; use one of: default, monochrome, light",
                "config line 6: expected 'key = value', got 'this line has no…'",
                "config line 7: delay must be seconds from 0.1 to 86400, not '-3'",
                "config line 8: unknown setting 'frobnicate'",
                "config line 9: unknown meter 'Warp:bar' left out",
                "config line 11: expected 'key = value', got 'userland_thr'",
            ])
        var expected = Settings()
        expected.preferences.columns = [.pid, .cpu, .command]
        expected.sortKey = .mem
        expected.showsKernelThreads = true
        expected.preferences.meters = [
            Meter(.tasks, .text, .right), Meter(.load, .text, .right),
            Meter(.uptime, .text, .right), Meter(.memory, .bar, .left),
        ]
        #expect(reading.settings == expected)
    }

    @Test func aMeterIsShownOnce() {
        // Tasks moves from its default place on the right to the left; a repeat is left out.
        let reading = SettingsFormat.read("meters_left = Memory:bar Tasks:text Memory:text\n")
        #expect(reading.warnings == ["config line 1: meter 'Memory:text' named twice left out"])
        #expect(
            reading.settings.preferences.meters == [
                Meter(.load, .text, .right), Meter(.uptime, .text, .right),
                Meter(.memory, .bar, .left), Meter(.tasks, .text, .left),
            ])
    }

    @Test func hostileBytesInAWarningAreEscaped() {
        let reading = SettingsFormat.read("sort = \u{1B}]2;x\u{07}\n")
        #expect(reading.warnings == ["config line 1: unknown sort key '\\e]2;x\\x07'"])
    }

    @Test func pathFollowsXDGThenHome() {
        #expect(SettingsStore.defaultPath { ["XDG_CONFIG_HOME": "/x", "HOME": "/h"][$0] } == "/x/swtop/config")
        #expect(
            SettingsStore.defaultPath { ["XDG_CONFIG_HOME": "relative", "HOME": "/h"][$0] } == "/h/.config/swtop/config"
        )
        #expect(SettingsStore.defaultPath { ["HOME": "/h"][$0] } == "/h/.config/swtop/config")
        #expect(SettingsStore.defaultPath { _ in nil } == nil)
    }

    // MARK: Files

    @Test func saveCreatesTheDirectoryAndLoadReadsItBack() throws {
        let directory = try TemporaryDirectory()
        let store = SettingsStore(path: directory.path + "/a/b/swtop/config")
        #expect(store.load() == SettingsStore.Loaded(settings: Settings(), warnings: [], condition: .missing))
        try store.save(Self.changed)
        #expect(store.load() == SettingsStore.Loaded(settings: Self.changed, warnings: [], condition: .read))
        // Nothing is left beside it: the temporary file was renamed over the config.
        #expect(directory.list("a/b/swtop") == ["config"])
    }

    @Test func aBrokenFileIsKeptAsConfigBadWhenReplaced() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/config"
        try directory.write("config", "columns = PID USER\nsort = cp")
        let session = SettingsSession(options: Self.options(config: path), environment: { _ in nil }, readonly: false)
        #expect(session.loaded.condition == .broken)
        #expect(session.warnings == ["config line 2: unknown sort key 'cp'"])
        #expect(session.start.preferences.columns == [.pid, .user])
        #expect(session.start.sortKey == .cpu)
        // Nothing changed: nothing written, the broken file stays as it was.
        #expect(session.finish(with: session.start) == nil)
        #expect(directory.read("config") == "columns = PID USER\nsort = cp")
        var final = session.start
        final.sortKey = .mem
        #expect(session.finish(with: final) == "the config file had errors; the old one is kept as \(path).bad")
        #expect(directory.read("config.bad") == "columns = PID USER\nsort = cp")
        let reread = SettingsStore(path: path).load()
        #expect(reread.condition == .read)
        #expect(reread.settings.sortKey == .mem)
        #expect(reread.settings.preferences.columns == [.pid, .user])
    }

    @Test func anUnreadableFileGivesDefaultsAndIsNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        // A directory where the file should be cannot be read, even by root.
        #expect(mkdir(directory.path + "/config", 0o755) == 0)
        let session = SettingsSession(
            options: Self.options(config: directory.path + "/config"),
            environment: { _ in nil }, readonly: false)
        #expect(session.loaded.condition == .unreadable)
        #expect(session.warnings == ["cannot read \(directory.path)/config: not a regular file; using the defaults"])
        #expect(session.start == Settings())
        #expect(!session.savesOnExit)
        #expect(session.finish(with: Self.changed) == nil)
        #expect(directory.list("config") == [])
    }

    @Test func aDirectoryThatCannotBeWrittenIsOneLineNotACrash() throws {
        let directory = try TemporaryDirectory()
        try directory.write("blocker", "not a directory")
        let path = directory.path + "/blocker/swtop/config"
        let session = SettingsSession(options: Self.options(config: path), environment: { _ in nil }, readonly: false)
        #expect(session.finish(with: Self.changed) == "cannot save settings to \(path): Not a directory")
        #expect(directory.read("blocker") == "not a directory")
        #expect(directory.list("") == ["blocker"])
    }

    @Test func readonlyAndNoConfigNeverWrite() throws {
        let directory = try TemporaryDirectory()
        let environment = { (name: String) in name == "XDG_CONFIG_HOME" ? directory.path : nil }
        let readonly = SettingsSession(options: LaunchOptions(), environment: environment, readonly: true)
        #expect(readonly.store?.path == directory.path + "/swtop/config")
        #expect(readonly.finish(with: Self.changed) == nil)
        var options = LaunchOptions()
        options.noConfig = true
        let none = SettingsSession(options: options, environment: environment, readonly: false)
        #expect(none.store == nil)
        #expect(none.finish(with: Self.changed) == nil)
        #expect(directory.list("") == [])
        let normal = SettingsSession(options: LaunchOptions(), environment: environment, readonly: false)
        #expect(normal.finish(with: Self.changed) == nil)
        #expect(directory.list("swtop") == ["config"])
    }

    @Test func flagsWinForTheRunAndAreNotSaved() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/config"
        try directory.write("config", "sort = mem\ntree = no\ndelay = 2\ncolumns = PID Command\n")
        let options = try OptionParser.parse(["--config", path, "-s", "pid", "-t", "-d", "0.5"])
        guard case .run(let launch) = options else {
            Issue.record("not a run")
            return
        }
        let session = SettingsSession(options: launch, environment: { _ in nil }, readonly: false)
        #expect(session.start.sortKey == .pid)
        #expect(session.start.tree)
        #expect(session.start.delay == 0.5)
        #expect(session.start.preferences.columns == [.pid, .command])
        // The user changed the columns only: the file keeps its own sort, tree and delay.
        var final = session.start
        final.preferences.columns = [.pid, .user, .command]
        #expect(session.finish(with: final) == nil)
        let saved = SettingsStore(path: path).load().settings
        #expect(saved.sortKey == .mem && !saved.tree && saved.delay == 2)
        #expect(saved.preferences.columns == [.pid, .user, .command])
        // A sort chosen in the view is the user's: it is saved.
        final.sortKey = .time
        #expect(session.finish(with: final) == nil)
        #expect(SettingsStore(path: path).load().settings.sortKey == .time)
    }

    @Test func stateAndSettingsConvertBothWays() {
        var state = ViewState()
        Self.changed.apply(to: &state)
        #expect(Settings(state: state, delay: 0.25) == Self.changed)
    }

    private static func options(config: String) -> LaunchOptions {
        var options = LaunchOptions()
        options.configPath = config
        return options
    }
}

/// A directory under /tmp, removed with everything in it when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/swtop-settings-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SettingsSaveError(description: "mkdtemp failed") }
        path = String(cString: made)
    }

    deinit { _ = remove(path) }

    func write(_ name: String, _ text: String) throws {
        guard let file = fopen(path + "/" + name, "w") else {
            throw SettingsSaveError(description: "cannot write \(name)")
        }
        fputs(text, file)
        fclose(file)
    }

    func read(_ name: String) -> String? {
        guard let file = fopen(path + "/" + name, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while case let byte = fgetc(file), byte != EOF { bytes.append(UInt8(byte)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Names in a subdirectory, sorted; empty when it does not exist or is empty.
    func list(_ relative: String) -> [String] {
        guard let directory = opendir(relative.isEmpty ? path : path + "/" + relative) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private func remove(_ path: String) -> Int32 {
        // A link is removed, never followed.
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name != "." && name != ".." { _ = remove(path + "/" + name) }
            }
            closedir(directory)
            return rmdir(path)
        }
        return unlink(path)
    }
}
