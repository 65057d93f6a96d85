import SwtopCore

/// Values a few columns read for the rows on screen only, when they are drawn
/// (reading them for every process every refresh would cost a file each).
public protocol OnDemandValues {
    func ioRates(of process: ProcessEntry) -> OnScreenReader.IORates?
    func swapBytes(of process: ProcessEntry) -> UInt64?
}
