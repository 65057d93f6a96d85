import Glibc
import SwtopHarness

/// One interactive monitor as the monitors mode runs it: set up to refresh once
/// per second, so that CPU time per second is CPU time per refresh for all of them.
struct Monitor {
    /// As in the progress lines.
    let name: String
    let executable: String
    /// What follows the executable on its command line.
    let arguments: [String]
    /// The first line of its version output, as the table shows it.
    let version: String
    /// Files to create in its fresh HOME before it starts: path under HOME, contents.
    let configuration: [(path: String, contents: String)]

    /// The monitors to measure, in the table's order. One that is not installed is
    /// left out with a progress note; an explicit `--swtop` that is not there is a
    /// usage error, since it names what the run is about.
    static func installed(swtopPath: String?) throws(UsageError) -> [Monitor] {
        var monitors: [Monitor] = []
        if let swtop = try locateSwtop(explicitPath: swtopPath) {
            monitors.append(
                Monitor(
                    name: "swtop", executable: swtop, arguments: ["-d", "1"],
                    versionArguments: [["--version"]]))
            // Sorted by memory, every process's statm is read each refresh (exact RES for
            // all): the table says what that costs beside the default view.
            monitors.append(
                Monitor(
                    name: "swtop-mem", executable: swtop, arguments: ["-d", "1", "-s", "mem"],
                    versionArguments: [["--version"]], variant: "sorted by MEM%"))
        }
        if let htop = located("htop") {
            // htop's delay is in tenths of a second.
            monitors.append(
                Monitor(
                    name: "htop", executable: htop, arguments: ["-d", "10"],
                    versionArguments: [["--version"]]))
        }
        if let top = located("top") {
            // procps-ng 4 prints its version for -V; 3.3 took -v, which 4 rejects.
            monitors.append(
                Monitor(
                    name: "top", executable: top, arguments: ["-d", "1"],
                    versionArguments: [["-V"], ["-v"]]))
        }
        if let btop = located("btop") {
            // btop has no command-line option for its refresh, and its default is 2 s.
            monitors.append(
                Monitor(
                    name: "btop", executable: btop, arguments: [],
                    versionArguments: [["--version"]],
                    configuration: [(".config/btop/btop.conf", "update_ms = 1000\n")]))
        }
        return monitors
    }

    /// - Parameter variant: how this run differs from the monitor's default view, for the table.
    private init(
        name: String, executable: String, arguments: [String], versionArguments: [[String]],
        configuration: [(path: String, contents: String)] = [], variant: String? = nil
    ) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.configuration = configuration
        let versions = versionArguments.lazy.compactMap { Spawn.firstLine(executable, [name] + $0) }
        let printed = versions.first.map(Self.printable) ?? "\(name) (version unknown)"
        version = variant.map { "\(printed), \($0)" } ?? printed
    }

    private static func located(_ name: String) -> String? {
        let path = Spawn.executable(name)
        if path == nil { progress("\(name) is not installed: skipped") }
        return path
    }

    /// `--swtop PATH`, or the swtop built next to this swtop-bench: the same build,
    /// so the two always match.
    static func locateSwtop(explicitPath: String?) throws(UsageError) -> String? {
        if let explicitPath {
            guard Spawn.isExecutableFile(explicitPath) else {
                throw UsageError("--swtop \(explicitPath) is not an executable file")
            }
            return absolute(explicitPath)
        }
        guard let bench = realpath("/proc/self/exe", nil) else {
            progress("cannot find this executable's directory: swtop skipped (give --swtop PATH)")
            return nil
        }
        defer { free(bench) }
        let path = String(cString: bench)
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let swtop = directory + "/swtop"
        guard Spawn.isExecutableFile(swtop) else {
            progress(
                "no swtop next to swtop-bench: skipped (build it with the same scratch path, or give --swtop PATH)")
            return nil
        }
        return swtop
    }

    /// tmux runs the monitor from its own working directory: a relative path must not depend on it.
    private static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/"), let directory = getcwd(nil, 0) else { return path }
        defer { free(directory) }
        return String(cString: directory) + "/" + path
    }

    /// Without control characters, which some version banners colour themselves with.
    private static func printable(_ line: String) -> String {
        var text = ""
        var inEscape = false
        for scalar in line.unicodeScalars {
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            if inEscape {
                // An SGR sequence such as ESC [ 1 m ends with its first letter.
                if scalar.properties.isAlphabetic { inEscape = false }
                continue
            }
            if scalar.value >= 0x20, scalar.value != 0x7F { text.unicodeScalars.append(scalar) }
        }
        return text.trimmingSpaces
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
