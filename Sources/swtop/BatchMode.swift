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
    let format: Format

    /// Returns the exit status.
    func run() -> Int32 {
        // RES and SHR are printed for every row, so statm is read for all; JSON gives
        // every process's cgroup, container and unit.
        var options = ScanOptions(readsStatm: true)
        options.readsCgroups = format == .json
        // JSON gives every process's I/O; text reads it only to order by it.
        options.readsIO = format == .json || [.io, .ioRead, .ioWrite, .ioReadTotal, .ioWriteTotal].contains(ordering.key)
        // The machine-wide meters: a few files per refresh, not per process.
        options.readsDiskActivity = true
        options.readsNetworkActivity = true
        options.readsPressure = true
        options.readsTemperatures = true
        let sampler = Sampler(procFS: procFS, interval: delay, options: options)
        sampler.start()
        defer { sampler.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let text = BatchTextRenderer(ordering: ordering)
        let json = JSONFrameEncoder(ordering: ordering)
        // Generation 1 has nothing to compare against: wait for the second.
        var generation: UInt64 = 1
        var printed = 0
        while iterations.map({ printed < $0 }) ?? true {
            guard let snapshot = sampler.waitForSnapshot(newerThan: generation) else { return 0 }
            generation = snapshot.generation
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
