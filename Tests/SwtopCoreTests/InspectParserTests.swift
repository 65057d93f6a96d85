import Testing

@testable import SwtopCore

@Suite struct StatusParserTests {
    static let status = """
        Name:\tsshd
        Umask:\t0027
        State:\tS (sleeping)
        Uid:\t1000\t1001\t1002\t1003
        Gid:\t100\t101\t102\t103
        Groups:\t4 24 27 
        SigQ:\t0/63371
        SigPnd:\t0000000000000000
        ShdPnd:\t0000000000000200
        SigBlk:\t0000000000010000
        SigIgn:\t0000000000001000
        SigCgt:\t0000000180004a02
        Cpus_allowed:\tf
        Cpus_allowed_list:\t0-3,6

        """

    @Test func readsIDsMaskAffinityAndSignals() throws {
        let fields = try #require(parsing(Self.status, StatusParser.parse))
        #expect(fields.userIDs == [1000, 1001, 1002, 1003])
        #expect(fields.groupIDs == [100, 101, 102, 103])
        #expect(fields.groups == [4, 24, 27])
        #expect(fields.umask == 0o027)
        #expect(fields.cpusAllowedList == "0-3,6")
        let masks = ProcessInspector.signalMasks(fields)
        // Bit n-1 is signal n: 0x200 is signal 10.
        #expect(masks.pending.names == ["SIGUSR1"])
        #expect(masks.blocked.numbers == [17])
        #expect(masks.ignored.numbers == [13])
        #expect(masks.caught.numbers == [2, 10, 12, 15, 32, 33])
        #expect(masks.caught.names.prefix(4) == ["SIGINT", "SIGUSR1", "SIGUSR2", "SIGTERM"])
    }

    @Test func emptyGroupsAndAnOldKernelWithoutUmask() throws {
        let fields = try #require(parsing("Uid:\t0\t0\t0\t0\nGroups:\t\nGid:\t0\t0\t0\t0\n", StatusParser.parse))
        #expect(fields.groups == [])
        #expect(fields.groupIDs == [0, 0, 0, 0])
        #expect(fields.umask == nil)
        #expect(!fields.sawSignalMasks)
    }
}

@Suite struct LimitsParserTests {
    static let limits = """
        Limit                     Soft Limit           Hard Limit           Units     
        Max cpu time              unlimited            unlimited            seconds   
        Max open files            1024                 1048576              files     
        Max nice priority         0                    0                    
        Max realtime timeout      unlimited            unlimited            us        

        """

    @Test func namesWithSpacesValuesAndUnits() throws {
        let limits = try #require(parsing(Self.limits, LimitsParser.parse))
        #expect(
            limits == [
                ResourceLimit(name: "Max cpu time", soft: .unlimited, hard: .unlimited, unit: "seconds"),
                ResourceLimit(name: "Max open files", soft: .finite(1024), hard: .finite(1_048_576), unit: "files"),
                ResourceLimit(name: "Max nice priority", soft: .finite(0), hard: .finite(0), unit: ""),
                ResourceLimit(name: "Max realtime timeout", soft: .unlimited, hard: .unlimited, unit: "us"),
            ])
    }

    @Test func garbageIsNoResult() {
        #expect(parsing("nothing here\n", LimitsParser.parse) == nil)
        #expect(
            parsing("Limit                     Soft Limit\nMax cpu time              lots  x\n", LimitsParser.parse)
                == nil)
    }
}

@Suite struct SmapsRollupAndIOParserTests {
    @Test func smapsRollupGivesPSSAndSwapInBytes() throws {
        let text =
            "55d0c0000000-7ffd3b1f9000 ---p 00000000 00:00 0    [rollup]\nRss:  5000 kB\nPss:  1234 kB\n"
            + "Pss_Anon: 800 kB\nShared_Clean: 10 kB\nSwap:  56 kB\nSwapPss: 50 kB\n"
        let rollup = try #require(parsing(text, SmapsRollupParser.parse))
        #expect(rollup.proportional == 1234 * 1024)
        #expect(rollup.swap == 56 * 1024)
        #expect(parsing("Rss: 5 kB\n", SmapsRollupParser.parse) == nil)
    }

