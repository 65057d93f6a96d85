import Foundation
import Testing

@testable import SwtopCore

/// The name-service fallback of the static build, exercised directly: it must give
/// the same answer as the C library for an account in the files, and nothing for none.
/// Serialized: one test puts an impostor getent first in this process's PATH.
@Suite(.serialized) struct GetentQueryTests {
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

extension GetentQueryTests {
    @Test func groupsResolveTheSameWay() throws {
        let root = try #require(GetentQuery.fields(database: "group", key: "0"))
        #expect(root.first == "root")
        #expect(GroupDirectory.lookUpName(0) == "root")
    }
}

extension GetentQueryTests {
    /// Root with a user's PATH (sudo -E) must not run that user's getent.
    @Test func aGetentFirstInPathIsNotRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swtop-getent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("ran").path
        let impostor = directory.appendingPathComponent("getent").path
        try "#!/bin/sh\ntouch '\(marker)'\necho 'impostor:x:4242:4242::/:/bin/sh'\n".write(
            toFile: impostor, atomically: true, encoding: .utf8)
        #expect(chmod(impostor, 0o755) == 0)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        setenv("PATH", directory.path + ":" + path, 1)
        defer { setenv("PATH", path, 1) }
        #expect(GetentQuery.fields(database: "passwd", key: "no-such-user-swtop") == nil)
        #expect(GetentQuery.fields(database: "passwd", key: "0")?.first == "root")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
