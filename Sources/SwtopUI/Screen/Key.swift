/// A key press or terminal event, decoded by the terminal layer.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case control(Character) // Ctrl-L arrives as .control("l")
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, delete
    case function(Int)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}

public struct MouseEvent: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var row: Int
    public var column: Int

    public init(kind: Kind, row: Int, column: Int) {
        self.kind = kind
        self.row = row
        self.column = column
    }
}
