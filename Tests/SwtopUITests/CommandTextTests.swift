import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct CommandTextTests {
    @Test func argumentsAreJoinedBySpacesAndKernelThreadsBracketed() {
        #expect(
            CommandText.display(SnapshotBuilder.process(10, args: ["/bin/sh", "-c", "echo hi"])) == "/bin/sh -c echo hi"
        )
        #expect(CommandText.display(SnapshotBuilder.process(2, comm: "kthreadd", kernel: true)) == "[kthreadd]")
        #expect(CommandText.display(SnapshotBuilder.process(11, comm: "defunct", args: [])) == "defunct")
    }

    @Test func aHugeCommandLineIsCutToWhatARowCanShow() {
        let huge = String(repeating: "x", count: 1 << 20)
        let process = SnapshotBuilder.process(10, args: ["/bin/tool", huge])
        let shown = CommandText.display(process, cells: 100)
        #expect(shown.hasPrefix("/bin/tool xxx"))
        #expect(shown.utf8.count >= 100 && shown.utf8.count <= 100 * 16)
        #expect(CommandText.display(process).utf8.count == "/bin/tool ".utf8.count + huge.utf8.count)
    }

    @Test func cuttingNeverSplitsACharacterIntoGarbageOnScreen() {
        // 1600 bytes of three-byte characters: the cut falls inside one.
        let process = SnapshotBuilder.process(10, args: [String(repeating: "漢", count: 600)])
        let shown = CommandText.display(process, cells: 100)
        #expect(shown.unicodeScalars.dropLast().allSatisfy { $0 == "漢" })
        #expect(shown.count >= 100 / 2) // at least a row's worth of two-cell characters
    }

    @Test func aCommandLineSwtopCutEndsInAnEllipsis() {
        let details = ProcessDetails(
            comm: "tool", rawCommandLine: "/bin/tool\0aaaa", commandLineIsTruncated: true,
            executable: nil, realUID: 0, effectiveUID: 0, realUser: "root", effectiveUser: "root")
        var process = SnapshotBuilder.process(10)
        process.details = details
        #expect(CommandText.display(process) == "/bin/tool aaaa…")
        #expect(CommandText.display(process, cells: 100) == "/bin/tool aaaa…")
        // Cut further for the row: the row's own cut shows the end, not swtop's mark.
        #expect(CommandText.display(process, cells: 0) == "")
    }
}
