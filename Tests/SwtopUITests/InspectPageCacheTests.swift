import SwtopCore
import Testing

@testable import SwtopUI

/// The run loop asks for the inspect page and its lines at every key: a page of
/// thousands of descriptors is made and laid out once per refresh, not per key.
@Suite struct InspectPageCacheTests {
    static let target = ProcessTarget(pid: 4242, startTicks: 900, name: "worker", user: "alice")

    static func descriptors(_ count: Int, prefix: String = "/var/log/file") -> Readable<[OpenDescriptor]> {
        .value((0..<count).map { OpenDescriptor(number: Int32($0), kind: .file, target: "\(prefix)-\($0)") })
    }

    @Test func aListPageIsMadeOncePerChangeOfItsData() throws {
        var data = InspectData(target: Self.target)
        data.descriptors = Self.descriptors(19_000)
        let first = try #require(data.page(.descriptors))
        let again = try #require(data.page(.descriptors))
        // The same page, sharing its laid-out lines: nothing was made again.
        #expect(first.laidOut === again.laidOut)

        data.descriptors = Self.descriptors(3, prefix: "/tmp/other")
        let changed = try #require(data.page(.descriptors))
        #expect(changed.laidOut !== first.laidOut)
        #expect(changed.status == "3 open descriptors")
    }

    @Test func laidOutLinesFollowTheWidthAndTheText() throws {
        var data = InspectData(target: Self.target)
        data.descriptors = Self.descriptors(50)
        var page = try #require(data.page(.descriptors))
        let wide = TextPageLayout.lines(of: page, width: 120)
        #expect(TextPageLayout.lines(of: page, width: 120) == wide)
        // A narrow width wraps the long targets: other lines, not the cached ones.
        let narrow = TextPageLayout.lines(of: page, width: 20)
        #expect(narrow.count > wide.count)
        #expect(TextPageLayout.lines(of: page, width: 120) == wide)
        // Other text on the same page value: laid out anew.
        page.sections = [TextPage.Section(nil, [TextPage.Row("", "only this")])]
        #expect(TextPageLayout.lines(of: page, width: 120).map(\.text) == ["only this"])
    }

    @Test func theExitNoticeDoesNotComeFromAStaleCache() throws {
        var data = InspectData(target: Self.target)
        data.descriptors = Self.descriptors(5)
        #expect(data.page(.descriptors)?.notice == nil)
        data.hasExited = true
        #expect(data.page(.descriptors)?.notice?.contains("has exited") == true)
    }
}
