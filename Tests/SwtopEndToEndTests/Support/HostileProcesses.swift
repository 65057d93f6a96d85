import Glibc

/// Processes whose command lines hold what an attacker would put there, started for
/// one test and killed by PID when it ends. Every command line holds `marker`, so a
/// filter finds them all.
final class HostileProcesses {
    /// Every byte argv can hold (a C string cannot hold NUL).
    static let everyByte: [UInt8] = Array(1...255)
    /// A title change ended by BEL, a clear screen, a right-to-left override, stacked
    /// combining marks and wide CJK characters.
    static let escapes = "\u{1B}]2;pwned\u{07}\u{1B}[2J\u{202E}RTL e\u{301}\u{302}\u{303} 中文字符漢字 end"
    /// Wide characters up to the right edge, starting on an even and on an odd cell.
    static let wideEven = String(repeating: "漢", count: 80)
    static let wideOdd = "x" + wideEven
    /// A mebibyte of command line. The kernel caps one argument at 128 KiB
    /// (MAX_ARG_STRLEN, the NUL included), so it is eight of them.
    static let mebibyte: [[UInt8]] = (0..<8).map { [UInt8](repeating: UInt8(ascii: "a") + UInt8($0), count: 131_071) }

    let marker = "3005.\(Int.random(in: 100...999))"
    /// `sleep marker` processes, argv[0] being the hostile text (sleep ignores it).
    private(set) var sleepers: [(pid: pid_t, argv0: [UInt8])] = []
    /// `sh -c 'sleep marker; :' sh <mebibyte>`: the shell stays (`; :`), holding the
    /// arguments it ignores. It leads its own process group, which holds its sleep.
    private(set) var shell: pid_t = 0
    private(set) var shellChild: pid_t = 0

    var allPIDs: [pid_t] { sleepers.map(\.pid) + [shell, shellChild] }

    /// What swtop keeps of the shell's command line: its first 64 KiB, NUL-separated.
    var keptShellCommandLine: [UInt8] {
        let whole = (["sh", "-c", "sleep \(marker); :", "sh"].map { Array($0.utf8) } + Self.mebibyte)
            .map { $0 + [0] }.joined()
        return Array(whole.prefix(64 << 10))
    }

    init() throws {
        do {
            for argv0 in [
                Self.everyByte, Array(Self.escapes.utf8), Array(Self.wideEven.utf8), Array(Self.wideOdd.utf8),
            ] {
                let pid = try Spawn.start("/bin/sleep", arguments: [argv0, Array(marker.utf8)])
                sleepers.append((pid, argv0))
            }
            let script = ["sh", "-c", "sleep \(marker); :", "sh"].map { Array($0.utf8) }
            shell = try Spawn.start("/bin/sh", arguments: script + Self.mebibyte, newProcessGroup: true)
            guard Clock.wait(upTo: 5, until: { ProcReader.children(of: shell).count == 1 }),
                let child = ProcReader.children(of: shell).first
            else { throw SpawnError(description: "the shell of \(shell) started no sleep") }
            shellChild = child
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    private func stop() {
        for sleeper in sleepers { Spawn.kill(sleeper.pid) }
        sleepers = []
        if shell > 0 {
            _ = kill(-shell, SIGKILL)
            Spawn.reap(shell)
            shell = 0
        }
    }

    /// argv as /proc reads it: bytes that are not UTF-8 become the text `\xNN`.
    static func decoded(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Only `everyByte` is not UTF-8 here, and none of its bytes from 0x80 is part of a valid sequence.
        return bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + hex($0) }.joined()
    }

    /// Text as swtop shows it on a terminal: controls, C1 and bidi overrides escaped.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar -> String in
            switch scalar.value {
            case 0x1B: return "\\e"
            case 0x0A: return "\\n"
            case 0x09: return "\\t"
            case 0x0D: return "\\r"
            case 0x01...0x1F, 0x7F: return "\\x" + hex(UInt8(scalar.value))
            case 0x80...0x9F, 0x202E:
                return "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: return String(scalar)
            }
        }.joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
    }
}
