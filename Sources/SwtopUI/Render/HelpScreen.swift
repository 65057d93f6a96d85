import SwtopCore

/// F1/h/?: every key, what the state letters and colors mean, and how CPU% is counted.
enum HelpScreen {
    static let lines: [String] = [
        "swtop help — any key returns",
        "CPU% is the share of one core since the previous sample: 100% is one busy core,",
        "so a process can show up to (number of CPUs) x 100%. It stays blank until a",
        "process has been seen twice. MEM% is resident memory (RES, exact) over MemTotal.",
        "CPU bars: user nice system+irq iowait steal.  Mem: used shared buffers cache;",
        "Mem's number is MemTotal - MemAvailable, the \"used\" of free(1).",
        "  Arrows PgUp PgDn Home End  move       Left Right  scroll the command line",
        "  F3 /   search (F3: next match)        F4 \\   filter: words, a|b, cpu>50 and …",
        "  F5 t   tree view                      -  +  *   collapse, expand, expand all",
        "  F6     choose the sort column         <  >      previous / next sort column",
        "  P M T N  sort by CPU% MEM% TIME+ PID  I  invert order  i  I/O view on/off",
        "  u      show one user's processes      K  H      kernel / user threads on/off",
        "  F1 h ? this help   Ctrl-L redraw      mouse     click: select, header: sort",
        "  F2 S   setup: columns, meters, colors, display options (saved at quit)",
        "  g      group: program, user, …; Enter + - open  Z  pause, then { } ( ) [ ] @",
        "  Enter  inspect one process: details   e  l  o   its environment, files, output",
        "Acting on the selected process, or on all tagged ones (Space, c: with children):",
        "  z      suspend (SIGSTOP)              r         resume (SIGCONT)",
        "  x      terminate (SIGTERM), asks y/n  X         kill (SIGKILL), asks y/n",
        "  G      SIGTERM, then SIGKILL after --grace seconds, asks y/n; Esc cancels",
        "  F9 k   send any signal                F7 ] F8 [ nice -1 (higher priority) / +1",
        "  U      untag all      Nothing is sent to a PID that now names another process.",
        "State: R run  S sleep  D disk sleep  Z zombie  T stopped  t traced I idle X dead",
        "Esc leaves a prompt, a menu, a page or this screen.   F10 q  quit",
    ]

    static let readonlyNote = "Read-only (--readonly): the keys that act on processes are unavailable."

    static func draw(into frame: inout Frame, state: ViewState, system: SystemState?) {
        for (row, line) in lines.enumerated() {
            frame.put(line, row: row, column: 0, style: row == 0 ? .bold : .normal)
        }
        let notes = system.map(cgroupNotes) ?? []
        for (offset, note) in notes.enumerated() {
            frame.put(note, row: lines.count + offset, column: 0, style: .meterText)
        }
        if state.readonly, let row = lines.firstIndex(where: { $0.hasPrefix("Acting on") }) {
            frame.fill(row: row, column: 0, count: frame.width)
            frame.put(readonlyNote, row: row, column: 0, style: .warning)
        }
        // Colour legend on the CPU bar line.
        if let legendRow = lines.firstIndex(where: { $0.hasPrefix("CPU bars:") }), state.usesColor {
            let legend: [(String, Style)] = [
                ("user", .cpuUser), ("nice", .cpuNice), ("system+irq", .cpuSystem),
                ("iowait", .cpuIowait), ("steal", .cpuSteal), ("used", .memoryUsed),
                ("shared", .memoryShared), ("buffers", .memoryBuffers), ("cache", .memoryCache),
            ]
            var searchFrom = lines[legendRow].startIndex
            let line = lines[legendRow]
            for (word, style) in legend {
                guard let range = line[searchFrom...].firstRange(ofText: word) else { continue }
                let column = line.distance(from: line.startIndex, to: range.lowerBound)
                frame.put(word, row: legendRow, column: column, style: style)
                searchFrom = range.upperBound
            }
        }
    }

    /// Inside a cgroup whose limits the meters show instead of the machine's: the machine's own figures.
    static func cgroupNotes(_ system: SystemState) -> [String] {
        var notes: [String] = []
        let memory = system.memory
        if let limited = system.cgroupLimits?.memoryLimit(below: memory.total) {
            notes.append(
                "Mem shows the cgroup's memory.max, " + Units.compactSize(limited.limit) + "; the host has "
                    + Units.compactSize(memory.total) + ", " + Units.compactSize(memory.used) + " used.")
        }
        if let limit = system.cgroupCPULimit {
            notes.append(
                "CPU shows the cgroup's CPUs: " + Units.fixed(limit, fractionDigits: 2) + " CPUs' worth of time on "
                    + "\(system.meteredCPUs.count) of the host's \(system.cpus.count) CPUs (cpu.max, cpuset.cpus.effective)."
            )
        }
        return notes
    }
}
