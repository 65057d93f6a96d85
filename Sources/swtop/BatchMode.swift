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

    func run() {
        // SHR is a table column here, printed for every row, so statm is read for all.
        let sampler = Sampler(procFS: procFS, interval: delay, options: ScanOptions(readsSharedMemory: true))
        sampler.start()
        defer { sampler.stop(waitingAtMost: 1) } // a sampler stuck in a read must not keep swtop from exiting
        let text = BatchTextRenderer(ordering: ordering)
        let json = JSONFrameEncoder(ordering: ordering)
        // Generation 1 has nothing to compare against: wait for the second.
        var generation: UInt64 = 1
        var printed = 0
        while iterations.map({ printed < $0 }) ?? true {
            guard let snapshot = sampler.waitForSnapshot(newerThan: generation) else { return }
            generation = snapshot.generation
            let frame = switch format {
            case .text: (printed > 0 ? "\n" : "") + text.render(snapshot)
            case .json: json.encode(snapshot) + "\n"
            }
            // The reader went away (`| head` with SIGPIPE ignored): nothing left to do.
            guard StandardStream.output(frame) else { return }
            printed += 1
        }
    }
}
