/// /proc/PID/limits: a header, then one line per limit in fixed columns
/// (`%-25s %-20s %-20s %-10s`). Names hold spaces, so the name column ends where
/// the header's "Soft Limit" starts.
enum LimitsParser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [ResourceLimit]? {
        let lines = TextLines.split(bytes)
        guard let header = lines.first, let nameWidth = header.firstRange(ofText: "Soft Limit")?.lowerBound else {
            return nil
        }
        var limits: [ResourceLimit] = []
        for line in lines.dropFirst() where !line.isEmpty {
            let split =
                line.index(line.startIndex, offsetBy: nameWidth.utf16Offset(in: header), limitedBy: line.endIndex)
                ?? line.endIndex
            let name = line[..<split].trimmingTrailingSpaces()
            let words = line[split...].split(separator: " ")
            guard !name.isEmpty, words.count >= 2, let soft = value(words[0]), let hard = value(words[1]) else {
                return nil
            }
            limits.append(
                ResourceLimit(name: name, soft: soft, hard: hard, unit: words.count > 2 ? String(words[2]) : ""))
        }
        return limits
    }

    private static func value(_ word: Substring) -> ResourceLimit.Value? {
        if word == "unlimited" { return .unlimited }
        return UInt64(word).map { .finite($0) }
    }
}

/// Splits small proc text files into lines. Only for on-demand files (limits,
/// cgroup, /proc/net tables): it builds strings.
enum TextLines {
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        LosslessText.decode(bytes).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension StringProtocol {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
