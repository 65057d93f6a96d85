import Glibc
import SwtopHarness

/// What recording cost at one level, beside atop recording the same machine at the
/// same interval over the same time.
struct RecordMeasurement {
    var processes: Int
    var samples: Int
    var atopBytes: Int?
    var swtopBytes: Int?
    /// CPU of the two recorders, from their rusage once reaped.
    var atopCPUMilliseconds: Double?
    var recorderCPUMilliseconds: Double?
    /// CPU per refresh of the live view without and with `--record`, side by side.
    var viewMillisecondsPerRefresh: Double?
    var recordingViewMillisecondsPerRefresh: Double?
}

/// `swtop-bench record`: at each level, for `--records` samples every `--interval`
/// seconds, runs at the same time `atop -w FILE INTERVAL N`, the headless recorder
/// `swtop --record FILE --batch -d INTERVAL -n N`, and two live views in tmux, one of
/// them recording. Prints bytes per sample and CPU per sample of the two recorders,
/// and what `--record` adds to the live view. Returns the exit status.
func runRecord(_ arguments: Arguments) -> Int32 {
    let setup: SwtopInTmux
    do {
        setup = try SwtopInTmux.prepare(mode: "record", swtopPath: arguments.swtopPath)
    } catch {
        return error.status
    }
    guard let atop = Spawn.executable("atop") else {
        progress("atop is not installed (apt-get install atop): it is what swtop's recording is measured beside")
        return 1
    }
    let (results, status) = measureEachLevel(arguments.levels) { farm, present throws(Interrupted) in
        progress(
            "level \(present) processes: recording \(arguments.records) samples every \(arguments.interval) s "
                + "(about \((arguments.records - 1) * arguments.interval + 10) s)")
        let run = RecordRun(
            tmux: setup.tmux, atop: atop, swtop: setup.swtop, interval: arguments.interval, samples: arguments.records,
            farmChildren: Set(farm.children))
        var measurement = try run.measure()
        measurement.processes = present
        return measurement
    }
    if !results.isEmpty { print(RecordReport.markdown(results, interval: arguments.interval)) }
    return status
}
