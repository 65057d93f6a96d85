import SwtopCore

/// One parsed filter (the view's `\`, `-F/--filter`): plain words, comparisons on
/// columns, `not`, `and`, `or` and parentheses. `source` is the text it came from,
/// as the bottom bar shows it; two filters of the same text are the same filter.
public struct FilterExpression: Sendable, Equatable {
    public let source: String
    let root: FilterNode?

    /// Keeps every process.
    public static let everything = FilterExpression(source: "", root: nil)

    init(source: String, root: FilterNode?) {
        self.source = source
        self.root = root
    }

    /// Parses `text`; throws the first mistake with its position.
    public init(parsing text: String) throws(FilterError) {
        self = try FilterParser.parse(text)
    }

    public var isEverything: Bool { root == nil }

    /// The columns the filter compares, so that the sampler reads what they need
    /// (statm for `shr`, cgroups for `cgroup`, `container`, `unit`) only then.
    public var comparedKeys: Set<SortKey> { root?.comparedKeys ?? [] }

    /// True when the filter needs every process's cgroup.
    public var readsCgroups: Bool { !comparedKeys.isDisjoint(with: [.cgroup, .container, .unit]) }
    /// True when the filter needs every process's statm.
    public var readsStatm: Bool { comparedKeys.contains(.shr) }
    /// An I/O comparison needs every process's `io`.
    public var readsIO: Bool { comparedKeys.contains(where: \.isIO) }
    public var readsNetwork: Bool { comparedKeys.contains(where: \.isNetwork) }
    public var readsGPU: Bool { comparedKeys.contains(where: \.isGPU) }

    public func matches(_ process: ProcessEntry, system: SystemState) -> Bool {
        root?.matches(process, system) ?? true
    }

    public static func == (a: Self, b: Self) -> Bool { a.source == b.source }
}

/// A malformed filter: what is wrong and where (1-based character position).
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let position: Int
    public let message: String

    public var description: String { "filter: at position \(position): \(message)" }
}

indirect enum FilterNode: Sendable {
    /// Today's `\` filter: substrings of command line, user or PID, `a|b`.
    case text(ProcessFilter)
    case comparison(FilterComparison)
    case not(FilterNode)
    case and(FilterNode, FilterNode)
    case or(FilterNode, FilterNode)

    var comparedKeys: Set<SortKey> {
        switch self {
        case .text: []
        case .comparison(let comparison): [comparison.field.key]
        case .not(let node): node.comparedKeys
        case .and(let a, let b), .or(let a, let b): a.comparedKeys.union(b.comparedKeys)
        }
    }

    func matches(_ process: ProcessEntry, _ system: SystemState) -> Bool {
        switch self {
        case .text(let filter): filter.matches(process)
        case .comparison(let comparison): comparison.matches(process, system)
        case .not(let node): !node.matches(process, system)
        case .and(let a, let b): a.matches(process, system) && b.matches(process, system)
        case .or(let a, let b): a.matches(process, system) || b.matches(process, system)
        }
    }
}
