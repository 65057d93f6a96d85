// swift-tools-version:6.0
import PackageDescription

// Layers point one way: swtop → SwtopTerminal → SwtopUI → SwtopCore.
// Only SwtopTerminal sees curses. No package dependencies: swift-argument-parser
// brought FoundationEssentials along, a third of swtop's resident memory.
let package = Package(
    name: "swtop",
    products: [
        .executable(name: "swtop", targets: ["swtop"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            path: "Modules/CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(name: "CProcessControl", path: "Modules/CProcessControl"),
        .target(name: "SwtopCore", dependencies: ["CProcessControl"]),
        .target(name: "SwtopUI", dependencies: ["SwtopCore"]),
        .target(name: "SwtopTerminal", dependencies: ["SwtopCore", "SwtopUI", "CNCurses"]),
        .executableTarget(
            name: "swtop",
            dependencies: ["SwtopCore", "SwtopUI", "SwtopTerminal"]
        ),
        .executableTarget(name: "swtop-bench", dependencies: ["SwtopCore"]),
        .testTarget(name: "SwtopCoreTests", dependencies: ["SwtopCore"]),
        .testTarget(name: "SwtopUITests", dependencies: ["SwtopUI"]),
        .testTarget(name: "SwtopEndToEndTests", dependencies: ["swtop"]),
    ],
    swiftLanguageModes: [.v6]
)
