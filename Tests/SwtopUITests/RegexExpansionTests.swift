import Testing

@testable import SwtopUI

@Suite struct RegexExpansionTests {
    private func nodes(_ pattern: String) -> Int { RegexExpansion.shape(of: pattern, limit: 1_000_000).nodes }
    private func stacks(_ pattern: String) -> Bool {
        RegexExpansion.shape(of: pattern, limit: 1_000_000).stacksRepetitions
    }

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
        #expect(RegexExpansion.shape(of: stacked, limit: 4096).nodes == 4097)
    }

    @Test func stackedRepetitionsAreToldApartFromSeparateOnes() {
        #expect(stacks("a**"))
        #expect(stacks("a+?"))
        #expect(stacks("a{2}*"))
        #expect(stacks("(ab)?{3}"))
        #expect(!stacks("a*b+c?d{2}"))
        #expect(!stacks("(a*)*")) // a group between them: regcomp nests, the count covers it
        #expect(!stacks("[*+?]*\\**")) // in brackets and escaped they are literals
        #expect(!stacks("a{x*")) // not a bound: the brace is a literal, then a star
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

    @Test func aFilterThatStacksRepetitionsIsRefusedBeforeItCompiles() {
        // What the fuzzer found: runs of stacked ? and * (250 bytes) made regcomp's
        // epsilon-closure pass take a quarter of a second, seconds under a sanitizer.
        let runs =
            "x" + String(repeating: "?", count: 57) + "y" + String(repeating: "?", count: 20) + "z"
            + String(repeating: "?", count: 22) + "w" + String(repeating: "?", count: 12)
            + String(repeating: "*", count: 111)
        for text in ["comm~^(pe!=" + String(repeating: "+", count: 30) + "Z", "comm~" + runs] {
            do {
                _ = try FilterExpression(parsing: text)
                Issue.record("\(text) compiled")
            } catch {
                #expect(error.message.contains("stacked repetitions"))
                #expect(error.position == 6)
            }
        }
    }

    @Test func aFilterThatWouldExpandTooFarIsRefusedBeforeItCompiles() throws {
        let text = "comm~((((a+)+)+)+){200}"
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
