/// A value read from /proc that may not be there to read. A view shows
/// `notPermitted` as "not permitted" rather than leaving the field out, so the
/// user knows the field exists and why it is empty.
public enum Readable<Value> {
    case value(Value)
    /// The kernel refused (EACCES, EPERM): another user's process, hidepid, or a
    /// file guarded by ptrace rules (environ, io, smaps_rollup, fd/, cwd, root, exe).
    case notPermitted
    /// Nothing to read: the process exited meanwhile, or this kernel does not provide
    /// the file (no smaps_rollup before 4.14, no io without task accounting).
    case unavailable

    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    public func map<Other>(_ transform: (Value) -> Other) -> Readable<Other> {
        switch self {
        case .value(let value): .value(transform(value))
        case .notPermitted: .notPermitted
        case .unavailable: .unavailable
        }
    }

    public func flatMap<Other>(_ transform: (Value) -> Readable<Other>) -> Readable<Other> {
        switch self {
        case .value(let value): transform(value)
        case .notPermitted: .notPermitted
        case .unavailable: .unavailable
        }
    }
}

extension Readable: Sendable where Value: Sendable {}
extension Readable: Equatable where Value: Equatable {}
