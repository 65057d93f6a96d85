import Glibc
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

    /// The most bytes read from all watched files in one round: what does not fit
    /// is skipped and said so. Escaped, a byte prints as at most four characters.
    static let roundBudget = 1 << 20
    /// Processes passed over are looked at again every this many rounds: cron, sshd
    /// and su start as root and become their user later.
    static let roundsBetweenSecondLooks = 5

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
        let pipeline = OwnPipeline()
        // A program reading the output gets every `\` doubled: the rest are escapes.
        let doublesBackslashes = isatty(STDOUT_FILENO) != 1
        let ownPID = getpid()
        var watches: [Int32: Watch] = [:]
        /// PIDs looked at and left out (kernel threads, other users), until they leave
        /// the listing or the next second look.
        var passedOver: Set<Int32> = []
        let named = pids.map(Set.init)
        var namedLeft = named ?? []
        var round = 0

        while true {
            round += 1
            if round % Self.roundsBetweenSecondLooks == 0 { passedOver.removeAll(keepingCapacity: true) }
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
                if pipeline.includes(process, discovery: discovery) {
                    passedOver.insert(pid)
                    if round == 1, named != nil {
                        StandardStream.error("swtop: --pid: \(pid) reads or shares swtop's own output: not watched\n")
                    }
                    continue
                }
                let follower = OutputFollower(
                    procFS: procFS, pid: pid, startTicks: process.startTicks, start: .end,
                    doublesBackslashes: doublesBackslashes, registry: registry)
                // Another user's process, to a user who may not look at its descriptors:
                // asking every round would never give another answer.
                if named == nil, OutputStream.allCases.allSatisfy({ follower.targets[$0] == .notPermitted }) {
                    passedOver.insert(pid)
                    continue
                }
                let watch = Watch(
                    follower: follower, label: "[\(pid) \(TerminalText.escape(process.comm))]",
                    isNamed: named != nil)
                watches[pid] = watch
                if watch.isNamed, let status = StandardStream.output(describeTargets(of: watch)) { return status }
            }
            if round == 1, let named {
                for pid in named.subtracting(watches.keys).subtracting(passedOver).sorted() {
                    StandardStream.error("swtop: --pid: no process \(pid)\(userID == nil ? "" : " of that user")\n")
                }
                namedLeft = Set(watches.keys)
                if namedLeft.isEmpty { return 1 }
            }

            let budget = ReadBudget(bytes: Self.roundBudget)
            for pid in watches.keys.sorted() {
                guard let watch = watches[pid] else { continue }
                // One write per watch: a reader sees whole lines, in order, and swtop
                // never holds more than one process's part of a round.
                let text = report(watch.follower.poll(budget: budget), of: watch)
                if !text.isEmpty, let status = StandardStream.output(text) { return status }
                if watch.follower.hasExited {
                    watches[pid] = nil
                    namedLeft.remove(pid)
                }
            }
            if named != nil, namedLeft.isEmpty { return 0 }
            if let signal = waitForNextRound(signals: signals) { return 128 + signal }
        }
    }

    /// The lines and changes of one poll, each line prefixed and escaped.
    private func report(_ events: [OutputEvent], of watch: Watch) -> String {
        var text = ""
        for event in events {
            switch event {
            case .line(let stream, let line, let isCut):
                let prefix = stream == .standardError ? String(watch.label.dropLast()) + " stderr]" : watch.label
                text += prefix + " " + OutputLineText.escape(line, isCut: isCut) + (isCut ? "…" : "") + "\n"
                watch.hasSpoken = true
            case .skipped(let stream, let bytes):
                let prefix = stream == .standardError ? String(watch.label.dropLast()) + " stderr]" : watch.label
                text += "\(prefix) … \(bytes) bytes skipped\n"
            case .truncated(let stream):
                text += "\(watch.label) (\(stream.name) was truncated: reading it from the start)\n"
            case .retargeted(let stream, let target):
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
