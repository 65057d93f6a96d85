import Glibc

/// The inspector's reads of /proc/PID files, telling "not permitted" apart from
/// "not there". Not thread-safe (one reusable buffer).
final class InspectionFiles {
    let procFS: ProcFS
    private let reader = ProcFileReader()

    init(procFS: ProcFS) {
        self.procFS = procFS
    }

    func path(_ pid: Int32, _ name: String) -> String {
        "\(procFS.root)/\(pid)/\(name)"
    }

    /// Reads and parses `/proc/PID/name`; a parser's nil (text it cannot make
    /// sense of, a file cut short by an exit) is `unavailable`.
    func read<Value>(pid: Int32, _ name: String, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?) -> Readable<Value> {
        read(path: path(pid, name), parse)
    }

    func read<Value>(path: String, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?) -> Readable<Value> {
        errno = 0
        // The parser's nil is kept apart from a read that failed: `.some(nil)`.
        guard let parsed = reader.withContents(ofPath: path, { Optional(parse($0)) }) else {
            return Self.failure(errno)
        }
        return parsed.map { .value($0) } ?? .unavailable
    }

    /// The text of a symbolic link such as `cwd` or `fd/3`.
    func link(pid: Int32, _ name: String) -> Readable<[UInt8]> {
        errno = 0
        guard let target = path(pid, name).withCString({ reader.linkTarget(of: $0, in: AT_FDCWD) }) else {
            return Self.failure(errno)
        }
        return .value(target)
    }

    /// The process's stat line with the fields only the inspector needs; nil when gone.
    func stat(of pid: Int32) -> InspectedStat? {
        reader.withContents(ofPath: path(pid, "stat"), singleLine: true) { InspectedStat(bytes: $0, pid: pid) }
    }

    /// The names in a directory such as `task` or `fd` that are numbers, ascending.
    func numberedEntries(pid: Int32, _ name: String) -> Readable<[Int32]> {
        numberedEntries(ofDirectory: path(pid, name))
    }

    func numberedEntries(ofDirectory path: String) -> Readable<[Int32]> {
        guard let directory = opendir(path) else { return Self.failure(errno) }
        defer { closedir(directory) }
        var numbers: [Int32] = []
        while let entry = readdir(directory) {
            let number = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Self.number(named: raw.bindMemory(to: UInt8.self))
            }
            if let number { numbers.append(number) }
        }
        return .value(numbers.sorted())
    }

    /// A directory entry's name read as a decimal number (`0` included: fd 0).
    static func number(named name: UnsafeBufferPointer<UInt8>) -> Int32? {
        var value: Int32 = 0
        var length = 0
        while length < name.count, name[length] != 0 {
            let digit = name[length] &- 0x30
            guard digit < 10, length < 10 else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, times10 <= Int32.max - Int32(digit) else { return nil }
            value = times10 + Int32(digit)
            length += 1
        }
        return length > 0 ? value : nil
    }

    static func failure<Value>(_ code: Int32) -> Readable<Value> {
        code == EACCES || code == EPERM ? .notPermitted : .unavailable
    }
}

/// `/proc/PID/stat` as the inspector reads it: the sampler's fields, the name as
/// text, and the scheduling fields the sampler does not parse.
struct InspectedStat {
    var stat: ProcessStat
    var comm: String
    var realTimePriority: UInt32
    var policy: UInt32

    init?(bytes: UnsafeBufferPointer<UInt8>, pid: Int32) {
        guard let stat = ProcessStatParser.parse(bytes), stat.pid == pid else { return nil }
        self.stat = stat
        comm = LosslessText.decode(UnsafeBufferPointer(rebasing: bytes[stat.commRange]))
        let scheduling = ProcessStatParser.scheduling(bytes, after: stat.commRange.upperBound)
        realTimePriority = scheduling?.realTimePriority ?? 0
        policy = scheduling?.policy ?? 0
    }

    /// A zombie has ended: it keeps only its PID and exit status for its parent.
    var hasEnded: Bool { stat.state == UInt8(ascii: "Z") || stat.state == UInt8(ascii: "X") }
}
