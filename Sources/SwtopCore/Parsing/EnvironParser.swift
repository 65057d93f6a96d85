/// `/proc/PID/environ`.
enum EnvironParser {
    /// NUL-separated `NAME=value` strings. A string without `=` (a program may put
    /// anything in its environment) becomes a name with an empty value.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [EnvironmentVariable] {
        bytes.split(separator: 0).map { entry in
            let text = LosslessText.decode(UnsafeBufferPointer(rebasing: entry))
            guard let equals = text.firstIndex(of: "=") else { return EnvironmentVariable(name: text, value: "") }
            return EnvironmentVariable(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
        }
    }
}
