import SwtopCore
import SwtopUI

/// `--batch` and `--json`: frames on stdout for scripts, each from a real delta, so
/// the first one comes after one delay.
struct BatchMode {
    enum Format { case text, json }

    let procFS: ProcFS
    let delay: Double
    let iterations: Int?
    let ordering: ProcessOrdering
    /// `--group`: the group table, or a `groups` array in JSON.
    let grouping: GroupKind?
    let format: Format
    /// `--record`: every printed sample is also appended there; with `--batch` (text)
    /// nothing is printed, which makes swtop a headless recorder.
    var recording: RecordingFile? = nil

    /// Returns the exit status.
    func run() -> Int32 {
        // RES and SHR are printed for every row, so statm is read for all; JSON gives
        // every process's cgroup, container and unit.
        var options = ScanOptions(readsStatm: true)
        options.readsCgroups = format == .json || grouping?.readsCgroups == true
        let sampler = Sampler(procFS: procFS, interval: delay, options: options)
        sampler.start()
        defer { sampler.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let text = BatchTextRenderer(ordering: ordering, grouping: grouping)
        let json = JSONFrameEncoder(ordering: ordering, grouping: grouping)
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
            let frame = switch format {
            case .text: (printed > 0 ? "\n" : "") + text.render(snapshot)
            case .json: json.encode(snapshot) + "\n"
            }
            // The reader went away (`| head`) or the output failed: nothing left to do.
            if let status = StandardStream.output(frame) { return status }
            printed += 1
        }
        return 0
    }
}
