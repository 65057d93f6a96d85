import Testing

@testable import SwtopCore

/// Files that are not, or no longer, whole recordings: an error naming the offset
/// for what cannot be read at all, warnings and the samples around the damage otherwise.
@Suite struct RecordingDamageTests {
    static let samples = RecordingTests.liveSamples()

    /// Records with every one full, so that damage to one leaves the others readable.
    static func fullRecording() -> (bytes: [UInt8], frames: [RecordFrame]) {
        let bytes = RecordingTests.recording(samples, fullInterval: 0)
        return (bytes, (try? RecordingReader(bytes).frames) ?? [])
    }

    @Test func anEmptyFileIsAnError() {
        #expect(throws: RecordingOpenError.empty) { try RecordingReader([UInt8]()) }
        #expect(RecordingOpenError.empty.description.contains("offset 0"))
    }

    @Test func anotherProgramsFileIsAnError() {
        #expect(throws: RecordingOpenError.notARecording) { try RecordingReader(Array("#!/bin/sh\necho hello\n".utf8)) }
        // The start of a zstd frame, as atop's or a compressed log would have.
        #expect(throws: RecordingOpenError.notARecording) { try RecordingReader([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]) }
    }

    @Test func aNewerVersionIsAnError() {
        var bytes = RecordingFormat.fileHeader()
        let newer = RecordingFormat.version + 1
        bytes[8] = UInt8(newer)
        #expect(throws: RecordingOpenError.newerVersion(newer)) { try RecordingReader(bytes) }
    }

    @Test func aHeaderAloneHasNoSamples() throws {
        let (decoded, warnings) = try RecordingTests.decodeAll(RecordingFormat.fileHeader())
        #expect(decoded.isEmpty)
        #expect(warnings.isEmpty)
    }

    @Test func aTornTailIsSkippedWithAWarning() throws {
        let (bytes, frames) = Self.fullRecording()
        try #require(frames.count == 3)
        for cut in [frames[2].offset + 10, frames[2].end - 1] {
            let (decoded, warnings) = try RecordingTests.decodeAll(Array(bytes[..<cut]))
            #expect(decoded.map(\.generation) == Array(Self.samples.prefix(2)).map(\.generation))
            #expect(
                warnings == [
                    "offset \(frames[2].offset): the last record is torn (\(cut - frames[2].offset) bytes), skipped"
                ])
        }
    }

    @Test func aFlippedBitInAPayloadLosesThatRecordOnly() throws {
        var (bytes, frames) = Self.fullRecording()
        try #require(frames.count == 3)
        bytes[frames[1].offset + RecordingFormat.frameHeaderSize + frames[1].length / 2] ^= 0x10
        let (decoded, warnings) = try RecordingTests.decodeAll(bytes)
        #expect(decoded.map(\.generation) == [Self.samples[0].generation, Self.samples[2].generation])
        #expect(warnings.count == 1)
        let first = try #require(warnings.first)
        #expect(first.hasPrefix("offset \(frames[1].offset): "))
    }

    @Test func aDamagedFrameHeaderIsSkippedToTheNextRecord() throws {
        var (bytes, frames) = Self.fullRecording()
        try #require(frames.count == 3)
        bytes[frames[1].offset] ^= 0xff // the marker
        let (decoded, warnings) = try RecordingTests.decodeAll(bytes)
        #expect(decoded.map(\.generation) == [Self.samples[0].generation, Self.samples[2].generation])
        #expect(
            warnings == ["offset \(frames[1].offset): \(frames[2].offset - frames[1].offset) damaged bytes skipped"])
    }

    @Test func deltasAfterADamagedRecordWaitForTheNextFullOne() throws {
        var bytes = RecordingTests.recording(Self.samples)
        let frames = try RecordingReader(bytes).frames
        try #require(frames.map(\.kind) == [.full, .delta, .delta])
        bytes[frames[1].offset + RecordingFormat.frameHeaderSize] ^= 1
        let (decoded, warnings) = try RecordingTests.decodeAll(bytes)
        #expect(decoded.map(\.generation) == [Self.samples[0].generation])
        #expect(warnings.count == 2)
    }

    @Test func aValidChecksumOverATruncatedZstdBlockIsRefused() throws {
        // A record whose compressed payload was cut, with a checksum that matches the cut bytes.
        let payload = SnapshotCoding.encode(Self.samples[0], previous: nil)
        var record = RecordingFormat.record(
            kind: .full, generation: 1, baseGeneration: 0, timestamp: 1, payload: payload)
        let cut = (record.count - RecordingFormat.frameHeaderSize) / 2
        record.removeLast(record.count - RecordingFormat.frameHeaderSize - cut)
        let length = UInt32(cut)
        for shift in 0..<4 { record[4 + shift] = UInt8(truncatingIfNeeded: length >> UInt32(shift * 8)) }
        let crc = CRC32.checksum(record[RecordingFormat.frameHeaderSize...], continuing: CRC32.checksum(record[4..<36]))
        for shift in 0..<4 { record[36 + shift] = UInt8(truncatingIfNeeded: crc >> UInt32(shift * 8)) }
        let (decoded, warnings) = try RecordingTests.decodeAll(RecordingFormat.fileHeader() + record)
        #expect(decoded.isEmpty)
        #expect(warnings == ["offset 16: record of sample 1 does not decompress, skipped"])
    }

    @Test func randomBitFlipsNeverTrap() throws {
        let (bytes, _) = Self.fullRecording()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200 {
            var damaged = bytes
            for _ in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let position =
                    RecordingFormat.headerSize + Int(state >> 33) % (bytes.count - RecordingFormat.headerSize)
                damaged[position] ^= UInt8(truncatingIfNeeded: state >> 8) | 1
            }
            let reader = try RecordingReader(damaged)
            var count = 0
            reader.forEachSnapshot { _ in
                count += 1
                return true
            }
            #expect(count <= Self.samples.count)
        }
    }
}
