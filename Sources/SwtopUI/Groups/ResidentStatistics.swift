/// The distribution of resident sizes over a group's processes: the question "how
/// much memory do my workers use" asks for all four, not only the sum.
public struct ResidentStatistics: Sendable, Equatable {
    public var minimum: UInt64
    public var mean: Double
    /// The middle value; for an even count the mean of the two middle ones.
    public var median: Double
    public var maximum: UInt64

    /// nil for no values: an empty group does not exist.
    public init?(_ values: [UInt64]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        mean = sorted.reduce(0.0) { $0 + Double($1) } / Double(sorted.count)
        let middle = sorted.count / 2
        median =
            sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }
}
