import CZstd

/// The one place that calls libzstd: a record's payload in, one zstd frame out, and back.
public enum Zstd {
    /// How hard a record is compressed.
    public enum Level: Int32, Sendable {
        /// zstd's default, for recordings kept on disk: at 1000 processes a delta record
        /// compresses in well under a millisecond, and higher levels saved little.
        case standard = 3
        /// For the view's own ring of recent samples, which lives as long as the view:
        /// level 1's tables are a small fraction of level 3's (which, for a full
        /// record of 1000 processes, raised the view's peak RSS by about 1 MiB).
        case fast = 1
    }
    /// No record is larger than this uncompressed: a damaged length cannot make the
    /// reader allocate more (a full sample of 100 000 processes is ~20 MiB).
    static let maximumPayload = 64 << 20

    static func compress(_ input: [UInt8], level: Level) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { source in
                ZSTD_compress(out.baseAddress, bound, source.baseAddress, input.count, level.rawValue)
            }
        }
        // Compressing into a buffer of compressBound's size cannot fail.
        precondition(ZSTD_isError(written) == 0, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeSubrange(written...)
        return output
    }

    /// nil for anything but one whole, valid frame of at most `maximumPayload` bytes.
    static func decompress(_ input: [UInt8]) -> [UInt8]? {
        let size = input.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, input.count) }
        // Unknown (ZSTD_CONTENTSIZE_UNKNOWN) and error (ZSTD_CONTENTSIZE_ERROR) are the two highest values.
        guard size <= UInt64(maximumPayload) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(size))
        let written = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { source in
                ZSTD_decompress(out.baseAddress, Int(size), source.baseAddress, input.count)
            }
        }
        guard ZSTD_isError(written) == 0, written == Int(size) else { return nil }
        return output
    }
}
