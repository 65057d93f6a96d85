/// One interface of `/proc/net/dev`: bytes since it came up.
public struct InterfaceCounters: Sendable, Equatable {
    public var name: String
    public var receivedBytes: UInt64
    public var transmittedBytes: UInt64

    public init(name: String, receivedBytes: UInt64, transmittedBytes: UInt64) {
        (self.name, self.receivedBytes, self.transmittedBytes) = (name, receivedBytes, transmittedBytes)
    }
}

/// `/proc/net/dev`: two header lines, then `  eth0: 1234 5 0 0 0 0 0 0 5678 9 ...`
/// (8 receive counters, bytes first, then 8 transmit counters, bytes first). Old
/// kernels wrote the first number straight after the colon (`eth0:1234`).
public enum NetDevParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [InterfaceCounters] {
        var rows: [InterfaceCounters] = []
        var cursor = ByteCursor(bytes)
        guard cursor.nextLine(), cursor.nextLine() else { return [] }
        repeat {
            var line = cursor.restOfLine()
            if let row = Self.line(&line) { rows.append(row) }
        } while cursor.nextLine()
        return rows
    }

    private static func line(_ cursor: inout ByteCursor) -> InterfaceCounters? {
        cursor.skipBlanks()
        let start = cursor.index
        while !cursor.isAtEnd, cursor.bytes[cursor.index] != UInt8(ascii: ":"), cursor.bytes[cursor.index] != 0x0A {
            cursor.index += 1
        }
        guard !cursor.isAtEnd, cursor.bytes[cursor.index] == UInt8(ascii: ":"), cursor.index > start else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.index]), as: UTF8.self)
        cursor.index += 1
        guard let received = cursor.unsigned() else { return nil }
        for _ in 0..<7 { guard cursor.unsigned() != nil else { return nil } }
        guard let transmitted = cursor.unsigned() else { return nil }
        return InterfaceCounters(name: name, receivedBytes: received, transmittedBytes: transmitted)
    }
}
