/// A small streaming JSON writer: enough for swtop's frames, with strings escaped
/// per RFC 8259 so any process text (control characters included) stays valid JSON.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = false

    init(capacity: Int = 0) { text.reserveCapacity(capacity) }

    mutating func beginObject() {
        separate()
        text += "{"
        needsComma = false
    }
    mutating func endObject() {
        text += "}"
        needsComma = true
    }
    mutating func beginArray() {
        separate()
        text += "["
        needsComma = false
    }
    mutating func endArray() {
        text += "]"
        needsComma = true
    }

    mutating func key(_ name: StaticString) {
        separate()
        text += "\"" + name.description + "\":"
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        Self.appendQuoted(value, to: &text)
        needsComma = true
    }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func integer<T: BinaryInteger>(_ value: T) {
        separate()
        text += String(value)
        needsComma = true
    }
    mutating func bool(_ value: Bool) {
        separate()
        text += value ? "true" : "false"
        needsComma = true
    }
    mutating func null() {
        separate()
        text += "null"
        needsComma = true
    }

    /// A number rounded to `fractionDigits` decimals; null when not finite.
    mutating func number(_ value: Double?, fractionDigits: Int = 2) {
        guard let value, value.isFinite else {
            null()
            return
        }
        separate()
        text += Units.fixed(value, fractionDigits: fractionDigits)
        needsComma = true
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }
    mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }
    mutating func field<T: BinaryInteger>(_ name: StaticString, _ value: T) {
        key(name)
        integer(value)
    }
    mutating func field<T: BinaryInteger>(_ name: StaticString, _ value: T?) {
        key(name)
        if let value { integer(value) } else { null() }
    }
    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }
    mutating func field(_ name: StaticString, _ value: Double?, fractionDigits: Int = 2) {
        key(name)
        number(value, fractionDigits: fractionDigits)
    }

    private mutating func separate() {
        if needsComma { text += "," }
    }

    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where TerminalText.needsEscape(scalar), "\u{2028}", "\u{2029}":
                // Controls (C0, DEL, C1, bidi overrides) as \u escapes: valid JSON that
                // decodes to the exact text, and harmless if someone cats it to a terminal.
                text += "\\u" + TerminalText.hex(scalar.value, digits: 4)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
