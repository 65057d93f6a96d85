import Glibc
import SwtopHarness

/// What the modes that drive swtop in tmux (huge, record, replay) need before they
/// start: tmux, the swtop to measure, and a bench that a reader going away or a
/// helper outliving its parent cannot stop from tidying up.
struct SwtopInTmux {
    let tmux: String
    let swtop: String

    /// The exit status to return, after a progress line that says why.
    struct Failure: Error {
        let status: Int32
    }

    static func prepare(mode: String, swtopPath: String?) throws(Failure) -> SwtopInTmux {
        guard let tmux = Spawn.executable("tmux") else {
            progress("tmux is not installed: `swtop-bench \(mode)` runs swtop in a detached tmux session")
            throw Failure(status: 1)
        }
        let located: String?
        do {
            located = try Monitor.locateSwtop(explicitPath: swtopPath)
        } catch {
            progress(error.message)
            throw Failure(status: exitUsage)
        }
        guard let swtop = located else { throw Failure(status: 1) }
        // As in the monitors mode: a reader that goes away must not stop the cleanup.
        signal(SIGPIPE, SIG_IGN)
        _ = Orphans.adopt()
        return SwtopInTmux(tmux: tmux, swtop: swtop)
    }
}
