import Testing

@testable import SwtopUI

@Suite struct RegexExpansionTests {
    private func nodes(_ pattern: String) -> Int { RegexExpansion.nodes(in: pattern, limit: 1_000_000) }

    @Test func plainPatternsCountTheirParts() {
        #expect(nodes("abc") == 3)
        #expect(nodes("a|b") == 3)
        #expect(nodes("(ab)") == 3)
        #expect(nodes("[]a-z[:digit:]]x") == 2) // one bracket expression, then x
        #expect(nodes("\\(a") == 2)
    }

    @Test func repetitionsCountTheirCopies() {
        #expect(nodes("a*") == 2)
        #expect(nodes("a+") == 3)
        #expect(nodes("ba{3}") == 5)
        #expect(nodes("(ab){2,5}") == 3 * 5 + 1)
        #expect(nodes("a{2,}") == 4) // two copies and a starred one
        #expect(nodes("a{x") == 3) // not a bound: the brace is a literal
    }

    @Test func stackedAndNestedRepetitionsMultiply() {
        #expect(nodes("a++") == 7)
        #expect(nodes("((a{10}){10}){10}") > 1000)
        // What the fuzzer found: thirty stacked `+` made regcomp allocate past 2 GiB.
        let stacked = "^(pe!=" + String(repeating: "+", count: 30) + "Z \u{8a}t"
        #expect(RegexExpansion.nodes(in: stacked, limit: 4096) == 4097)
    }

    @Test func repeatedEmptyPartsAreRefusedBeforeRegcompSpendsSecondsOnThem() throws {
        // What the fuzzer found next: copies that can match nothing made regcomp's
        // epsilon-closure pass take seconds at 3,900 nodes, inside the old limit of 4096.
        #expect(nodes("(()*){1300}") == 3901)
        do {
            _ = try FilterExpression(parsing: "comm~(()*){1300}")
            Issue.record("a pattern of 3901 parts compiled")
        } catch {
            #expect(error.message.contains("over \(FilterPattern.maximumNodes) parts"))
        }
        _ = try FilterExpression(parsing: "comm~(()*){100}")
    }

    @Test func aFilterThatWouldExpandTooFarIsRefusedBeforeItCompiles() throws {
        let text = "comm~^(pe!=" + String(repeating: "+", count: 30) + "Z"
        #expect(throws: FilterError.self) { try FilterExpression(parsing: text) }
        do {
            _ = try FilterExpression(parsing: text)
        } catch {
            #expect(error.message.contains("repeats too much"))
            #expect(error.position == 6)
        }
        // Ordinary repetition stays allowed.
        _ = try FilterExpression(parsing: "comm~^(kworker|ksoftirqd)/[0-9]{1,3}(:[0-9]+)?$")
    }
}
