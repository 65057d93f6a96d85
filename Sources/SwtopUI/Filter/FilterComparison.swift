import SwtopCore

/// `field OP value`: numbers compare as numbers (so 9 < 10), text as text,
/// `~` and `!~` match a regular expression.
struct FilterComparison: Sendable {
    enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case matches = "~"
        case doesNotMatch = "!~"
    }

    enum Operand: Sendable {
        case number(Double)
        case text(String)
        case pattern(FilterPattern)
    }

    let field: FilterField
    let op: Operator
    let operand: Operand

    func matches(_ process: ProcessEntry, _ system: SystemState) -> Bool {
        switch operand {
        case .number(let wanted):
            // No value yet (CPU% before the second sample) matches no comparison.
            guard let value = field.number(of: process, system) else { return false }
            return holds(order(value, wanted))
        case .text(let wanted):
            return holds(order(field.text(of: process), wanted))
        case .pattern(let pattern):
            let found = pattern.matches(field.text(of: process))
            return op == .matches ? found : !found
        }
    }

    private func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    private func holds(_ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        case .matches, .doesNotMatch: false // patterns are handled above
        }
    }
}
