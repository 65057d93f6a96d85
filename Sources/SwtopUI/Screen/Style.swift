/// What a cell means, not how it looks: the terminal layer maps each role to
/// colors (or to bold/reverse in monochrome), so the view never knows about curses.
public enum Style: UInt8, Sendable, CaseIterable {
    case normal
    case dim
    case bold
    case meterLabel
    case meterBracket
    case meterText
    case cpuUser
    case cpuNice
    case cpuSystem
    case cpuIowait
    case cpuSteal
    case memoryUsed
    /// Shared memory (tmpfs, shm): part of "used".
    case memoryShared
    case memoryBuffers
    case memoryCache
    case swapUsed
    case tableHeader
    case sortColumn
    case selectedRow
    /// A tagged process's row: actions apply to all tagged rows.
    case taggedRow
    case kernelThread
    case thread
    case treeGuide
    case processRunning
    case processStopped
    case processZombie
    case functionKey
    case functionLabel
    case prompt
    case promptActive
    case status
    case warning
    /// A process that started in the last few seconds (highlight changes).
    case newProcess
    /// A process that exited, kept on screen for a few seconds (highlight changes).
    case exitedProcess
}
