/// One piece of a filter, with the 1-based position of its first character.
struct FilterToken: Sendable {
    enum Kind: Sendable, Equatable {
        case open, close, not, and, or
        case word(String)
        case comparison(FilterComparison)

        static func == (a: Kind, b: Kind) -> Bool {
            switch (a, b) {
            case (.open, .open), (.close, .close), (.not, .not), (.and, .and), (.or, .or): true
            case (.word(let x), .word(let y)): x == y
            default: false
            }
        }
    }

    let kind: Kind
    let position: Int
    /// The text as typed, for error messages.
    let text: String

    var quoted: String { "'\(text)'" }
}

/// Splits a filter into words, keywords, parentheses and whole comparisons
/// (`res>=100M`: a column name, an operator and a value with no space between).
enum FilterTokenizer {
    private static let operatorStarts: Set<Character> = ["<", ">", "=", "~", "!"]

    static func tokens(of characters: [Character]) throws(FilterError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        var index = 0
        func token(_ kind: FilterToken.Kind, from start: Int) {
            tokens.append(FilterToken(kind: kind, position: start + 1, text: String(characters[start..<index])))
        }
        while index < characters.count {
            let start = index
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            if character == "(" {
                index += 1
                token(.open, from: start)
                continue
            }
            if character == ")" {
                index += 1
                token(.close, from: start)
                continue
            }
            if character == "!", index + 1 >= characters.count || !["=", "~"].contains(characters[index + 1]) {
                index += 1
                token(.not, from: start)
                continue
            }
            if character == "\"" {
                let text = try quoted(characters, &index)
                token(.word(text), from: start)
                continue
            }
            while index < characters.count, !ends(characters[index]), !operatorStarts.contains(characters[index]) {
                index += 1
            }
            let name = String(characters[start..<index])
            if index < characters.count, operatorStarts.contains(characters[index]) {
                guard !name.isEmpty else {
                    throw FilterError(
                        position: start + 1, message: "expected a column name before '\(characters[index])'")
                }
                let comparison = try self.comparison(name: name, at: start, characters, &index)
                token(.comparison(comparison), from: start)
                continue
            }
            switch name.lowercased() {
            case "and": token(.and, from: start)
            case "or": token(.or, from: start)
            case "not": token(.not, from: start)
            default: token(.word(name), from: start)
            }
        }
        return tokens
    }

    private static func ends(_ character: Character) -> Bool {
        character.isWhitespace || character == "(" || character == ")"
    }

    /// `"a b"`, with `\"` and `\\` inside.
    private static func quoted(_ characters: [Character], _ index: inout Int) throws(FilterError) -> String {
        let start = index
        index += 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\"" { return text }
            if character == "\\", index < characters.count {
                text.append(characters[index])
                index += 1
                continue
            }
            text.append(character)
        }
        throw FilterError(position: start + 1, message: "the quote at position \(start + 1) is not closed")
    }

    private static func comparison(
        name: String, at start: Int, _ characters: [Character],
        _ index: inout Int
    ) throws(FilterError) -> FilterComparison {
        guard let key = SortKey(name: name) else {
            throw FilterError(position: start + 1, message: "unknown column '\(name)'")
        }
        let field = FilterField(key: key)
        let operatorStart = index
        let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
        let op: FilterComparison.Operator
        if let long = FilterComparison.Operator(rawValue: two) {
            op = long
            index += 2
        } else if let short = FilterComparison.Operator(rawValue: String(characters[index])) {
            op = short
            index += 1
        } else {
            throw FilterError(
                position: operatorStart + 1, message: "expected =, !=, <, <=, >, >=, ~ or !~ after '\(name)'")
        }
        let valueStart = index
        let value: String
        if index < characters.count, characters[index] == "\"" {
            value = try quoted(characters, &index)
        } else {
            // A pattern may hold parentheses: a ')' closes the value only when unbalanced.
            var depth = 0
            while index < characters.count, !characters[index].isWhitespace {
                if characters[index] == "(" { depth += 1 }
                if characters[index] == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                index += 1
            }
            value = String(characters[valueStart..<index])
            guard !value.isEmpty else {
                throw FilterError(position: valueStart + 1, message: "expected a value after '\(name)\(op.rawValue)'")
            }
        }
        let operand: FilterComparison.Operand
        switch (op, field.unit) {
        case (.matches, .text), (.doesNotMatch, .text):
            switch FilterPattern.compile(value) {
            case .success(let pattern): operand = .pattern(pattern)
            case .failure(let error): throw FilterError(position: valueStart + 1, message: error.reason)
            }
        case (.matches, _), (.doesNotMatch, _):
            throw FilterError(
                position: operatorStart + 1, message: "'\(op.rawValue)' matches text, and '\(name)' is a number")
        case (_, .text):
            operand = .text(value)
        default:
            guard let number = field.parseNumber(value) else {
                throw FilterError(
                    position: valueStart + 1,
                    message: "expected \(field.example) after '\(name)\(op.rawValue)', not '\(value)'")
            }
            operand = .number(number)
        }
        return FilterComparison(field: field, op: op, operand: operand)
    }
}
