import SwtopCore

/// The detail page (Enter): a `ProcessInspection` in labelled sections. What
/// could not be read says "not permitted" (or "not available") in its place.
enum DetailPage {
    static func page(_ inspection: ProcessInspection, clock: WallClock) -> TextPage {
        let target = "PID \(inspection.pid) (\(inspection.comm))"
        return TextPage(
            title: target + " — details",
            sections: [
                process(inspection, clock: clock), family(inspection), credentials(inspection.credentials),
                scheduling(inspection), memory(inspection), threads(inspection.threads), signals(inspection.signals),
                limits(inspection.limits), cgroups(inspection.cgroups),
            ], status: "Read at " + clock.timeOfDay(inspection.startTime + inspection.elapsedSeconds))
    }

    typealias Row = TextPage.Row
    typealias Section = TextPage.Section

    static func process(_ inspection: ProcessInspection, clock: WallClock) -> Section {
        let command = Readability.text(inspection.commandLine) {
            $0.isEmpty ? "(none: a kernel thread or a zombie)" : $0.joined(separator: " ")
        }
        let executable: Row
        if case .value(let file) = inspection.executable, file.isDeleted {
            executable = Row("Executable", file.path + " (deleted or replaced since it started)", style: .warning)
        } else {
            executable = Row("Executable", Readability.text(inspection.executable) { $0.path })
        }
        return Section(
            "Process",
            [
                Row("Command", command),
                executable,
                Row("Working dir", Readability.text(inspection.workingDirectory) { $0 }),
                Row("Root", Readability.text(inspection.rootDirectory) { $0 }),
                Row("State", stateName(inspection.state)),
                Row("Terminal", inspection.terminal ?? "none"),
                Row("Started", clock.dateAndTime(inspection.startTime)),
                Row("Elapsed", Units.duration(seconds: inspection.elapsedSeconds)),
            ])
    }

    static func family(_ inspection: ProcessInspection) -> Section {
        var rows: [Row] = []
        // The parent first, then its parent: each one more step up.
        for (depth, link) in inspection.ancestors.enumerated() {
            rows.append(Row(depth == 0 ? "Parents" : "", String(repeating: " ", count: min(depth, 12)) + name(link)))
        }
        if inspection.ancestors.isEmpty { rows.append(Row("Parents", "none")) }
        switch inspection.children {
        case .value(let children) where !children.isEmpty:
            for (index, child) in children.enumerated() { rows.append(Row(index == 0 ? "Children" : "", name(child))) }
        case .value: rows.append(Row("Children", "none"))
        default: rows.append(Row("Children", Readability.words(inspection.children)))
        }
        return Section("Parents and children", rows)
    }

    static func credentials(_ credentials: Readable<Credentials>) -> Section {
        guard case .value(let ids) = credentials else {
            return Section("Users and groups", [Row("Ids", Readability.words(credentials))])
        }
        func quadruple(_ ids: IDQuadruple) -> [Row] {
            [
                Row("real", named(ids.real)), Row("effective", named(ids.effective)), Row("saved", named(ids.saved)),
                Row("filesystem", named(ids.filesystem)),
            ]
        }
        let supplementary =
            ids.supplementaryGroups.isEmpty ? "none" : ids.supplementaryGroups.map(named).joined(separator: ", ")
        return Section(
            "Users and groups",
            [Row("User", "")] + quadruple(ids.users).map(indented)
                + [Row("Group", "")] + quadruple(ids.groups).map(indented) + [Row("Groups", supplementary)])
    }

    static func scheduling(_ inspection: ProcessInspection) -> Section {
        let scheduling = inspection.scheduling
        var policy = scheduling.policy.name
        if scheduling.realTimePriority > 0 { policy += ", real-time priority \(scheduling.realTimePriority)" }
        return Section(
            "Scheduling",
            [
                Row("Nice", String(scheduling.nice)),
                Row("Priority", String(scheduling.priority)),
                Row("Policy", policy),
                Row("Affinity", Readability.text(inspection.affinity) { "CPUs " + $0 }),
                Row("Last CPU", scheduling.processor < 0 ? "not reported" : String(scheduling.processor)),
                Row("Umask", Readability.text(inspection.umask) { octal($0) }),
            ])
    }

