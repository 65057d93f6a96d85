/// The keys that look at the past: `Z` pauses the live view, `{` `}` step one sample,
/// `(` `)` a minute, `[` `]` an hour (while looking at the past, where nothing can be
/// reniced), `@` goes to a typed time. The run loop holds the samples: the reducer
/// only says where to go.
extension ViewReducer {
    static func browseHistory(_ key: Key, _ state: inout ViewState) -> ViewEffect? {
        switch key {
        case .character("Z"): return .travel(state.history == nil ? .pause : .resume)
        case .character("{"): return .travel(.samples(-1))
        case .character("}"): return .travel(.samples(1))
        case .character("("): return .travel(.seconds(-60))
        case .character(")"): return .travel(.seconds(60))
        case .character("["), .character("]"):
            guard state.history != nil else { return nil }
            return .travel(.seconds(key == .character("[") ? -3600 : 3600))
        case .character("@"):
            state.timeEntry = ""
            state.mode = .choosingTime
            return ViewEffect.none
        default: return nil
        }
    }

    static func chooseTime(_ key: Key, _ state: inout ViewState) -> ViewEffect {
        switch key {
        case .character(let character): state.timeEntry.append(character)
        case .backspace:
            if !state.timeEntry.isEmpty { state.timeEntry.removeLast() }
        case .enter:
            state.mode = .browsing
            guard let time = TimeSpecification(state.timeEntry) else {
                state.message = "Not a time: '\(state.timeEntry)' (10:30, yesterday 23:00, 2026-12-03 10:30, -15m)"
                return .none
            }
            return .travel(.time(time))
        case .escape: state.mode = .browsing
        default: break
        }
        return .none
    }
}

/// Where `ViewEffect.travel` goes.
public enum HistoryMove: Sendable, Equatable {
    /// Freeze the live view on the sample shown.
    case pause
    /// Back to the live view.
    case resume
    case samples(Int)
    case seconds(Double)
    case time(TimeSpecification)
}

/// The past sample on screen, for the header, the bottom bar and the keys.
public struct HistoryPosition: Sendable, Equatable {
    /// Replaying a recording (there is no live view to go back to), or paused live.
    public var isRecording: Bool
    /// The sample's place among those held: 1-based `number` of `count`.
    public var number: Int
    public var count: Int
    public var timestamp: Double

    public init(isRecording: Bool, number: Int, count: Int, timestamp: Double) {
        self.isRecording = isRecording
        self.number = number
        self.count = count
        self.timestamp = timestamp
    }
}
