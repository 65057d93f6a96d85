import SwtopCore

/// The environment (`e`), descriptor (`l`) and output (`o`) pages as text.
enum ListPages {
    static func title(_ target: ProcessTarget, _ what: String) -> String {
        "PID \(target.pid) (\(target.name)) — \(what)"
    }

    static func environment(_ variables: Readable<[EnvironmentVariable]>, target: ProcessTarget) -> TextPage {
        let title = title(target, "environment")
        guard case .value(let list) = variables else {
            return TextPage(
                title: title, sections: [TextPage.Section(nil, [TextPage.Row("", Readability.words(variables))])])
        }
        // NAME=value on one row, so a long name is never cut; the layout escapes both.
        let rows = list.map { TextPage.Row("", $0.name + "=" + $0.value) }
        return TextPage(
            title: title, sections: [TextPage.Section(nil, rows.isEmpty ? [TextPage.Row("", "(empty)")] : rows)],
            status: "\(list.count) variables, as they were when the process started or last called execve")
    }

    static func descriptors(_ descriptors: Readable<[OpenDescriptor]>, target: ProcessTarget) -> TextPage {
        let title = title(target, "open files")
        guard case .value(let list) = descriptors else {
            return TextPage(
                title: title, sections: [TextPage.Section(nil, [TextPage.Row("", Readability.words(descriptors))])])
        }
        // Numbers right-aligned in a column at least as wide as the heading's "FD".
        let numberCells = max(2, list.map { String($0.number).count }.max() ?? 0)
        let rows = list.map { descriptor in
            let number = String(descriptor.number)
            return TextPage.Row(
                String(repeating: " ", count: numberCells - number.count) + number,
                pad(descriptor.kind.name, 13) + describe(descriptor))
        }
        let heading = pad("FD", numberCells + 1) + pad("KIND", 13) + "TARGET"
        return TextPage(
            title: title, sections: [TextPage.Section(heading, rows)],
            status: "\(list.count) open descriptors")
    }

    /// The target, and for a socket found in /proc/net its protocol and addresses.
    static func describe(_ descriptor: OpenDescriptor) -> String {
        guard let socket = descriptor.socket else { return descriptor.target }
        var text = socket.family.name + " " + (socket.local.isEmpty ? "(unbound)" : socket.local)
        if let remote = socket.remote { text += " -> " + remote }
        if let state = socket.state { text += " " + state }
        return text + " " + descriptor.target
    }

    static func output(_ log: OutputLog, target: ProcessTarget) -> TextPage {
        var streams: [TextPage.Row] = []
        for stream in OutputStream.allCases {
            let destination = log.targets[stream] ?? .closed
            let sameFile =
                stream == .standardError && destination.isFollowed && destination == log.targets[.standardOutput]
            streams.append(
                TextPage.Row(
                    "fd \(stream.rawValue) \(stream.name)",
                    sameFile ? "the same file as stdout (its lines are shown once)" : OutputLog.describe(destination)))
        }
        let followed = OutputStream.allCases.filter { log.targets[$0]?.isFollowed == true }
        // With two different files followed, each line says which stream it came from.
        let marksStreams = followed.count == 2 && log.targets[.standardOutput] != log.targets[.standardError]
        let lines = log.lines.map { entry -> TextPage.Row in
            switch entry.kind {
            case .line(let stream):
                return TextPage.Row(
                    marksStreams ? stream.name : "", entry.text, style: stream == .standardError ? .warning : .normal)
            case .note:
                return TextPage.Row("", entry.text, style: .dim)
            }
        }
        var sections = [TextPage.Section(nil, streams)]
        if !followed.isEmpty {
            sections.append(
                TextPage.Section(nil, lines.isEmpty ? [TextPage.Row("", "(nothing written yet)", style: .dim)] : lines))
        }
        return TextPage(
            title: title(target, "output"), sections: sections,
            status: followed.isEmpty ? "nothing to follow" : "following like tail -F; End: newest lines")
    }

    private static func pad(_ text: String, _ cells: Int) -> String {
        text + String(repeating: " ", count: max(1, cells - DisplayWidth.of(text)))
    }
}

/// "not permitted" and "not available" in the pages' words.
enum Readability {
    static func words<Value>(_ readable: Readable<Value>) -> String {
        switch readable {
        case .value: ""
        case .notPermitted: "not permitted"
        case .unavailable: "not available"
        }
    }

    static func text<Value>(_ readable: Readable<Value>, _ format: (Value) -> String) -> String {
        readable.value.map(format) ?? words(readable)
    }
}