    static func memory(_ inspection: ProcessInspection) -> Section {
        let memory = inspection.memory
        let size = { (bytes: UInt64) in Units.compactSize(bytes) }
        var rows = [
            Row("VIRT", size(memory.virtualBytes)),
            Row("RES", size(memory.residentBytes)),
            Row("SHR", Readability.text(memory.sharedBytes, size)),
            Row("PSS", Readability.text(memory.proportionalBytes, size)),
            Row("Swap", Readability.text(memory.swapBytes, size)),
        ]
        switch inspection.io {
        case .value(let io):
            rows += [
                Row("I/O read", size(io.readCharacters) + " (" + size(io.readBytes) + " from storage)"),
                Row("I/O written", size(io.writtenCharacters) + " (" + size(io.writtenBytes) + " to storage)"),
            ]
        default:
            rows.append(Row("I/O", Readability.words(inspection.io)))
        }
        return Section("Memory and I/O", rows)
    }

    static func threads(_ threads: Readable<[InspectedThread]>) -> Section {
        guard case .value(let list) = threads else {
            return Section("Threads", [Row("Threads", Readability.words(threads))])
        }
        let rows = list.map { thread in
            let cpu = thread.cpuPercent.map { Units.fixed($0, fractionDigits: 1) + "%" } ?? "-"
            return Row(
                String(thread.tid),
                String(Character(Unicode.Scalar(thread.state))) + " " + padLeft(cpu, 6) + "  " + thread.name)
        }
        return Section("Threads (\(list.count)): TID, state, CPU%, name", rows)
    }

    static func signals(_ signals: Readable<SignalMasks>) -> Section {
        guard case .value(let masks) = signals else {
            return Section("Signals", [Row("Masks", Readability.words(signals))])
        }
        let names = { (set: SignalSet) in set.numbers.isEmpty ? "none" : set.names.joined(separator: " ") }
        return Section(
            "Signals",
            [
                Row("Pending", names(masks.pending)), Row("Blocked", names(masks.blocked)),
                Row("Ignored", names(masks.ignored)), Row("Caught", names(masks.caught)),
            ])
    }

    static func limits(_ limits: Readable<[ResourceLimit]>) -> Section {
        guard case .value(let list) = limits else {
            return Section("Limits", [Row("Limits", Readability.words(limits))])
        }
        let value = { (value: ResourceLimit.Value) in
            switch value {
            case .unlimited: "unlimited"
            case .finite(let number): String(number)
            }
        }
        return Section(
            "Limits: soft / hard",
            list.map { limit in
                Row(
                    limit.name,
                    value(limit.soft) + " / " + value(limit.hard) + (limit.unit.isEmpty ? "" : " " + limit.unit))
            })
    }

    static func cgroups(_ cgroups: Readable<[CgroupMembership]>) -> Section {
        guard case .value(let list) = cgroups else {
            return Section("Cgroups", [Row("Cgroup", Readability.words(cgroups))])
        }
        return Section(
            "Cgroups", list.map { Row($0.controllers.isEmpty ? String($0.hierarchy) : $0.controllers, $0.path) })
    }

    // MARK: Words

    static func name(_ link: ProcessLink) -> String { "\(link.pid) \(link.comm)" }

    static func named(_ id: NamedID) -> String { id.name == String(id.id) ? id.name : "\(id.id) \(id.name)" }

    static func indented(_ row: Row) -> Row { Row("  " + row.label, row.value, style: row.style) }

    static func stateName(_ state: UInt8) -> String {
        let letter = Character(Unicode.Scalar(state))
        let words: [Character: String] = [
            "R": "running", "S": "sleeping", "D": "disk sleep (uninterruptible)",
            "Z": "zombie", "T": "stopped", "t": "traced", "I": "idle kernel thread",
            "X": "dead", "P": "parked", "W": "waking", "K": "wakekill",
        ]
        return words[letter].map { "\(letter) (\($0))" } ?? String(letter)
    }

    static func octal(_ value: UInt32) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func padLeft(_ text: String, _ cells: Int) -> String {
        String(repeating: " ", count: max(0, cells - text.count)) + text
    }
}
