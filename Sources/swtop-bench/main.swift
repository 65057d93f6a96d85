import Glibc
import SwtopCore

// swtop-bench: what one swtop sample costs, next to the least any monitor could
// pay, at process counts it creates itself; or, with `monitors`, what swtop and
// the other interactive monitors cost as they run; or, with `huge`, how quickly
// swtop answers a key on a huge system. See `Arguments.usage`.

/// sysexits.h: the command line was wrong.
let exitUsage: Int32 = 64

func fail(_ message: String, status: Int32) -> Never {
    progress(message)
    exit(status)
}

/// One line on stderr, written straight to fd 2 (Swift 6 rejects the `stderr`
/// global as shared mutable state), so stdout stays the clean Markdown table.
func progress(_ message: String) {
    var line = "swtop-bench: \(message)\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// Runs every level and prints the table of what was measured, also when a later
/// level fails. Returns the exit status. The children are gone when it returns.
func run(_ arguments: Arguments, procFS: ProcFS) -> Int32 {
    let farm: ProcessFarm
    do {
        farm = try ProcessFarm(root: procFS.root)
    } catch {
        progress(error.description)
        return error.isUsageError ? exitUsage : 1
    }
    defer { farm.killAll() }
    let sockets: SocketFarm
    do {
        sockets = try SocketFarm(sockets: arguments.sockets)
    } catch {
        progress(error.description)
        return 1
    }
    defer { sockets.closeAll() }

    let benchmark = Benchmark(procFS: procFS, samples: arguments.samples)
    var results: [LevelResult] = []
    var status: Int32 = 0
    for level in arguments.levels {
        do {
            let present = try farm.adjust(toTotal: level)
            progress("level \(level): \(present) processes (\(farm.children.count) ours), measuring")
        } catch {
            progress("level \(level): \(error.description)")
            status = 1
            break
        }
        results.append(benchmark.measure(level: level))
    }
    farm.killAll()
    if !results.isEmpty {
        print(
            Report.markdown(
                results, samples: arguments.samples,
                firstSampleReaders: benchmark.firstSampleReaders, sockets: sockets.sockets))
    }
    return status
}

let arguments: Arguments
do {
    arguments = try Arguments(parsing: Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error.message, status: exitUsage)
}
if arguments.showsHelp {
    print(Arguments.usage)
    exit(0)
}
switch arguments.mode {
case .sample:
    let procFS = ProcFS(root: arguments.procRoot)
    do {
        try procFS.validate()
    } catch {
        fail(error.description, status: exitUsage)
    }
    SignalCleanup.install()
    exit(run(arguments, procFS: procFS))
case .monitors:
    SignalCleanup.install()
    exit(runMonitors(arguments))
case .huge:
    SignalCleanup.install()
    exit(runHuge(arguments))
case .record:
    SignalCleanup.install()
    exit(runRecord(arguments))
case .replay:
    SignalCleanup.install()
    exit(runReplay(arguments))
}
