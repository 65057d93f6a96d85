/// Reads a filter: `or` binds loosest, then `and` (also implied between two
/// terms: `cpu>5 user=root`), then `not`/`!`. Consecutive plain words are one
/// text term, as the `\` filter always took them (`python server`, `a|b`).
enum FilterParser {
    /// Bounds for text a user may paste: deep nesting must not exhaust the stack.
    static let maximumLength = 4096
    static let maximumDepth = 64

    static func parse(_ text: String) throws(FilterError) -> FilterExpression {
        let characters = Array(text)
        guard characters.count <= maximumLength else {
            throw FilterError(
                position: maximumLength + 1, message: "the filter is longer than \(maximumLength) characters")
        }
        var parser = Parser(tokens: try FilterTokenizer.tokens(of: characters), end: characters.count + 1)
        guard !parser.tokens.isEmpty else { return .everything }
        let root = try parser.orExpression(depth: 0)
        if let token = parser.peek {
            throw FilterError(
                position: token.position,
                message: token.kind == .close ? "')' without '('" : "unexpected \(token.quoted)")
        }
        return FilterExpression(source: text, root: root)
    }

    private struct Parser {
        let tokens: [FilterToken]
        let end: Int
        var index = 0

        init(tokens: [FilterToken], end: Int) {
            self.tokens = tokens
            self.end = end
        }

        var peek: FilterToken? { index < tokens.count ? tokens[index] : nil }

        mutating func orExpression(depth: Int, after previous: FilterToken? = nil) throws(FilterError) -> FilterNode {
            var node = try andExpression(depth: depth, after: previous)
            while let token = peek, token.kind == .or {
                index += 1
                node = .or(node, try andExpression(depth: depth, after: token))
            }
            return node
        }

        mutating func andExpression(depth: Int, after previous: FilterToken? = nil) throws(FilterError) -> FilterNode {
            var node = try unary(depth: depth, after: previous)
            while let token = peek, token.kind != .or, token.kind != .close {
                if token.kind == .and { index += 1 }
                node = .and(node, try unary(depth: depth, after: token))
            }
            return node
        }

        mutating func unary(depth: Int, after previous: FilterToken?) throws(FilterError) -> FilterNode {
            guard depth < maximumDepth else {
                throw FilterError(position: peek?.position ?? end, message: "nested more than \(maximumDepth) deep")
            }
            guard let token = peek else {
                throw FilterError(
                    position: end,
                    message: previous.map { "expected a filter after \($0.quoted)" } ?? "expected a filter")
            }
            switch token.kind {
            case .not:
                index += 1
                return .not(try unary(depth: depth + 1, after: token))
            case .open:
                index += 1
                let inner = try orExpression(depth: depth + 1, after: token)
                guard let close = peek, close.kind == .close else {
                    throw FilterError(
                        position: peek?.position ?? end,
                        message: "expected ')' to close the '(' at position \(token.position)")
                }
                index += 1
                return inner
            case .comparison(let comparison):
                index += 1
                return .comparison(comparison)
            case .word(let first):
                index += 1
                var words = [first]
                while let next = peek, case .word(let word) = next.kind {
                    words.append(word)
                    index += 1
                }
                return .text(ProcessFilter(words.joined(separator: " ")))
            case .and, .or, .close:
                throw FilterError(
                    position: token.position,
                    message: previous.map { "expected a filter after \($0.quoted), not \(token.quoted)" }
                        ?? "expected a filter before \(token.quoted)")
            }
        }
    }
}
