import Glibc

/// Whether the user's character set is UTF-8. Decided from the locale's name, in the
/// order setlocale reads the variables (LC_ALL, LC_CTYPE, LANG), as tmux does:
/// loading the locale itself costs its data file, some 200 KiB of resident memory,
/// for one bit. A locale named UTF-8 but not installed counts as UTF-8 here.
enum LocaleEnvironment {
    static func usesUTF8(_ variable: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap(variable).first { !$0.isEmpty } ?? ""
        // "UTF-8", "utf8", "UTF8" all name it.
        let letters = name.utf8.filter { $0 != UInt8(ascii: "-") }.map { $0 | 0x20 }
        return letters.indices.contains { start in letters[start...].starts(with: "utf8".utf8) }
    }
}
