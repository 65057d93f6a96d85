#if canImport(Glibc)
import Glibc
#endif
import SwtopCore
import SwtopTerminal
import SwtopUI

/// `--watch-output`: prints every new line that the watched processes write to a
/// stdout or stderr that is a regular file, as `[PID comm] line`, until
/// interrupted. New processes are found at every delay; pipes, sockets and
/// terminals are never read (see `OutputFollower`).
struct WatchOutputMode {
    let procFS: ProcFS
    let delay: Double
    /// Only processes whose effective user is this one.
    let userID: UInt32?
    /// Only these processes; the mode ends once all of them have.
    let pids: [Int32]?

    /// One process being watched.
    private final class Watch {
        let follower: OutputFollower
        let label: String
        /// Named on the command line: its targets and its exit are always told.
        let isNamed: Bool
        /// Printed at least one line: its exit is worth telling.
        var hasSpoken = false

        init(follower: OutputFollower, label: String, isNamed: Bool) {
            self.follower = follower
            self.label = label
            self.isNamed = isNamed
        }
    }

    /// Returns the exit status.
    func run() -> Int32 {
        Self.raiseDescriptorLimit()
        let signals = TerminationSignals.install()
        let discovery = ProcessDiscovery(procFS: procFS)
        let registry = OutputFileRegistry()
        // Following swtop's own output would print every line again, forever.
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] {
            if let own = FileIdentity(descriptor: descriptor) { registry.reserve(own) }
        }
        let ownPID = getpid()
        var watches: [Int32: Watch] = [:]
        /// PIDs looked at and left out (kernel threads, other users), until they leave the listing.
        var passedOver: Set<Int32> = []
        let named = pids.map(Set.init)
        var namedLeft = named ?? []
        var isFirstRound = true

        while true {
            var text = ""
            let listed = discovery.pids()
            let present = Set(listed)
            passedOver.formIntersection(present)
            for pid in listed where watches[pid] == nil && !passedOver.contains(pid) && pid != ownPID {
                if let named, !named.contains(pid) { continue }
                guard let process = discovery.describe(pid: pid) else { continue }
                if process.isKernelThread || userID.map({ $0 != process.effectiveUID }) == true {
                    passedOver.insert(pid)
                    continue
                }
                let follower = OutputFollower(procFS: procFS, pid: pid, startTicks: process.startTicks, start: .end,
                                              registry: registry)
                // Another user's process, to a user who may not look at its descriptors:
                // asking again every round would never give another answer.
                if named == nil, OutputStream.allCases.allSatisfy({ follower.targets[$0] == .notPermitted }) {
                    passedOver.insert(pid)
                    continue
                }
                let watch = Watch(follower: follower, label: "[\(pid) \(TerminalText.escape(process.comm))]",
                                  isNamed: named != nil)
                watches[pid] = watch
                if watch.isNamed { text += describeTargets(of: watch) }
            }
            if isFirstRound, let named {
                for pid in named.subtracting(watches.keys).sorted() {
                    StandardStream.error("swtop: --pid: no process \(pid)\(userID == nil ? "" : " of that user")\n")
                }
                namedLeft = Set(watches.keys)
                if namedLeft.isEmpty { return 1 }
            }
            isFirstRound = false

            for pid in watches.keys.sorted() {
                guard let watch = watches[pid] else { continue }
                text += report(watch.follower.poll(), of: watch)
                if watch.follower.hasExited {
                    watches[pid] = nil
                    namedLeft.remove(pid)
                }
            }
            // One write per round: a reader sees whole lines, in order.
            if !text.isEmpty, let status = StandardStream.output(text) { return status }
            if named != nil, namedLeft.isEmpty { return 0 }
            if let signal = waitForNextRound(signals: signals) { return 128 + signal }
        }
    }

    /// The lines and changes of one poll, each line prefixed and escaped.
    private func report(_ events: [OutputEvent], of watch: Watch) -> String {
        var text = ""
        for event in events {
            switch event {
            case let .line(stream, line, isCut):
                let prefix = stream == .standardError ? String(watch.label.dropLast()) + " stderr]" : watch.label
                text += prefix + " " + TerminalText.escape(line) + (isCut ? "…" : "") + "\n"
                watch.hasSpoken = true
            case .truncated(let stream):
                text += "\(watch.label) (\(stream.name) was truncated: reading it from the start)\n"
            case let .retargeted(stream, target):
                guard watch.isNamed || watch.hasSpoken || target.isFollowed else { continue }
                text += "\(watch.label) (\(stream.name) is now \(TerminalText.escape(target.description)))\n"
            case .exited:
                if watch.isNamed || watch.hasSpoken { text += "\(watch.label) exited\n" }
            }
        }
        return text
    }

    private func describeTargets(of watch: Watch) -> String {
        OutputStream.allCases.map { stream in
            let target = watch.follower.targets[stream].map { TerminalText.escape($0.description) } ?? "unknown"
            return "\(watch.label) (\(stream.name): \(target))\n"
        }.joined()
    }

    /// Sleeps one delay; the signal that ended the wait, if one did.
    private func waitForNextRound(signals: Int32) -> Int32? {
        var descriptor = pollfd(fd: signals, events: Int16(POLLIN), revents: 0)
        let deadline = MonotonicClock.nanoseconds() + UInt64(delay * 1e9)
        while true {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline else { return nil }
            let milliseconds = Int32(min(Double(Int32.max), (Double(deadline - now) / 1e6).rounded(.up)))
            if poll(&descriptor, 1, milliseconds) > 0 { return TerminationSignals.pending() }
        }
    }

    /// Every followed file holds a descriptor: lift the soft limit to the hard one.
    private static func raiseDescriptorLimit() {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }
}
