extension FixedWidthInteger {
    /// `value` without its fraction, clamped to this type's range; NaN is 0.
    ///
    /// Numbers from /proc, or from a tree made up to look like it (`--proc-root`),
    /// can be anything: uptime, btime or a tick count of UInt64.max turns into a
    /// Double past every integer type, and the plain conversion traps. Every /proc
    /// number that becomes an Int, a time_t or a bar width goes through here.
    @inlinable public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value <= Double(Self.min) {
            self = .min
        } else if value >= Double(Self.max) {
            // Double(max) rounds up to a power of two, so anything below it converts exactly.
            self = .max
        } else {
            self.init(value)
        }
    }
}
