import Testing

@testable import SwtopCore

/// DRM fdinfo (the kernel's drm-usage-stats format) on fixture text.
@Suite struct DRMFdinfoTests {
    static func fdinfo(client: UInt64, renderNanoseconds: UInt64, memoryKiB: UInt64 = 2048) -> String {
        """
        pos:\t0
        flags:\t02100002
        mnt_id:\t26
        ino:\t1071
        drm-driver:\ti915
        drm-client-id:\t\(client)
        drm-pdev:\t0000:00:02.0
        drm-engine-render:\t\(renderNanoseconds) ns
        drm-engine-video:\t0 ns
        drm-memory-system:\t\(memoryKiB) KiB
        drm-memory-stolen:\t1 MiB

        """
    }

    @Test func parsesEnginesMemoryAndClient() throws {
        let client = try #require(
            parsing(Self.fdinfo(client: 7, renderNanoseconds: 123_456_789), DRMFdinfoParser.parse))
        #expect(client.clientID == 7)
        #expect(client.device == "0000:00:02.0")
        #expect(client.engineNanoseconds == ["render": 123_456_789, "video": 0])
        let memory = try #require(client.memoryBytes)
        #expect(memory == 2048 << 10 + 1 << 20)
        let notDRM = parsing("pos:\t0\nflags:\t02\nmnt_id:\t26\n", DRMFdinfoParser.parse) == nil
        #expect(notDRM, "a descriptor that is not a DRM client")
    }

    @Test func halfASecondOfEngineTimeOverOneSecondIsFiftyPercent() throws {
        let before = try #require(
            parsing(Self.fdinfo(client: 7, renderNanoseconds: 1_000_000_000), DRMFdinfoParser.parse))
        let after = try #require(
            parsing(Self.fdinfo(client: 7, renderNanoseconds: 1_500_000_000), DRMFdinfoParser.parse))
        let percent = try #require(
            DRMUsage.percent(
                before: DRMUsage.summed([before]).busyNanoseconds,
                after: DRMUsage.summed([after]).busyNanoseconds, seconds: 1))
        #expect(percent == 50)
        let steppedBack = DRMUsage.percent(before: 5, after: 4, seconds: 1) == nil
        #expect(steppedBack)
    }

    @Test func descriptorsSharingAClientCountOnce() throws {
        let client = try #require(parsing(Self.fdinfo(client: 7, renderNanoseconds: 400), DRMFdinfoParser.parse))
        let other = try #require(parsing(Self.fdinfo(client: 8, renderNanoseconds: 100), DRMFdinfoParser.parse))
        let summed = DRMUsage.summed([client, client, other]) // fd 5 and its dup fd 6, then another client
        #expect(summed.busyNanoseconds == 500)
        let memory = try #require(summed.memoryBytes)
        #expect(memory == 2 * (2048 << 10 + 1 << 20))
    }

    @Test func capacityDividesAnEngineClass() throws {
        let text = "drm-client-id:\t3\ndrm-engine-compute:\t800 ns\ndrm-engine-capacity-compute:\t4\n"
        let client = try #require(parsing(text, DRMFdinfoParser.parse))
        #expect(client.busyNanoseconds == 200)
        let noMemory = client.memoryBytes == nil
        #expect(noMemory)
    }
}
