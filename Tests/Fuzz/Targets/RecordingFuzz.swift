@testable import SwtopCore

/// A recording file: the header, the frame index with its resynchronisation after
/// damage, checksums, zstd, and the snapshot decoder on whatever survives. The input
/// is also tried as a payload on its own (behind a valid header and frame), so the
/// decoder sees arbitrary bytes, not only those that pass a checksum.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecording(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let reader = try? RecordingReader(bytes) {
        reader.forEachSnapshot { _ in true }
    }
    var previous: Snapshot?
    for _ in 0..<2 {
        previous = (try? SnapshotCoding.decode(bytes, generation: 1, timestamp: 0, previous: previous)) ?? previous
    }
    let record = RecordingFormat.record(kind: .full, generation: 1, baseGeneration: 0, timestamp: 0, payload: bytes)
    if let reader = try? RecordingReader(RecordingFormat.fileHeader() + record) {
        reader.forEachSnapshot { _ in true }
    }
    return 0
}
