/// Names a controlling terminal from the `tty_nr` of /proc/PID/stat (a dev_t).
public enum TerminalName {
    public static func name(ttyNumber: Int32) -> String? {
        guard ttyNumber != 0 else { return nil }
        let device = UInt32(bitPattern: ttyNumber)
        let major = (device >> 8) & 0xFFF
        let minor = (device & 0xFF) | ((device >> 12) & 0xFFF00)
        switch major {
        case 136...143: return "pts/\((major - 136) * 256 + minor)" // Unix98 pseudo-terminals
        case 4 where minor < 64: return "tty\(minor)"
        case 4: return "ttyS\(minor - 64)"
        case 5 where minor == 1: return "console"
        default: return "\(major):\(minor)"
        }
    }
}
