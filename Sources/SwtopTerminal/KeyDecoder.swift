import CNCurses
import SwtopUI

/// Turns what wget_wch returns into `Key`s.
enum KeyDecoder {
    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 0x1B: return .escape
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func decodeFunctionKey(_ code: Int32, width: Int, height: Int) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize(width: width, height: height)
        case KEY_MOUSE: return mouse()
        default:
            for number in 1...12 where code == swtop_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }

    private static func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let kind: MouseEvent.Kind
        if event.bstate & SWTOP_WHEEL_UP != 0 {
            kind = .wheelUp
        } else if SWTOP_WHEEL_DOWN != 0, event.bstate & SWTOP_WHEEL_DOWN != 0 {
            kind = .wheelDown
        } else if event.bstate & (SWTOP_BUTTON1_PRESSED | SWTOP_BUTTON1_CLICKED) != 0 {
            kind = .click
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind: kind, row: Int(event.y), column: Int(event.x)))
    }
}
