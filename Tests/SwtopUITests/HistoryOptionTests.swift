import Glibc
import Testing

@testable import SwtopUI

/// `--record`, `--record-max`, `--replay`, `--begin`, `--end`: what they accept and refuse.
@Suite struct HistoryOptionTests {
    private func options(_ arguments: String...) throws -> LaunchOptions {
        guard case .run(let options) = try OptionParser.parse(arguments) else { return LaunchOptions() }
        return options
    }

    @Test func recordingOptions() throws {
        let recording = try options("--record", "r.swtop", "--record-max", "100M", "-b")
        #expect(recording.recordPath == "r.swtop")
        let maximum = try #require(recording.recordMax)
        #expect(maximum == 100 << 20)
        #expect(throws: UsageError("--record-max is used only with --record")) { try options("--record-max", "1G") }
        #expect(throws: UsageError("--record-max must be a size of 4K or more, such as 100M (got '1')")) {
            try options("--record", "r", "--record-max", "1")
        }
        #expect(
            throws: UsageError("--record-max must be a size of 4K or more, such as 100M (got '99999999999999999G')")
        ) {
            try options("--record", "r", "--record-max", "99999999999999999G")
        }
        #expect(throws: UsageError("--record needs a file name")) { try options("--record=") }
    }

    @Test func replayOptions() throws {
        let replay = try options("--replay", "r.swtop", "--json", "--begin", "yesterday 23:00", "--end", "-15m")
        #expect(replay.replayPath == "r.swtop" && replay.begin == "yesterday 23:00" && replay.end == "-15m")
        #expect(throws: UsageError("--begin and --end are used only with --replay")) { try options("--begin", "10:30") }
        #expect(throws: UsageError("--replay cannot be combined with --record")) {
            try options("--replay", "a", "--record", "b")
        }
        #expect(throws: UsageError("--begin: cannot read the time '25:00'")) {
            try options("--replay", "a", "--begin", "25:00")
        }
    }

    @Test func timesAreReadAgainstTheLocalClock() throws {
        // A fixed "now", turned into local calendar fields by the C library itself.
        let now = 1_800_000_000.0
        var clock = time_t(now)
        var parts = tm()
        localtime_r(&clock, &parts)
        let ago = try #require(TimeSpecification("-15m"))
        #expect(ago.seconds(now: now) == now - 900)
        #expect(try #require(TimeSpecification("-2h")).seconds(now: now) == now - 7200)
        let clockTime = try #require(TimeSpecification("10:30"))
        var expected = parts
        (expected.tm_hour, expected.tm_min, expected.tm_sec, expected.tm_isdst) = (10, 30, 0, -1)
        #expect(clockTime.seconds(now: now) == Double(mktime(&expected)))
        let yesterday = try #require(TimeSpecification("yesterday 23:00"))
        expected = parts
        (expected.tm_mday, expected.tm_hour, expected.tm_min, expected.tm_sec, expected.tm_isdst) = (
            parts.tm_mday - 1, 23, 0, 0, -1
        )
        #expect(yesterday.seconds(now: now) == Double(mktime(&expected)))
        let dated = try #require(TimeSpecification("2026-12-03 10:30:15"))
        var fields = tm()
        (fields.tm_year, fields.tm_mon, fields.tm_mday, fields.tm_hour, fields.tm_min, fields.tm_sec, fields.tm_isdst) =
            (126, 11, 3, 10, 30, 15, -1)
        #expect(dated.seconds(now: now) == Double(mktime(&fields)))
        for bad in ["", "10", "10:60", "-15", "-m", "tomorrow 10:00", "2026-13-01 10:00", "10:30 extra words"] {
            #expect(TimeSpecification(bad) == nil, "\(bad)")
        }
    }
}
