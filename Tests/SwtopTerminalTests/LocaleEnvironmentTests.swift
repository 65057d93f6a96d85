import Testing

@testable import SwtopTerminal

struct LocaleEnvironmentTests {
    private func usesUTF8(_ variables: [String: String]) -> Bool {
        LocaleEnvironment.usesUTF8 { variables[$0] }
    }

    @Test func namesThatSayUTF8() {
        #expect(usesUTF8(["LANG": "en_US.UTF-8"]))
        #expect(usesUTF8(["LANG": "C.utf8"]))
        #expect(usesUTF8(["LC_CTYPE": "de_DE.Utf8@euro"]))
    }

    @Test func theFirstSetVariableDecides() {
        #expect(!usesUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
        #expect(usesUTF8(["LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "C"]))
        #expect(!usesUTF8(["LC_CTYPE": "en_US.ISO-8859-1", "LANG": "en_US.UTF-8"]))
    }

    @Test func nothingSetIsTheCLocale() {
        #expect(!usesUTF8([:]))
        #expect(!usesUTF8(["LANG": "POSIX"]))
    }
}
