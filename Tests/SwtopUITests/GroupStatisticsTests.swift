import SwtopCore
import Testing

@testable import SwtopUI

/// Program names as grouping sees them, and the distribution of resident sizes.
@Suite struct GroupStatisticsTests {
    private func process(exe: String?, argv: [String], kernel: Bool = false) -> ProcessEntry {
        ProcessEntry(
            pid: 10, ppid: 1, isKernelThread: kernel, startTicks: 1,
            details: ProcessDetails(comm: "comm", commandLine: argv, executable: exe))
    }

    @Test func programsAreExecutablesWithTheirServerTitles() {
        #expect(
            ProgramName.of(process(exe: "/usr/sbin/apache2", argv: ["/usr/sbin/apache2", "-k", "start"])) == "apache2")
        #expect(ProgramName.of(process(exe: "/usr/sbin/apache2", argv: ["(wsgi:shop)"])) == "apache2 (wsgi:shop)")
        #expect(
            ProgramName.of(process(exe: "/usr/lib/postgresql/15/bin/postgres", argv: ["postgres: checkpointer"]))
                == "postgres (checkpointer)")
        #expect(
            ProgramName.of(process(exe: "/usr/lib/postgresql/15/bin/postgres", argv: ["postgres: 15/main: walwriter"]))
                == "postgres (walwriter)")
        #expect(ProgramName.of(process(exe: "/usr/sbin/nginx", argv: ["nginx: worker process"])) == "nginx (worker)")
        #expect(
            ProgramName.of(process(exe: "/usr/sbin/nginx", argv: ["nginx: master process /usr/sbin/nginx", "-g"]))
                == "nginx (master)")
        // An argument with a colon is not a title: a path before it, or nothing set.
        #expect(
            ProgramName.of(process(exe: "/usr/bin/python3.11", argv: ["/usr/bin/python3", "a: b"])) == "python3.11")
        #expect(ProgramName.of(process(exe: "/srv/app (deleted)", argv: ["/srv/app"])) == "app")
        // Another user's process without root: no executable, so argv[0], else comm.
        #expect(ProgramName.of(process(exe: nil, argv: ["/usr/bin/sleep", "9"])) == "sleep")
        #expect(ProgramName.of(process(exe: nil, argv: [])) == "comm")
        #expect(ProgramName.of(process(exe: nil, argv: [], kernel: true)) == "[kernel]")
    }

    @Test func minimumAverageMedianMaximumForOddAndEvenCounts() throws {
        #expect(ResidentStatistics([]) == nil)
        let odd = try #require(ResidentStatistics([40, 10, 30, 20, 100]))
        #expect(odd.minimum == 10 && odd.maximum == 100)
        #expect(odd.mean == 40)
        #expect(odd.median == 30)
        let even = try #require(ResidentStatistics([40, 10, 30, 20]))
        #expect(even.mean == 25)
        #expect(even.median == 25) // (20 + 30) / 2
        let one = try #require(ResidentStatistics([7]))
        #expect(one.minimum == 7 && one.maximum == 7 && one.mean == 7 && one.median == 7)
    }
}
