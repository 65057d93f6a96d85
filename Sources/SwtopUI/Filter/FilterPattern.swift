import Glibc

/// A POSIX extended regular expression for `~`, compiled once per filter.
/// Bounded: at most `maximumLength` bytes, no back-references (they make glibc's
/// matcher take exponential time on a hostile command line), no repetition stacked
/// on another and at most `maximumNodes` once repetitions are expanded (both make
/// `regcomp` itself take exponential memory or seconds; see `RegexExpansion`).
/// `(()*){170}` compiles in 17 ms at the limit; `(()*){1300}` took 4 s.
final class FilterPattern: @unchecked Sendable {
    static let maximumLength = 256
    static let maximumNodes = 512

    // regexec only reads the compiled pattern (glibc locks inside), so sharing it is safe.
    private var compiled = regex_t()

    /// A reason instead when the pattern is too long, has a back-reference or does not compile.
    static func compile(_ pattern: String) -> Result<FilterPattern, PatternError> {
        guard pattern.utf8.count <= maximumLength else {
            return .failure(PatternError(reason: "the pattern is longer than \(maximumLength) bytes"))
        }
        var escaped = false
        for byte in pattern.utf8 {
            if escaped, byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9") {
                return .failure(PatternError(reason: "back-references (\\1 ...) are not allowed"))
            }
            escaped = !escaped && byte == UInt8(ascii: "\\")
        }
        let shape = RegexExpansion.shape(of: pattern, limit: maximumNodes)
        guard !shape.stacksRepetitions else {
            return .failure(PatternError(reason: "stacked repetitions (such as ** or +?) are not allowed"))
        }
        guard shape.nodes <= maximumNodes else {
            return .failure(
                PatternError(reason: "the pattern repeats too much (over \(maximumNodes) parts once expanded)"))
        }
        let compiled = FilterPattern()
        let status = pattern.withCString { regcomp(&compiled.compiled, $0, REG_EXTENDED | REG_NOSUB) }
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 128)
            regerror(status, &compiled.compiled, &message, message.count)
            compiled.isCompiled = false
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(PatternError(reason: "bad regular expression: " + reason.lowercased()))
        }
        return .success(compiled)
    }

    struct PatternError: Error { let reason: String }

    private var isCompiled = true
    private init() {}

    deinit { if isCompiled { regfree(&compiled) } }

    func matches(_ text: String) -> Bool {
        text.withCString { regexec(&compiled, $0, 0, nil, 0) == 0 }
    }
}