    @Test func ioCounters() throws {
        let text =
            "rchar: 100\nwchar: 200\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 512\n"
        #expect(
            parsing(text, ProcessIOParser.parse)
                == IOCounters(
                    readCharacters: 100, writtenCharacters: 200,
                    readBytes: 4096, writtenBytes: 8192, cancelledWriteBytes: 512))
        #expect(parsing("syscr: 3\n", ProcessIOParser.parse) == nil)
    }
}

@Suite struct EnvironCgroupChildrenParserTests {
    @Test func environmentKeepsControlCharactersAndOddEntries() {
        let bytes =
            Array("PATH=/bin\0EVIL=a\u{1b}[31mred\nnext\0NOEQUALS\0EMPTY=\0X=a=b\0".utf8) + [0x42, 0x3D, 0xFF, 0]
        let variables = parsing(bytes: bytes, EnvironParser.parse)
        #expect(
            variables == [
                EnvironmentVariable(name: "PATH", value: "/bin"),
                EnvironmentVariable(name: "EVIL", value: "a\u{1b}[31mred\nnext"),
                EnvironmentVariable(name: "NOEQUALS", value: ""),
                EnvironmentVariable(name: "EMPTY", value: ""),
                EnvironmentVariable(name: "X", value: "a=b"),
                EnvironmentVariable(name: "B", value: "\\xff"),
            ])
    }

    @Test func cgroupLinesOnBothHierarchies() throws {
        let text = "12:cpu,cpuacct:/user.slice\n0::/system.slice/ssh.service:odd\n"
        #expect(
            parsing(text, CgroupParser.parse) == [
                CgroupMembership(hierarchy: 12, controllers: "cpu,cpuacct", path: "/user.slice"),
                CgroupMembership(hierarchy: 0, controllers: "", path: "/system.slice/ssh.service:odd"),
            ])
        #expect(parsing("not a cgroup line\n", CgroupParser.parse) == nil)
    }

    @Test func childrenPIDs() {
        #expect(parsing("12 345 6789 ", ChildrenParser.parse) == [12, 345, 6789])
        #expect(parsing("", ChildrenParser.parse) == [])
    }
}

@Suite struct SocketTableParserTests {
    @Test func tcpV4RowsWithStatesAndInodes() {
        let text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000 100 0 0 10 0
               1: 0F02000A:0016 0202000A:C350 01 00000000:00000000 02:000A7A1B 00000000  1000        0 4343 4 0000 20 4 30 10 -1
               2: garbage

            """
        let rows = parsing(text, InetSocketTableParser.parse)
        #expect(
            rows == [
                .init(inode: 4242, local: "127.0.0.1:8080", remote: "0.0.0.0:0", remoteIsUnset: true, state: 0x0A),
                .init(inode: 4343, local: "10.0.2.15:22", remote: "10.0.2.2:50000", remoteIsUnset: false, state: 1),
            ])
        #expect(InetSocketTableParser.tcpStateName(0x0A) == "LISTEN")
        #expect(InetSocketTableParser.tcpStateName(1) == "ESTABLISHED")
        #expect(InetSocketTableParser.tcpStateName(99) == "state 99")
    }

    @Test func tcpV6AddressesInRFC5952Form() {
        let text = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0
               1: 0000000000000000FFFF00000100007F:0050 B80D0120000000000000000001000000:D431 01 00000000:00000000 00:00000000 00000000     0        0 78 1 0

            """
        let rows = parsing(text, InetSocketTableParser.parse)
        #expect(rows.map(\.local) == ["[::1]:443", "[::ffff:127.0.0.1]:80"])
        #expect(rows.map(\.remote) == ["[::]:0", "[2001:db8::1]:54321"])
        #expect(
            InetSocketTableParser.ipv6Text([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])
                == "2001:db8:0:1::1")
        #expect(InetSocketTableParser.ipv6Text([0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7]) == "1:0:2:3:4:5:6:7")
    }

    @Test func unixRowsWithPathsAbstractNamesAndStates() {
        let text = """
            Num       RefCount Protocol Flags    Type St Inode Path
            0000000054f69904: 00000002 00000000 00010000 0001 01 900 /run/my app.sock
            00000000d88145a7: 00000003 00000000 00000000 0001 03 901
            00000000d88145a8: 00000002 00000000 00000000 0002 01 902 @abstract\u{1b}name

            """
        let rows = parsing(text, UnixSocketTableParser.parse)
        #expect(rows.map(\.inode) == [900, 901, 902])
        #expect(rows.map(\.path) == ["/run/my app.sock", "", "@abstract\u{1b}name"])
        #expect(rows.map(UnixSocketTableParser.stateName) == ["LISTEN", "CONNECTED", "UNCONNECTED"])
    }

    /// A socket bound to a path with newlines prints lines that look like rows: a
    /// forged row for another process's socket (inode 901) must not lend it a path.
    @Test func aPathWithNewlinesCannotForgeARow() {
        let forged = "00000000d88145a7: 00000002 00000000 00010000 0001 01   901 /run/trusted.sock"
        let text = """
            Num       RefCount Protocol Flags    Type St Inode Path
            0000000054f69904: 00000002 00000000 00010000 0001 01   900 /tmp/x\n\(forged)\nnot a row
            00000000d88145a7: 00000003 00000000 00000000 0001 03   901
            0000000000000000: 00000002 00000000 00000000 0002 01   902 /tmp/a\n\nb

            """
        let rows = parsing(text, UnixSocketTableParser.parse)
        #expect(rows.map(\.inode) == [900, 901, 901, 902])
        // The forged line and the real one are both ambiguous: no path is believed.
        #expect(rows.filter { $0.inode == 901 }.allSatisfy { $0.isAmbiguous && $0.path.isEmpty })
        #expect(UnixSocketTableParser.stateName(rows[1]).contains("listed twice"))
        // Lines that are not rows continue the path above them.
        #expect(rows[0].path == "/tmp/x")
        #expect(rows[3].path == "/tmp/a\n\nb")
        #expect(!rows[0].isAmbiguous && !rows[3].isAmbiguous)
    }

    @Test func onlyTheKernelsLayoutIsARow() {
        let text = """
            Num       RefCount Protocol Flags    Type St Inode Path
            0000000054f69904: 00000002 00000000 00010000 0001 01 900 /ok
            54f69904:00000002 00000000 00010000 0001 01 901 /no-space
            0000000054f69904: 2 0 10000 1 1 902 /short-fields
            0000000054f69904: 00000002 00000000 00010000 0001 01 903x/glued

            """
        let rows = parsing(text, UnixSocketTableParser.parse)
        #expect(rows.map(\.inode) == [900])
        #expect(rows[0].path.hasPrefix("/ok\n54f69904:"))
    }
}

