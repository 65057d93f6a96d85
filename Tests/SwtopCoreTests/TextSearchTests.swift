import Testing
import _StringProcessing

@testable import SwtopCore

/// swtop's modules are built without `_StringProcessing`; the tests are not, so
/// they check the replacement against the original.
@Suite struct TextSearchTests {
    static let cases: [(String, String)] = [
        ("hello world", "o"), ("hello world", "world"), ("hello world", "worlds"), ("aaab", "aab"),
        ("abcabc", "cab"), ("hello", ""), ("", ""), ("", "a"), ("abc", "abcd"),
        ("caf\u{E9}", "e\u{301}"), ("cafe\u{301}", "\u{E9}"), ("cafe\u{301}", "e"), ("caf\u{E9}", "e"),
        ("x🇫🇷y", "🇫"), ("x🇫🇷y", "🇷y"), ("👨\u{200D}👩\u{200D}👧 family", "👩"), ("漢字かな", "字か"),
        ("a\r\nb", "\n"), ("a\r\nb", "\r\n"), ("Stra\u{DF}e", "ss"), ("/usr/bin/python3 -m http.server", "python"),
    ]

    @Test(arguments: cases)
    func findsWhatStringProcessingFinds(haystack: String, needle: String) {
        #expect(haystack.firstRange(ofText: needle) == haystack.firstRange(of: needle))
        // Its contains(_:) is firstRange(of:) != nil; here Foundation's, which matches
        // within characters, would answer `contains` instead.
        #expect(haystack.containsText(needle) == (haystack.firstRange(of: needle) != nil))
        let tail = haystack.dropFirst()
        #expect(tail.firstRange(ofText: needle) == tail.firstRange(of: needle))
    }

    @Test func rangeCoversWholeCharacters() throws {
        let text = "load: cafe\u{301} cafe\u{301}"
        let range = try #require(text.firstRange(ofText: "caf\u{E9}"))
        #expect(text[range] == "cafe\u{301}")
        #expect(text.distance(from: text.startIndex, to: range.lowerBound) == 6)
        #expect(text[range.upperBound...].firstRange(ofText: "cafe") == nil) // the e carries an accent
    }
}
