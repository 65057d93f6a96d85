import SwtopUI

extension Frame {
    /// The rows that show something else than in `other` (of the same size), as the
    /// terminal layer finds them with `rowMatches`.
    func rowsDiffering(from other: Frame) -> [Int] {
        (0..<height).filter { !rowMatches($0, in: other) }
    }
}
