/// The fields of `/proc/PID/stat` that a monitor needs, as the kernel reports them
/// (ticks and pages, not seconds and bytes).
public struct ProcessStat: Equatable, Sendable {
    public var pid: Int32
    /// Where the command name sits in the parsed buffer: between the first `(` and the last `)`.
    public var commRange: Range<Int>
    public var state: UInt8
    public var ppid: Int32
    public var processGroup: Int32
    public var session: Int32
    public var ttyNumber: Int32
    public var flags: UInt64
    public var userTicks: UInt64
    public var systemTicks: UInt64
    public var priority: Int32
    public var nice: Int32
    public var threadCount: Int32
    public var startTicks: UInt64
    public var virtualBytes: UInt64
    public var residentPages: UInt64
    /// The CPU the process last ran on; -1 when the kernel does not report it.
    public var processor: Int32

    /// `PF_KTHREAD` in include/linux/sched.h: the reliable test for a kernel thread
    /// (an empty command line also fits zombies).
    public var isKernelThread: Bool { flags & 0x0020_0000 != 0 }
}

public enum ProcessStatParser {
    /// Parses one stat line; nil when it is truncated or malformed.
    ///
    /// `comm` may hold spaces and parentheses, so it runs from the first `(` to the
    /// last `)`; the numbers after it are read by position.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessStat? {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")),
            let close = bytes.lastIndex(of: UInt8(ascii: ")")),
            open < close
        else { return nil }
        var head = ByteCursor(UnsafeBufferPointer(rebasing: bytes[..<open]))
        guard let pid = head.signed(), pid > 0, pid <= Int64(Int32.max) else { return nil }

        var cursor = ByteCursor(bytes, at: close + 1)
        guard let stateRange = cursor.word(), stateRange.count == 1 else { return nil }
        let state = bytes[stateRange.lowerBound]

        // Fields 4–24 (1-based, as in proc(5)); a missing one means a cut-short line.
        guard let ppid = cursor.signed(), let processGroup = cursor.signed(),
            let session = cursor.signed(), let ttyNumber = cursor.signed(),
            cursor.signed() != nil, // 8 tpgid
            let flags = cursor.unsigned()
        else { return nil }
        for _ in 10...13 { guard cursor.unsigned() != nil else { return nil } } // fault counters
        guard let userTicks = cursor.unsigned(), let systemTicks = cursor.unsigned(),
            cursor.signed() != nil, cursor.signed() != nil, // 16, 17: children's times
            let priority = cursor.signed(), let nice = cursor.signed(),
            let threadCount = cursor.signed(),
            cursor.signed() != nil, // 21 itrealvalue
            let startTicks = cursor.unsigned(),
            let virtualBytes = cursor.unsigned(),
            let residentPages = cursor.signed()
        else { return nil }
        // Field 39 (processor) arrived in Linux 2.2.8; tolerate lines that stop earlier.
        var processor: Int64 = -1
        for _ in 25...38 { guard cursor.word() != nil else { break } }
        if let value = cursor.signed() { processor = value }

        return ProcessStat(
            pid: Int32(pid),
            commRange: (open + 1)..<close,
            state: state,
            ppid: Int32(truncatingIfNeeded: ppid),
            processGroup: Int32(truncatingIfNeeded: processGroup),
            session: Int32(truncatingIfNeeded: session),
            ttyNumber: Int32(truncatingIfNeeded: ttyNumber),
            flags: flags,
            userTicks: userTicks,
            systemTicks: systemTicks,
            priority: Int32(clamping: priority),
            nice: Int32(clamping: nice),
            threadCount: Int32(clamping: max(0, threadCount)),
            startTicks: startTicks,
            virtualBytes: virtualBytes,
            residentPages: UInt64(max(0, residentPages)),
            processor: Int32(clamping: processor)
        )
    }
}

extension ProcessStatParser {
    /// Fields 40 (`rt_priority`) and 41 (`policy`), which only the detail view
    /// shows: `parse` stops before them on purpose.
    /// - Parameter close: the index of the `)` that ends `comm`.
    static func scheduling(_ bytes: UnsafeBufferPointer<UInt8>, after close: Int) -> (
        realTimePriority: UInt32, policy: UInt32
    )? {
        var cursor = ByteCursor(bytes, at: close + 1)
        for _ in 3...39 { guard cursor.word() != nil else { return nil } }
        guard let priority = cursor.unsigned(), let policy = cursor.unsigned(),
            priority <= UInt64(UInt32.max), policy <= UInt64(UInt32.max)
        else { return nil }
        return (UInt32(priority), UInt32(policy))
    }
}