@Suite struct InspectorStatTests {
    @Test func schedulingFieldsFollowProcessor() throws {
        var fields = statLine(pid: 7, comm: "a) (b", processor: 3).split(separator: " ").map(String.init)
        // Fields 40 and 41 sit after "processor" (39): rt_priority 50, policy SCHED_FIFO.
        let close = try #require(fields.lastIndex { $0.hasSuffix(")") })
        fields[close + 38] = "50"
        fields[close + 39] = "1"
        let line = fields.joined(separator: " ")
        let stat = try #require(parsing(line) { InspectedStat(bytes: $0, pid: 7) })
        #expect(stat.comm == "a) (b")
        #expect(stat.stat.processor == 3)
        #expect(stat.realTimePriority == 50)
        #expect(SchedulingPolicy(number: stat.policy) == .fifo)
        #expect(parsing(line) { InspectedStat(bytes: $0, pid: 8) } == nil)
    }

    @Test func terminalNames() {
        #expect(TerminalDevice.name(ttyNumber: 0) == nil)
        #expect(TerminalDevice.name(ttyNumber: 34816 + 3) == "pts/3") // major 136
        #expect(TerminalDevice.name(ttyNumber: 1024 + 1) == "tty1")
        #expect(TerminalDevice.name(ttyNumber: 1024 + 64) == "ttyS0")
        // Minor numbers above 255 continue in bits 20 and up.
        #expect(TerminalDevice.name(ttyNumber: (136 << 8) | (1 << 20) | 2) == "pts/258")
        #expect(TerminalDevice.name(ttyNumber: 1281) == "console")
        #expect(TerminalDevice.isTerminal(device: 34816))
        #expect(!TerminalDevice.isTerminal(device: (1 << 8) | 3)) // /dev/null
    }

    @Test func policyNames() {
        #expect(SchedulingPolicy(number: 0).name == "SCHED_OTHER")
        #expect(SchedulingPolicy(number: 3).name == "SCHED_BATCH")
        #expect(SchedulingPolicy(number: 6).name == "SCHED_DEADLINE")
        #expect(SchedulingPolicy(number: 4).name == "policy 4")
    }
}
