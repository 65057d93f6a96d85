/// F1/h/?: every key, what the state letters and colors mean, and how CPU% is counted.
enum HelpScreen {
    static let lines: [String] = [
        "swtop help — any key returns",
        "",
        "CPU% is the share of one core since the previous sample: 100% is one busy core,",
        "so a process can show up to (number of CPUs) x 100%. It stays blank until a",
        "process has been seen twice. MEM% is resident memory (RES) over MemTotal.",
        "CPU bars: user  nice  system (incl. irq)  iowait  steal.  Memory: used  buffers  cache.",
        "",
        "  Arrows PgUp PgDn Home End  move       Left Right  scroll the command line",
        "  F3 /   search (F3: next match)        F4 \\   filter: command, user or PID; a|b",
        "  F5 t   tree view                      -  +  *   collapse, expand, expand all",
        "  F6     choose the sort column         <  >      previous / next sort column",
        "  P M T N  sort by CPU% MEM% TIME+ PID  I         invert the order",
        "  u      show one user's processes      K  H      show/hide kernel / userland threads",
        "  F1 h ? this help                      Ctrl-L    redraw the screen",
        "  F10 q  quit                           mouse     click: select, header: sort, wheel: scroll",
        "",
        "State letters: R running  S sleeping  D disk sleep (uninterruptible)  Z zombie",
        "  T stopped  t traced  I idle kernel thread  X dead",
        "Esc leaves a prompt, a menu or this screen.",
    ]

    static func draw(into frame: inout Frame, state: ViewState) {
        for (row, line) in lines.enumerated() {
            frame.put(line, row: row, column: 0, style: row == 0 ? .bold : .normal)
        }
        // Colour legend on the CPU bar line.
        if let legendRow = lines.firstIndex(where: { $0.hasPrefix("CPU bars:") }), state.usesColor {
            let legend: [(String, Style)] = [("user", .cpuUser), ("nice", .cpuNice), ("system (incl. irq)", .cpuSystem),
                                             ("iowait", .cpuIowait), ("steal", .cpuSteal), ("used", .memoryUsed),
                                             ("buffers", .memoryBuffers), ("cache", .memoryCache)]
            var searchFrom = lines[legendRow].startIndex
            let line = lines[legendRow]
            for (word, style) in legend {
                guard let range = line[searchFrom...].firstRange(of: word) else { continue }
                let column = line.distance(from: line.startIndex, to: range.lowerBound)
                frame.put(word, row: legendRow, column: column, style: style)
                searchFrom = range.upperBound
            }
        }
    }
}
