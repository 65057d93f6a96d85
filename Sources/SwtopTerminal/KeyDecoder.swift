import SwtopUI

/// Turns the bytes a terminal sends into `Key`s: UTF-8 text, control keys, and the
/// escape sequences of cursor, editing and function keys and of mouse reports, in
/// the spellings of xterm, VT220, rxvt and the Linux console. Any other escape
/// sequence is swallowed whole, so that its bytes never act as keys.
struct KeyDecoder {
    private var pending: [UInt8] = []

    enum Outcome: Equatable {
        case key(Key)
        /// A sequence was consumed that means nothing to swtop.
        case ignored
        /// The bytes so far may be the start of a longer sequence.
        case incomplete
        case empty
    }

    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
    }

    var isEmpty: Bool { pending.isEmpty }

    /// The next key. With `delayPassed`, nothing more is coming soon (the escape delay has
    /// passed): a lone Esc is the Esc key, and a cut-off sequence is read as keys.
    mutating func next(delayPassed: Bool = false) -> Outcome {
        guard let first = pending.first else { return .empty }
        let (outcome, length) = first == 0x1B ? escape() : first >= 0x80 ? utf8(first) : (Self.single(first), 1)
        if outcome == .incomplete {
            guard delayPassed else { return .incomplete }
            // What stays incomplete after the delay was typed, not sent by a key:
            // Esc by itself, or a stray lead byte (dropped).
            pending.removeFirst()
            return first == 0x1B ? .key(.escape) : .ignored
        }
        pending.removeFirst(length)
        return outcome
    }

    /// A byte below 0x80.
    private static func single(_ byte: UInt8) -> Outcome {
        switch byte {
        case 0x0A, 0x0D: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(byte + 0x60))))
        case 0x20..<0x7F: return .key(.character(Character(Unicode.Scalar(byte))))
        default: return .ignored
        }
    }

    private func utf8(_ lead: UInt8) -> (Outcome, Int) {
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1 else { return (.ignored, 1) }
        guard pending.count >= length else { return (.incomplete, 0) }
        var decoder = UTF8()
        var bytes = pending.prefix(length).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return (.ignored, 1) }
        return (.key(.character(Character(scalar))), length)
    }

    /// Esc and what follows it.
    private func escape() -> (Outcome, Int) {
        guard pending.count >= 2 else { return (.incomplete, 0) }
        switch pending[1] {
        case UInt8(ascii: "["): return controlSequence()
        case UInt8(ascii: "O"):
            // SS3: cursor keys in application mode, F1–F4, the keypad's Enter.
            guard pending.count >= 3 else { return (.incomplete, 0) }
            return (Self.key(final: pending[2], parameter: nil) ?? .ignored, 3)
        default:
            // Alt and a key: Esc, then the key, as curses reads it.
            return (.key(.escape), 1)
        }
    }

    /// CSI: Esc [, parameter bytes, intermediate bytes, a final byte (ECMA-48).
    private func controlSequence() -> (Outcome, Int) {
        var index = 2
        // The Linux console's F1–F5: Esc [ [ A … E.
        if pending.count > 2, pending[2] == UInt8(ascii: "[") {
            guard pending.count >= 4 else { return (.incomplete, 0) }
            let number = Int(pending[3]) - Int(UInt8(ascii: "A")) + 1
            return ((1...5).contains(number) ? .key(.function(number)) : .ignored, 4)
        }
        while index < pending.count, (0x20...0x3F).contains(pending[index]) { index += 1 }
        guard index < pending.count else { return (.incomplete, 0) }
        let finalByte = pending[index]
        guard (0x40...0x7E).contains(finalByte) else { return (.ignored, index) }
        let parameters = Array(pending[2..<index])
        let length = index + 1
        if finalByte == UInt8(ascii: "M"), parameters.isEmpty {
            // X10 mouse report: three bytes follow, each value + 32.
            guard pending.count >= length + 3 else { return (.incomplete, 0) }
            let report = pending[length..<(length + 3)].map { Int($0) - 32 }
            return (
                Self.mouse(button: report[0], column: report[1] - 1, row: report[2] - 1, released: false), length + 3
            )
        }
        if parameters.first == UInt8(ascii: "<"), finalByte == UInt8(ascii: "M") || finalByte == UInt8(ascii: "m") {
            // SGR mouse report: Esc [ < button ; column ; row, M pressed, m released.
            let numbers = Self.numbers(parameters.dropFirst())
            guard numbers.count == 3 else { return (.ignored, length) }
            return (
                Self.mouse(
                    button: numbers[0], column: numbers[1] - 1, row: numbers[2] - 1,
                    released: finalByte == UInt8(ascii: "m")), length
            )
        }
        guard parameters.allSatisfy({ (0x30...0x3B).contains($0) }) else { return (.ignored, length) }
        return (Self.key(final: finalByte, parameter: Self.numbers(parameters[...]).first) ?? .ignored, length)
    }

    /// The key a CSI or SS3 sequence names by its final byte (and first parameter for `~`).
    /// Modifiers (Esc [ 1 ; 5 A) are read past: Ctrl-Up moves as Up does.
    private static func key(final byte: UInt8, parameter: Int?) -> Outcome? {
        switch byte {
        case UInt8(ascii: "A"): return .key(.up)
        case UInt8(ascii: "B"): return .key(.down)
        case UInt8(ascii: "C"): return .key(.right)
        case UInt8(ascii: "D"): return .key(.left)
        case UInt8(ascii: "H"): return .key(.home)
        case UInt8(ascii: "F"): return .key(.end)
        case UInt8(ascii: "M"): return .key(.enter)
        case UInt8(ascii: "P"), UInt8(ascii: "Q"), UInt8(ascii: "R"), UInt8(ascii: "S"):
            return .key(.function(Int(byte - UInt8(ascii: "P")) + 1))
        case UInt8(ascii: "~"): return parameter.flatMap(tilde)
        default: return nil
        }
    }

    /// VT220-style keys: Esc [ number ~.
    private static func tilde(_ number: Int) -> Outcome? {
        switch number {
        case 1, 7: return .key(.home)
        case 4, 8: return .key(.end)
        case 3: return .key(.delete)
        case 5: return .key(.pageUp)
        case 6: return .key(.pageDown)
        case 11...15: return .key(.function(number - 10))
        case 17...21: return .key(.function(number - 11))
        case 23, 24: return .key(.function(number - 12))
        default: return nil
        }
    }

    private static func mouse(button: Int, column: Int, row: Int, released: Bool) -> Outcome {
        guard column >= 0, row >= 0, !released else { return .ignored }
        // Bits 2–4 are Shift, Meta and Ctrl, bit 5 is motion; 64 and 65 are the wheel.
        let kind: MouseEvent.Kind
        switch button & ~0x1C {
        case 0: kind = .click
        case 64: kind = .wheelUp
        case 65: kind = .wheelDown
        default: return .ignored
        }
        return .key(.mouse(MouseEvent(kind: kind, row: row, column: column)))
    }

    /// Decimal numbers separated by `;`; an empty one reads as 0.
    private static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int] {
        bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { digits in
            digits.reduce(0) { value, digit in
                (0x30...0x39).contains(digit) ? min(value * 10 + Int(digit - 0x30), 1 << 20) : value
            }
        }
    }
}
