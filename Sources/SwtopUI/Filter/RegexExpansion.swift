/// What glibc's `regcomp` would build for an extended regular expression, counted
/// from above before it is compiled.
///
/// `regcomp` copies a repeated part once per repetition: `a+` becomes `aa*` and
/// `a{3,5}` five copies of `a`. Stacked or nested repetitions therefore multiply:
/// `(ab)+++…` with thirty `+` asks for gigabytes, and `((a{99}){99}){99}` for a
/// million copies. The epsilon-closure pass that follows grows about with the cube
/// of the count when the copies can match nothing, and faster still over runs of
/// stacked operators (`x???…***…`, 250 bytes, took a quarter of a second; POSIX
/// leaves adjacent repetitions undefined anyway). A pattern whose count passes a
/// limit, or that stacks repetitions, is refused instead.
enum RegexExpansion {
    struct Shape: Equatable {
        /// The node count, or `limit + 1` as soon as it passes `limit`.
        var nodes: Int
        /// Whether a repetition (`*`, `+`, `?`, `{n,m}`) directly follows another.
        var stacksRepetitions: Bool
    }

    static func shape(of pattern: String, limit: Int) -> Shape {
        var counter = Counter(bytes: Array(pattern.utf8), cap: limit + 1)
        let nodes = counter.count()
        return Shape(nodes: nodes, stacksRepetitions: counter.stacked)
    }

    private struct Counter {
        let bytes: [UInt8]
        let cap: Int
        var index = 0
        var stacked = false
        var afterRepetition = false

        /// One parenthesised level: what it holds so far, and the last atom apart,
        /// because a repetition that follows applies to that atom alone.
        struct Level {
            var done = 0
            var last = 0
        }

        mutating func count() -> Int {
            var levels = [Level()]
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                let wasAfterRepetition = afterRepetition
                afterRepetition = false
                switch byte {
                case UInt8(ascii: "("):
                    levels.append(Level())
                case UInt8(ascii: ")") where levels.count > 1:
                    let closed = levels.removeLast()
                    append(atom: closed.done + closed.last + 1, to: &levels[levels.count - 1])
                case UInt8(ascii: "|"):
                    append(atom: 1, to: &levels[levels.count - 1])
                    levels[levels.count - 1].done = add(levels[levels.count - 1].done, levels[levels.count - 1].last)
                    levels[levels.count - 1].last = 0
                case UInt8(ascii: "*"), UInt8(ascii: "?"):
                    levels[levels.count - 1].last = add(levels[levels.count - 1].last, 1)
                    repetition(after: wasAfterRepetition)
                case UInt8(ascii: "+"):
                    levels[levels.count - 1].last = add(times(levels[levels.count - 1].last, 2), 1)
                    repetition(after: wasAfterRepetition)
                case UInt8(ascii: "{"):
                    if let copies = bound() {
                        levels[levels.count - 1].last = add(times(levels[levels.count - 1].last, copies), 1)
                        repetition(after: wasAfterRepetition)
                    } else {
                        append(atom: 1, to: &levels[levels.count - 1])
                    }
                case UInt8(ascii: "["):
                    skipBracket()
                    append(atom: 1, to: &levels[levels.count - 1])
                case UInt8(ascii: "\\"):
                    index = min(index + 1, bytes.count)
                    append(atom: 1, to: &levels[levels.count - 1])
                default:
                    append(atom: 1, to: &levels[levels.count - 1])
                }
            }
            // A count that reached the cap stays there: every sum and product saturates.
            // Unclosed groups are regcomp's error to report; count what they hold.
            return levels.reduce(0) { add($0, add($1.done, $1.last)) }
        }

        private mutating func repetition(after another: Bool) {
            stacked = stacked || another
            afterRepetition = true
        }

        private func append(atom: Int, to level: inout Level) {
            level.done = add(level.done, level.last)
            level.last = atom
        }

        private func add(_ a: Int, _ b: Int) -> Int { min(cap, a + b) }
        private func times(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? cap : min(cap, product)
        }

        /// After `{`: the copies `{n}`, `{n,}` and `{n,m}` make (`{n,}` is n copies
        /// and a starred one), or nil when what follows is not a bound.
        private mutating func bound() -> Int? {
            var cursor = index
            func number() -> Int? {
                var value: Int?
                while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                    value = min(1 << 20, (value ?? 0) * 10 + Int(bytes[cursor] - UInt8(ascii: "0")))
                    cursor += 1
                }
                return value
            }
            let low = number()
            var copies = low ?? 0
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
                cursor += 1
                copies = number() ?? copies + 1
            }
            guard low != nil || copies > 0, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") else { return nil }
            index = cursor + 1
            return max(copies, 1)
        }

        /// Past a bracket expression: `]` first (after an optional `^`) is a member,
        /// and `[:alpha:]`, `[=e=]` and `[.x.]` inside end at their own closing pair.
        private mutating func skipBracket() {
            if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "]") { return }
                if byte == UInt8(ascii: "["), index < bytes.count,
                    let kind = [UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: ".")].first(where: {
                        $0 == bytes[index]
                    })
                {
                    index += 1
                    while index + 1 < bytes.count, !(bytes[index] == kind && bytes[index + 1] == UInt8(ascii: "]")) {
                        index += 1
                    }
                    index = min(index + 2, bytes.count)
                }
            }
        }
    }
}
