import SwtopCore
import SwtopUI

/// `--batch` and `--json`: frames on stdout for scripts, each from a real delta, so
/// the first one comes after one delay.
struct BatchMode {
    let procFS: ProcFS
    let delay: Double
    let iterations: Int?
    let ordering: ProcessOrdering
    /// `--group`: the group table, or a `groups` array in JSON.
    let grouping: GroupKind?
    let format: FramePrinter.Format
    let selection: RowSelection
    /// `-o/--fields`; nil for each format's own columns.
    let fields: [OutputField]?
    /// `--textfile`: each frame replaces this file instead of going to stdout.
    let textfile: TextfileWriter?
    /// `--record`: every printed sample is also appended there; with `--batch` (text)
    /// nothing is printed, which makes swtop a headless recorder.
    var recording: RecordingFile? = nil

    /// Returns the exit status.
    func run() -> Int32 {
        // RES and SHR are printed for every row, so statm is read for all; JSON gives
        // every process's cgroup, container and unit.
        var options = ScanOptions(readsStatm: true)
        options.readsCgroups =
            (fields.map { !Set($0).isDisjoint(with: [.cgroup, .container, .unit]) } ?? (format == .json))
            || selection.filter.readsCgroups || grouping?.readsCgroups == true
        // JSON gives every process's I/O; text reads it to order by it or to show it (-o).
        let shown = fields ?? []
        options.readsIO =
            format == .json || ordering.key.isIO || selection.filter.readsIO || shown.contains(where: \.readsIO)
        // JSON gives every process's TCP rates and, where a GPU exists, its GPU use.
        options.readsNetwork =
            format == .json || ordering.key.isNetwork || selection.filter.readsNetwork
            || shown.contains(where: \.readsNetwork)
        // Without a DRM device there is no GPU use to read: null, not 0.
        options.readsGPU =
            DRMDevices.exist(in: procFS)
            && (format == .json || ordering.key.isGPU || selection.filter.readsGPU || shown.contains(where: \.readsGPU))
        // The machine-wide meters: a few files per refresh, not per process.
        options.readsDiskActivity = true
        options.readsNetworkActivity = true
        options.readsPressure = true
        options.readsTemperatures = true
        let sampler = Sampler(procFS: procFS, interval: delay, options: options)
        sampler.start()
        defer { sampler.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let printer = FramePrinter(
            format: format, ordering: ordering, grouping: grouping, selection: selection,
            fields: fields)
        // Generation 1 has nothing to compare against: wait for the second.
        var generation: UInt64 = 1
        var printed = 0
        while iterations.map({ printed < $0 }) ?? true {
            guard let snapshot = sampler.waitForSnapshot(newerThan: generation) else { return 0 }
            generation = snapshot.generation
            if let recording {
                if let problem = recording.append(snapshot) {
                    StandardStream.error("swtop: --record: \(problem)\n")
                    return 1
                }
                if format == .text {
                    printed += 1
                    continue
                }
            }
            let frame = printer.frame(snapshot, index: printed)
            if let textfile {
                do {
                    try textfile.write(frame)
                } catch {
                    StandardStream.error("swtop: \(TerminalText.escape(error.description))\n")
                    return 1
                }
                printed += 1
                continue
            }
            // The reader went away (`| head`) or the output failed: nothing left to do.
            if let status = StandardStream.output(frame) { return status }
            printed += 1
        }
        return 0
    }
}
