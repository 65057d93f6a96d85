import Glibc
import SwtopCore
import SwtopUI

/// `--replay FILE --batch|--json|--csv|--openmetrics`: the recorded frames, printed as the live modes
/// print theirs, between `--begin` and `--end`. Damage is reported on stderr as it is
/// met, and the samples around it are printed.
struct ReplayBatchMode {
    let reader: RecordingReader
    let begin: Double?
    let end: Double?
    let iterations: Int?
    let printer: FramePrinter

    func run() -> Int32 {
        var printed = 0
        var status: Int32?
        var reported = 0
        func reportWarnings() {
            for warning in reader.warnings.dropFirst(reported) { StandardStream.error("swtop: \(warning)\n") }
            reported = reader.warnings.count
        }
        reportWarnings()
        // A day of samples is not decoded to print its last hour.
        let start = begin.map(reader.startIndex(forSamplesFrom:)) ?? 0
        reader.forEachSnapshot(from: start) { snapshot in
            reportWarnings()
            if let begin, snapshot.timestamp < begin { return true }
            if let end, snapshot.timestamp > end { return false }
            if let failure = StandardStream.output(printer.frame(snapshot, index: printed)) {
                status = failure
                return false
            }
            printed += 1
            return iterations.map { printed < $0 } ?? true
        }
        reportWarnings()
        return status ?? 0
    }
}
