import Testing
@testable import SwtopCore

/// The name-service fallback of the static build, exercised directly: it must give
/// the same answer as the C library for an account in the files, and nothing for none.
@Suite struct GetentQueryTests {
    @Test func findsRootByNumberAndByName() throws {
        let byNumber = try #require(GetentQuery.fields(database: "passwd", key: "0"))
        #expect(byNumber.first == "root")
        #expect(byNumber[2] == "0")
        let byName = try #require(GetentQuery.fields(database: "passwd", key: "root"))
        #expect(byName == byNumber)
    }

    @Test func answersNothingForAnUnknownKey() {
        #expect(GetentQuery.fields(database: "passwd", key: "no-such-user-swtop") == nil)
        #expect(GetentQuery.fields(database: "group", key: "4294967290") == nil)
    }

    @Test func anOptionLikeKeyIsAKeyNotAnOption() {
        #expect(GetentQuery.fields(database: "passwd", key: "--help") == nil)
    }

    @Test func theTestBuildIsDynamicAndUsesTheCLibraryForNames() {
        #expect(!Linkage.isStatic)
        #expect(!NameService.needsGetent)
        #expect(UserDirectory.lookUpName(0) == "root")
    }
}
