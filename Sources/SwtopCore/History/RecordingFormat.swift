/// The layout of a recording file (documented in swtop(1), FILES): a 16-byte header,
/// then records, each a 40-byte frame header and one zstd frame. All little-endian.
///
///     header:  "SWTOPREC"  version u16  header-size u16  reserved u32
///     record:  "SWR1"  length u32  kind u8  reserved 3×u8  generation u64
///              base-generation u64  timestamp f64 (bits)  crc32c u32  payload[length]
///
/// `kind` 0 is a full sample, 1 a delta against the sample `base-generation`, the one
/// written just before it. The CRC-32C covers bytes 4…35 of the frame header and the
/// payload, so a torn or flipped record is found before it is decompressed; the
/// marker lets a reader find the next record after damage.
public enum RecordingFormat {
    public static let magic: [UInt8] = Array("SWTOPREC".utf8)
    public static let version: UInt16 = 2
    public static let headerSize = 16
    public static let recordMarker: [UInt8] = Array("SWR1".utf8)
    public static let frameHeaderSize = 40

    public enum Kind: UInt8, Sendable {
        case full = 0
        case delta = 1
    }

    public static func fileHeader() -> [UInt8] {
        var writer = RecordByteWriter()
        for byte in magic { writer.byte(byte) }
        writer.byte(UInt8(version & 0xff))
        writer.byte(UInt8(version >> 8))
        writer.byte(UInt8(headerSize))
        writer.byte(0)
        writer.fixed32(0)
        return writer.bytes
    }

    /// One record: frame header and compressed payload.
    public static func record(
        kind: Kind, generation: UInt64, baseGeneration: UInt64, timestamp: Double,
        payload: [UInt8], level: Zstd.Level = .standard
    ) -> [UInt8] {
        let compressed = Zstd.compress(payload, level: level)
        var writer = RecordByteWriter()
        for byte in recordMarker { writer.byte(byte) }
        writer.fixed32(UInt32(compressed.count))
        writer.byte(kind.rawValue)
        for _ in 0..<3 { writer.byte(0) }
        writer.fixed64(generation)
        writer.fixed64(baseGeneration)
        writer.double(timestamp)
        var bytes = writer.bytes
        let crc = CRC32.checksum(compressed, continuing: CRC32.checksum(bytes[4...]))
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        bytes.append(contentsOf: compressed)
        return bytes
    }
}

/// A frame header as read back, before its payload is checked.
public struct RecordFrame: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var kind: RecordingFormat.Kind
    public var generation: UInt64
    public var baseGeneration: UInt64
    public var timestamp: Double
    public var checksum: UInt32
    /// Bytes 4…35 of the frame header, which the checksum covers with the payload.
    var checkedHeader: [UInt8]

    public var end: Int { offset + RecordingFormat.frameHeaderSize + length }

    /// nil unless `bytes` (40 of them) hold a plausible frame header.
    init?(_ bytes: [UInt8], offset: Int) {
        guard bytes.count == RecordingFormat.frameHeaderSize, bytes.starts(with: RecordingFormat.recordMarker) else {
            return nil
        }
        var reader = RecordByteReader(Array(bytes[4...]))
        guard let lengthAndKind = try? reader.fixed64() else { return nil }
        let length = Int(lengthAndKind & 0xffff_ffff)
        guard let kind = RecordingFormat.Kind(rawValue: UInt8(truncatingIfNeeded: lengthAndKind >> 32)),
            lengthAndKind >> 40 == 0, length > 0, length <= Zstd.maximumPayload,
            let generation = try? reader.fixed64(), let base = try? reader.fixed64(),
            let time = try? reader.double(), let crc = try? reader.fixed32()
        else { return nil }
        self.offset = offset
        self.length = length
        self.kind = kind
        self.generation = generation
        self.baseGeneration = base
        self.timestamp = time
        self.checksum = crc
        self.checkedHeader = Array(bytes[4..<36])
    }
}
