/// Finding text in text, which Swift otherwise gets from the `_StringProcessing`
/// module; swtop leaves that module out of its link (see Package.swift). Matches
/// whole characters with `Character`'s == as its `firstRange(of:)` does: "é"
/// written as one scalar matches it written as two, and "e" does not match the
/// start of "é". An empty needle matches at the start.
extension StringProtocol {
    @inlinable
    public func firstRange(ofText needle: some StringProtocol) -> Range<Index>? {
        var start = startIndex
        while true {
            if let end = endOfMatch(needle, at: start) { return start..<end }
            guard start < endIndex else { return nil }
            formIndex(after: &start)
        }
    }

    @inlinable
    public func containsText(_ needle: some StringProtocol) -> Bool {
        firstRange(ofText: needle) != nil
    }

    /// Where `needle` ends if it starts at `start`.
    @inlinable
    func endOfMatch(_ needle: some StringProtocol, at start: Index) -> Index? {
        var position = start
        for character in needle {
            guard position < endIndex, self[position] == character else { return nil }
            formIndex(after: &position)
        }
        return position
    }
}
