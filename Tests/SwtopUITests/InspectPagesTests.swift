import SwtopCore
import Testing

@testable import SwtopUI

/// The detail, environment, descriptor and output pages drawn into a Frame from
/// hand-built inspections, at 80x24 and at the smallest size, 40x10.
@Suite struct InspectPagesTests {
    static let target = ProcessTarget(pid: 4242, startTicks: 900, name: "worker", user: "alice")

    static func ids(_ id: UInt32, _ name: String) -> IDQuadruple {
        let named = NamedID(id: id, name: name)
        return IDQuadruple(real: named, effective: named, saved: named, filesystem: named)
    }

    static func inspection(
        commandLine: Readable<[String]> = .value(["python3", "worker.py", "--log", "/var/log/worker.log"]),
        executable: Readable<ExecutableFile> = .value(ExecutableFile(path: "/usr/bin/python3.12", isDeleted: false))
    ) -> ProcessInspection {
        ProcessInspection(
            pid: 4242, startTicks: 900, comm: "worker", commandLine: commandLine, executable: executable,
            workingDirectory: .value("/srv/app"), rootDirectory: .notPermitted, state: UInt8(ascii: "S"),
            ancestors: [
                ProcessLink(pid: 4200, comm: "sh"), ProcessLink(pid: 812, comm: "sshd"),
                ProcessLink(pid: 1, comm: "systemd"),
            ],
            children: .value([ProcessLink(pid: 4243, comm: "sleep")]),
            credentials: .value(
                Credentials(
                    users: ids(1000, "alice"), groups: ids(1000, "alice"),
                    supplementaryGroups: [NamedID(id: 27, name: "sudo"), NamedID(id: 100, name: "users")])),
            startTime: 1_764_650_000, elapsedSeconds: 3723,
            threads: .value([
                InspectedThread(tid: 4242, name: "worker", state: UInt8(ascii: "S"), cpuTicks: 10, cpuPercent: 1.5),
                InspectedThread(
                    tid: 4244, name: "io\u{1B}[31m", state: UInt8(ascii: "R"), cpuTicks: 90, cpuPercent: nil),
            ]),
            scheduling: Scheduling(nice: 5, priority: 25, policy: .batch, realTimePriority: 0, processor: 1),
            affinity: .value("0-3"), terminal: "pts/3", umask: .value(0o022),
            limits: .value([
                ResourceLimit(name: "Max open files", soft: .finite(1024), hard: .finite(4096), unit: "files"),
                ResourceLimit(name: "Max cpu time", soft: .unlimited, hard: .unlimited, unit: "seconds"),
            ]),
            signals: .value(
                SignalMasks(
                    pending: SignalSet(numbers: []), blocked: SignalSet(numbers: [2]),
                    ignored: SignalSet(numbers: [1, 13]), caught: SignalSet(numbers: [15, 17]))),
            memory: MemoryUsage(
                virtualBytes: 300 << 20, residentBytes: 40 << 20, sharedBytes: .value(8 << 20),
                proportionalBytes: .notPermitted, swapBytes: .notPermitted),
            io: .notPermitted,
            cgroups: .value([CgroupMembership(hierarchy: 0, controllers: "", path: "/user.slice/app.scope")]),
            systemTicks: 0, onlineCPUs: 4)
    }

    private func render(_ data: InspectData, _ page: InspectView.Page, width: Int = 80, height: Int = 24, top: Int = 0)
        -> Frame
    {
        var state = ViewState(width: width, height: height)
        var view = InspectView(page: page, target: Self.target)
        view.top = top
        state.mode = .inspecting(view)
        let text = data.page(page, clock: .utc)
        ViewReducer.keepInspectPageInRange(&state, page: text)
        return ViewRenderer().render(snapshot: nil, state: state, rows: [], page: text)
    }

    private func detail(_ inspection: ProcessInspection = inspection()) -> InspectData {
        var data = InspectData(target: Self.target)
        data.inspection = inspection
        return data
    }

    private func allLines(_ data: InspectData, _ page: InspectView.Page, width: Int) -> [String] {
        TextPageLayout.lines(of: data.page(page, clock: .utc)!, width: width).map(\.text)
    }

