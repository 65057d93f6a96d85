import Glibc
import SwtopTerminal
import SwtopUI

/// Every failure is one line on stderr (`swtop: …`): exit status 64 (EX_USAGE)
/// for a command line that cannot be followed, never a usage dump or a stack trace.
@main
enum EntryPoint {
    static let usageStatus: Int32 = 64

    static func main() {
        AllocatorSettings.apply()
        StandardStream.holdClosedDescriptors()
        let request: LaunchRequest
        do {
            request = try OptionParser.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            fail(error.description, status: usageStatus)
        }
        switch request {
        case .help:
            exit(StandardStream.output(HelpText.text) ?? 0)
        case .completions(let shell):
            exit(StandardStream.output(CompletionScript.text(for: shell)) ?? 0)
        case .version:
            exit(StandardStream.output("swtop \(Swtop.version) (\(CursesLibrary.version))\n") ?? 0)
        case .run(let options):
            let swtop: Swtop
            do {
                swtop = try Swtop(checking: options)
            } catch {
                fail(error.description, status: usageStatus)
            }
            do {
                exit(try swtop.run())
            } catch {
                fail(error.message, status: error.status)
            }
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        StandardStream.error("swtop: \(message)\n")
        exit(status)
    }
}

/// A failure at run time, reported as one line with its own exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32 = 1
}
