import SwtopCore
import SwtopUI

/// The process the inspect pages look at. Reads what the open page needs, on the
/// main thread (it is one process, and the sampler never pays for these files);
/// keeps the last of it once the process has exited; follows its output while
/// the output page is open, and closes those files when it is left.
final class InspectSession {
    private let procFS: ProcFS
    private let inspector: ProcessInspector
    private let controller: ProcessController
    private var follower: OutputFollower?
    private(set) var data: InspectData

    var target: ProcessTarget { data.target }

    init(target: ProcessTarget, procFS: ProcFS) {
        self.procFS = procFS
        inspector = ProcessInspector(procFS: procFS)
        controller = ProcessController(procFS: procFS)
        data = InspectData(target: target)
    }

    /// Reads `page` again: at each new snapshot, and when a page opens.
    func refresh(_ page: InspectView.Page) {
        if page != .output, follower != nil {
            follower = nil
            data.output = nil
        }
        guard !data.hasExited else { return }
        switch page {
        case .detail:
            switch inspector.inspect(pid: target.pid, startTicks: target.startTicks, previous: data.inspection) {
            case .inspected(let inspection): data.inspection = inspection
            case .exited: data.hasExited = true
            }
        case .environment:
            let read = inspector.environment(pid: target.pid, startTicks: target.startTicks)
            if keeps(read) { data.environment = read }
        case .descriptors:
            let read = inspector.openDescriptors(pid: target.pid, startTicks: target.startTicks)
            if keeps(read) { data.descriptors = read }
        case .output:
            _ = pollOutput()
        }
    }

    /// New lines from the followed files; true when the page changed.
    func pollOutput() -> Bool {
        guard !data.hasExited else { return false }
        let follower = self.follower ?? OutputFollower(procFS: procFS, pid: target.pid, startTicks: target.startTicks)
        if self.follower == nil {
            self.follower = follower
            data.output = OutputLog(targets: follower.targets)
        }
        let events = follower.poll()
        guard !events.isEmpty else { return false }
        data.output?.apply(events)
        if events.contains(.exited) { data.hasExited = true }
        return true
    }

    /// A read that found nothing because the process is gone leaves the last one shown.
    private func keeps<Value>(_ read: Readable<Value>) -> Bool {
        if case .unavailable = read, !controller.isAlive(target) {
            data.hasExited = true
            return false
        }
        return true
    }
}