    @Test func detailPageAt80x24() {
        let lines = render(detail(), .detail).lines
        #expect(lines[0] == " PID 4242 (worker) — details                                            1-21/61")
        #expect(
            Array(lines[1...11]) == [
                "Process",
                "Command     python3 worker.py --log /var/log/worker.log",
                "Executable  /usr/bin/python3.12",
                "Working dir /srv/app",
                "Root        not permitted",
                "State       S (sleeping)",
                "Terminal    pts/3",
                "Started     2025-12-02 04:33:20",
                "Elapsed     01:02:03",
                "",
                "Parents and children",
            ])
        #expect(lines[12] == "Parents  4200 sh")
        #expect(lines[13] == "          812 sshd")
        #expect(lines[14] == "           1 systemd")
        #expect(lines[15] == "Children 4243 sleep")
        #expect(lines[22] == "Read at 05:35:23") // start time plus elapsed time
        #expect(lines[23] == "Esc/q Back Enter Details e Environ l Files o Output PgUp/PgDn Scroll End Follow")
    }

    @Test func everyPartOfTheDetailsIsThere() {
        let text = allLines(detail(), .detail, width: 80)
        for line in [
            "  real       1000 alice", "  filesystem 1000 alice", "Groups       27 sudo, 100 users",
            "Nice     5", "Priority 25", "Policy   SCHED_BATCH", "Affinity CPUs 0-3", "Umask    0022",
            "VIRT 300M", "RES  40.0M", "SHR  8.0M", "PSS  not permitted", "Swap not permitted",
            "I/O  not permitted",
            "4242 S   1.5%  worker", "4244 R      -  io\\e[31m",
            "Pending none", "Blocked SIGINT", "Ignored SIGHUP SIGPIPE", "Caught  SIGTERM SIGCHLD",
            "Max open files 1024 / 4096 files", "Max cpu time   unlimited / unlimited seconds",
            "0 /user.slice/app.scope",
        ] {
            #expect(text.contains(line), "no line \"\(line)\"")
        }
    }

    @Test func aDeletedExecutableIsMarkedAndALongCommandWraps() {
        let long = ["java"] + (1...12).map { "-Dproperty\($0)=value" }
        let inspection = Self.inspection(
            commandLine: .value(long),
            executable: .value(ExecutableFile(path: "/opt/app/bin/java", isDeleted: true)))
        let lines = render(detail(inspection), .detail, width: 40, height: 10).lines
        #expect(lines[0] == " PID 4242 (worker) — details     1-7/75")
        #expect(lines[2] == "Command     java -Dproperty1=value")
        #expect(lines[3] == "            -Dproperty2=value")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        let text = allLines(detail(inspection), .detail, width: 40)
        #expect(
            Array(text[13...15]) == [
                "Executable  /opt/app/bin/java (deleted ", "            or replaced since it ",
                "            started)",
            ])
        // Wrapped, the command line loses nothing.
        #expect(text[1...12].map { String($0.dropFirst(12)) }.joined() == long.joined(separator: " "))
        // Labels longer than a third of the width are cut, marked with +.
        #expect(text.contains("Max open fil+ 1024 / 4096 files"))
    }

    @Test func whatCannotBeReadSaysNotPermitted() {
        let inspection = Self.inspection(commandLine: .notPermitted, executable: .notPermitted)
        let text = allLines(detail(inspection), .detail, width: 80)
        #expect(text.contains("Command     not permitted"))
        #expect(text.contains("Executable  not permitted"))
    }

    @Test func anExitedProcessKeepsItsLastDataAndSaysSo() {
        var data = detail()
        data.hasExited = true
        let lines = render(data, .detail, width: 80, height: 24).lines
        #expect(lines[2] == "Command     python3 worker.py --log /var/log/worker.log")
        #expect(lines[22] == "PID 4242 (worker) has exited — showing its last data")
        // A page never read before the exit still says so.
        let environment = render(data, .environment, width: 40, height: 10).lines
        #expect(environment[0] == " PID 4242 (worker) — exited")
        #expect(environment[8] == "PID 4242 (worker) has exited — showing i")
    }

    @Test func environmentIsEscapedAt80x24And40x10() {
        var data = InspectData(target: Self.target)
        data.environment = .value([
            EnvironmentVariable(name: "PATH", value: "/usr/bin:/bin"),
            EnvironmentVariable(name: "PS1", value: "\u{1B}]0;title\u{07}$ "),
            EnvironmentVariable(name: "NOTE", value: "line1\nline2\u{9B}2J"),
            EnvironmentVariable(name: "LONG", value: String(repeating: "x", count: 60)),
        ])
        let frame = render(data, .environment)
        #expect(
            Array(frame.lines[0...5]) == [
                " PID 4242 (worker) — environment",
                "PATH=/usr/bin:/bin",
                "PS1=\\e]0;title\\x07$",
                "NOTE=line1\\nline2\\u009b2J",
                "LONG=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "",
            ])
        #expect(!frame.cells.contains { $0.character.unicodeScalars.contains(where: TerminalText.needsEscape) })
        let small = render(data, .environment, width: 40, height: 10).lines
        #expect(small[4] == "LONG=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
        #expect(small[5] == "xxxxxxxxxxxxxxxxxxxxxxxxx")
        #expect(small[8] == "4 variables, as they were when the proce")
        data.environment = .notPermitted
        #expect(render(data, .environment).lines[1] == "not permitted")
    }

    @Test func descriptorsWithSocketsAt80x24And40x10() {
        var data = InspectData(target: Self.target)
        data.descriptors = .value([
            OpenDescriptor(number: 0, kind: .terminal, target: "/dev/pts/3"),
            OpenDescriptor(number: 1, kind: .file, target: "/var/log/worker.log"),
            OpenDescriptor(number: 2, kind: .pipe, target: "pipe:[5501]"),
            OpenDescriptor(
                number: 3, kind: .socket, target: "socket:[7001]",
                socket: SocketEndpoint(family: .tcp, local: "127.0.0.1:8080", remote: nil, state: "LISTEN")),
            OpenDescriptor(
                number: 4, kind: .socket, target: "socket:[7002]",
                socket: SocketEndpoint(family: .tcp6, local: "[::1]:8080", remote: "[::1]:51234", state: "ESTABLISHED")),
            OpenDescriptor(
                number: 5, kind: .socket, target: "socket:[7003]",
                socket: SocketEndpoint(family: .unix, local: "@bus\u{1B}", remote: nil, state: "CONNECTED")),
            OpenDescriptor(number: 12, kind: .anonymousInode, target: "anon_inode:[eventfd]"),
            OpenDescriptor(number: 13, kind: .file, target: "/tmp/old.log (deleted)"),
        ])
        let lines = render(data, .descriptors).lines
        #expect(
            Array(lines[0...9]) == [
                " PID 4242 (worker) — open files",
                "FD KIND         TARGET",
                " 0 tty          /dev/pts/3",
                " 1 file         /var/log/worker.log",
                " 2 pipe         pipe:[5501]",
                " 3 socket       TCP 127.0.0.1:8080 LISTEN socket:[7001]",
                " 4 socket       TCPv6 [::1]:8080 -> [::1]:51234 ESTABLISHED socket:[7002]",
                " 5 socket       unix @bus\\e CONNECTED socket:[7003]",
                "12 anon inode   anon_inode:[eventfd]",
                "13 file         /tmp/old.log (deleted)",
            ])
        let small = render(data, .descriptors, width: 40, height: 10).lines
        #expect(small[0] == " PID 4242 (worker) — open files  1-7/12")
        #expect(small[5] == " 3 socket       TCP 127.0.0.1:8080")
        #expect(small[6] == "   LISTEN socket:[7001]")
        #expect(small.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test func outputFollowsFilesAndNamesWhatItDoesNotRead() {
        var log = OutputLog(targets: [
            .standardOutput: .regularFile(path: "/var/log/worker.log"), .standardError: .pipe("pipe:[5501]"),
        ])
        log.apply([
            .line(.standardOutput, "started", isCut: false), .line(.standardOutput, "tick \u{1B}[2J1", isCut: false),
        ])
        var data = InspectData(target: Self.target)
        data.output = log
        var lines = render(data, .output).lines
        #expect(
            Array(lines[0...5]) == [
                " PID 4242 (worker) — output",
                "fd 1 stdout following /var/log/worker.log",
                "fd 2 stderr pipe:[5501] — not read (reading a pipe would take its data from the",
                "            real reader)",
                "",
                "started",
            ])
        #expect(lines[6] == "tick \\e[2J1")
        #expect(lines[22] == "following like tail -F; End: newest lines")

        log.apply([
            .truncated(.standardOutput), .line(.standardOutput, "after truncation", isCut: false),
            .retargeted(.standardError, .terminal("/dev/pts/3")),
        ])
        data.output = log
        lines = render(data, .output).lines
        #expect(lines[2] == "fd 2 stderr /dev/pts/3 — a terminal, not read (reading it would take what is")
        #expect(lines.contains("— stdout was truncated; reading it again from the start —"))
        #expect(lines.contains("after truncation"))
        #expect(lines.contains("— stderr now goes to /dev/pts/3 — a terminal, not read (reading it would take"))
    }

    @Test func theOutputPageShowsTheNewestLinesAt40x10() {
        var log = OutputLog(targets: [
            .standardOutput: .regularFile(path: "/l"), .standardError: .regularFile(path: "/l"),
        ])
        log.apply((1...50).map { .line(.standardOutput, "line \($0)", isCut: false) })
        var data = InspectData(target: Self.target)
        data.output = log
        let lines = render(data, .output, width: 40, height: 10).lines
        #expect(lines[0] == " PID 4242 (worker) — output    48-54/54")
        #expect(Array(lines[1...7]) == (44...50).map { "line \($0)" })
        let top = allLines(data, .output, width: 40)
        #expect(top[0] == "fd 1 stdout following /l")
        #expect(top[1] == "fd 2 stderr the same file as stdout ")
        #expect(top[2] == "            (its lines are shown once)")
    }

    @Test func twoFollowedFilesMarkTheirLinesAndTheLogIsBounded() {
        var log = OutputLog(
            targets: [.standardOutput: .regularFile(path: "/out"), .standardError: .regularFile(path: "/err")],
            capacity: 3)
        log.apply([
            .line(.standardOutput, "a", isCut: false), .line(.standardError, "b", isCut: false),
            .line(.standardOutput, "c", isCut: false), .line(.standardError, "d", isCut: false),
        ])
        #expect(log.lines.map(\.text) == ["b", "c", "d"])
        var data = InspectData(target: Self.target)
        data.output = log
        let text = allLines(data, .output, width: 80)
        #expect(Array(text.suffix(3)) == ["stderr b", "stdout c", "stderr d"])
    }
}
