/// The bytes a round of polls may read across all its followers (`--watch-output`):
/// a round of many busy or huge files costs at most this much, and what does not
/// fit is skipped and counted. Not thread-safe.
public final class ReadBudget {
    public private(set) var remaining: Int

    public init(bytes: Int) {
        remaining = max(0, bytes)
    }

    func spend(_ bytes: Int) {
        remaining = max(0, remaining - bytes)
    }
}
