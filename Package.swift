// swift-tools-version:6.0
import PackageDescription

/// The functions an interactive session runs, hottest first (scripts/link-order writes it,
/// and `scripts/link-order --check` tells how many of them the current code still has).
let linkOrder = String(#filePath.dropLast("Package.swift".count)) + "scripts/link-order.txt"

/// The settings of every module linked into swtop. Each function in a section of its own
/// (release), so that the link order can place it; and no merging of identical functions,
/// which leaves unnamed thunks behind that no order can name (each one alone in a cold
/// 64 KiB block costs that block). And no implicit `import _StringProcessing`
/// (all configurations, so that a debug build rejects what the release one would link): its
/// string algorithms and regex engine, with _RegexParser, cost a quarter MiB resident.
let swtopModule: [SwiftSetting] = [
    .unsafeFlags(
        ["-Xfrontend", "-function-sections", "-Xfrontend", "-disable-llvm-merge-functions-pass"],
        .when(configuration: .release)),
    .unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import"]),
]

// Layers point one way: swtop → SwtopTerminal → SwtopUI → SwtopCore.
// Only SwtopTerminal sees curses. No package dependencies: swift-argument-parser
// brought FoundationEssentials along, a third of swtop's resident memory.
let package = Package(
    name: "swtop",
    products: [
        .executable(name: "swtop", targets: ["swtop"])
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            path: "Modules/CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(name: "CProcessControl", path: "Modules/CProcessControl"),
        .systemLibrary(name: "CNameService", path: "Modules/CNameService"),
        .systemLibrary(name: "CMalloc", path: "Modules/CMalloc"),
        // Recordings: each record is one zstd frame.
        .systemLibrary(name: "CZstd", path: "Modules/CZstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "SwtopCore", dependencies: ["CProcessControl", "CNameService", "CZstd"], swiftSettings: swtopModule),
        .target(name: "SwtopUI", dependencies: ["SwtopCore"], swiftSettings: swtopModule),
        .target(name: "SwtopTerminal", dependencies: ["SwtopCore", "SwtopUI", "CNCurses"], swiftSettings: swtopModule),
        .executableTarget(
            name: "swtop",
            dependencies: ["SwtopCore", "SwtopUI", "SwtopTerminal", "CMalloc"],
            swiftSettings: swtopModule,
            // The release build is one static executable: no shared library is loaded,
            // which saves about 2.5 MiB of resident memory (see NameService for what
            // that asks of user lookups). lld, which comes with Swift, links it, with
            // the code a session runs side by side: another 1.5 MiB less.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-executable", "-use-ld=lld",
                        "-Xlinker", "--symbol-ordering-file=\(linkOrder)", "-Xlinker", "--no-warn-symbol-ordering",
                    ], .when(configuration: .release))
            ]
        ),
        // What the end-to-end tests and the bench both need to drive processes and
        // terminals from outside (spawning, tmux, their own reading of /proc). It uses
        // SwtopCore's monotonic clock only, none of its parsers.
        .target(name: "SwtopHarness", dependencies: ["SwtopCore"]),
        .executableTarget(name: "swtop-bench", dependencies: ["SwtopCore", "SwtopHarness"]),
        .testTarget(name: "SwtopCoreTests", dependencies: ["SwtopCore"], exclude: ["Fixtures"]),
        .testTarget(name: "SwtopUITests", dependencies: ["SwtopUI"]),
        .testTarget(name: "SwtopTerminalTests", dependencies: ["SwtopTerminal"]),
        .testTarget(name: "SwtopHarnessTests", dependencies: ["SwtopHarness"]),
        .testTarget(name: "SwtopEndToEndTests", dependencies: ["swtop", "SwtopHarness"]),
    ],
    swiftLanguageModes: [.v6]
)
