/// How the user likes the view: what the table and the header show, and how it
/// looks. Part of `ViewState` (the setup screen changes it) and of the saved `Settings`.
public struct Preferences: Sendable, Equatable {
    /// Table columns in screen order.
    public var columns = TableColumn.defaults
    public var colorScheme = ColorScheme.default
    /// Header meters under the CPU bars.
    public var meters = Meter.defaults
    /// New processes in one color for a few seconds, exited ones kept in another (htop `-H`).
    public var highlightsChanges = false
    /// Re-read every process's command line each refresh, so a process that rewrites
    /// its argv (a daemon naming its state) is shown as it is now.
    public var updatesProcessNames = false
    /// Show the command as typed; off shows the program's base name instead of its path.
    public var showsFullPaths = true

    public init() {}

    /// Header rows the meters take: the longer of the two columns.
    public var meterRows: Int {
        max(meters.filter { $0.side == .left }.count, meters.filter { $0.side == .right }.count)
    }
}

/// A set of colors for the view. Monochrome is also what `--no-color` and `NO_COLOR` force.
public enum ColorScheme: String, CaseIterable, Sendable {
    case `default`
    case monochrome
    case light

    public var summary: String {
        switch self {
        case .default: "colors on the terminal's own (dark) background"
        case .monochrome: "bold, dim and reverse only"
        case .light: "darker colors for light backgrounds"
        }
    }
}

/// One header meter: what it measures, bar or text, left or right column.
public struct Meter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case memory, swap, tasks, load, uptime, cpuFrequency, contextSwitches, interrupts
        /// Read/write rates over whole disks, and the busiest one (`/proc/diskstats`).
        case diskIO
        /// Receive/transmit rates over every interface but `lo` (`/proc/net/dev`).
        case networkIO
        /// PSI some/full avg10 of cpu, io and memory (`/proc/pressure/*`).
        case pressure
        /// hwmon sensors and thermal zones.
        case temperature
        /// Busy % and memory per DRM device, from its clients' fdinfo.
        case gpu
        /// Used space of the file system mounted here.
        case disk(String)
    }

    public enum Style: String, Sendable, CaseIterable { case bar, text }
    public enum Side: String, Sendable { case left, right }

    public var kind: Kind
    public var style: Style
    public var side: Side

    public init(_ kind: Kind, _ style: Style, _ side: Side) {
        self.kind = kind
        self.style = kind.hasFraction ? style : .text
        self.side = side
    }

    /// htop's header: memory and swap bars on the left, tasks, load and uptime on the right.
    public static let defaults = [
        Meter(.memory, .bar, .left), Meter(.swap, .bar, .left),
        Meter(.tasks, .text, .right), Meter(.load, .text, .right), Meter(.uptime, .text, .right),
    ]

    /// Every kind the setup screen offers (disks: the root file system; more in the config file).
    public static let offered: [Kind] = [
        .memory, .swap, .tasks, .load, .uptime, .cpuFrequency, .contextSwitches,
        .interrupts, .diskIO, .networkIO, .pressure, .temperature, .gpu, .disk("/"),
    ]
}

extension Meter.Kind {
    /// The name in the config file and the setup screen.
    public var name: String {
        switch self {
        case .memory: "Memory"
        case .swap: "Swap"
        case .tasks: "Tasks"
        case .load: "Load"
        case .uptime: "Uptime"
        case .cpuFrequency: "Frequency"
        case .contextSwitches: "ContextSwitches"
        case .interrupts: "Interrupts"
        case .disk: "Disk"
        case .diskIO: "DiskIO"
        case .networkIO: "NetworkIO"
        case .pressure: "Pressure"
        case .temperature: "Temperature"
        case .gpu: "GPU"
        }
    }

    /// True when the value is a part of a whole, so a bar can show it.
    public var hasFraction: Bool {
        switch self {
        case .memory, .swap, .cpuFrequency, .disk: true
        case .tasks, .load, .uptime, .contextSwitches, .interrupts, .diskIO, .networkIO, .pressure, .temperature, .gpu:
            false
        }
    }

    public var mountPoint: String? {
        if case .disk(let path) = self { return path }
        return nil
    }
}
