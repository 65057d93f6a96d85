import Glibc

/// Finds the `swtop` executable that `swift test` built next to the test bundle.
///
/// SwiftPM puts every product of one build in the same directory (`.build/debug`,
/// `--scratch-path DIR/debug`, the sanitizer builds alike), so the directory of the
/// running test binary, or one of its parents, holds `swtop`. `SWTOP_BINARY`
/// overrides the search.
enum SwtopBinary {
    static let path: String? = locate()

    static func locate() -> String? {
        if let override = getenv("SWTOP_BINARY").map({ String(cString: $0) }), !override.isEmpty {
            return isExecutableFile(override) ? override : nil
        }
        var starts: [String] = []
        if let argument0 = CommandLine.arguments.first, !argument0.isEmpty {
            starts.append(absolute(argument0))
        }
        if let exe = resolvedPath("/proc/self/exe") { starts.append(exe) }
        for start in starts {
            var directory = parent(of: start)
            // The test runner may live inside a bundle directory (`*.xctest/…`): walk up a few levels.
            for _ in 0..<4 {
                let candidate = directory + "/swtop"
                if isExecutableFile(candidate) { return candidate }
                guard directory != "/" else { break }
                directory = parent(of: directory)
            }
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool { Spawn.isExecutableFile(path) }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if !path.contains("/"), let found = searchPATH(path) { return found }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    private static func searchPATH(_ name: String) -> String? {
        guard let path = getenv("PATH") else { return nil }
        for directory in String(cString: path).split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
