/// The user ids of `/proc/PID/status`: `Uid:` holds real, effective, saved and
/// filesystem ids, in that order.
public struct ProcessUserIDs: Equatable, Sendable {
    public var real: UInt32
    public var effective: UInt32
}

public enum StatusParser {
    public static func userIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> ProcessUserIDs? {
        var cursor = ByteCursor(bytes)
        repeat {
            if cursor.consume("Uid:") {
                guard let real = cursor.unsigned(), let effective = cursor.unsigned(),
                      real <= UInt64(UInt32.max), effective <= UInt64(UInt32.max)
                else { return nil }
                return ProcessUserIDs(real: UInt32(real), effective: UInt32(effective))
            }
        } while cursor.nextLine()
        return nil
    }
}
