import Glibc

/// What gives the terminal back, kept where a crash handler can reach it: the
/// line discipline as it was and the bytes that leave full-screen mode. The
/// handler may only use async-signal-safe calls, so both are ready beforehand.
enum TerminalRestore {
    nonisolated(unsafe) private static var modes = termios()
    nonisolated(unsafe) private static var sequence: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var isArmed = false

    /// Called on the main thread whenever the view takes the terminal.
    static func arm(modes original: termios, leaving bytes: [UInt8]) {
        isArmed = false
        sequence?.deallocate()
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        sequence = copy
        modes = original
        isArmed = true
    }

    /// Called when the view has given the terminal back by itself.
    static func disarm() { isArmed = false }

    /// From a signal handler: write(2) and tcsetattr(3) only.
    static func restoreFromSignalHandler() {
        guard isArmed else { return }
        isArmed = false
        if let sequence, let start = sequence.baseAddress { _ = write(STDOUT_FILENO, start, sequence.count) }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }
}
