import SwtopCore
import Testing

@testable import SwtopUI

@Suite struct ProcessFilterTests {
    typealias B = SnapshotBuilder

    @Test func matchesCommandUserOrPIDIgnoringCase() {
        let process = B.process(4321, args: ["/usr/bin/Python3", "-m", "\u{C9}cole"], user: "\u{C9}lodie")
        for text in ["python", "PYTHON3 -M", "\u{E9}cole", "E\u{301}COLE", "\u{E9}lodie", "432", "nope|lodie", "|py"] {
            #expect(ProcessFilter(text).matches(process), "\(text)")
        }
        for text in ["ecole", "python -m", "4322", "nope|other"] {
            #expect(!ProcessFilter(text).matches(process), "\(text)")
        }
        #expect(ProcessFilter("").matches(process) && ProcessFilter("|").matches(process))
    }
}
