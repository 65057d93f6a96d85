// swift-tools-version:6.0
import PackageDescription

// Layers point one way: swtop → SwtopTerminal → SwtopUI → SwtopCore.
// Only SwtopTerminal sees curses; only the executable sees ArgumentParser.
let package = Package(
    name: "swtop",
    products: [
        .executable(name: "swtop", targets: ["swtop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            path: "Modules/CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "SwtopCore"),
        .target(name: "SwtopUI", dependencies: ["SwtopCore"]),
        .target(name: "SwtopTerminal", dependencies: ["SwtopCore", "SwtopUI", "CNCurses"]),
        .executableTarget(
            name: "swtop",
            dependencies: [
                "SwtopCore", "SwtopUI", "SwtopTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "swtop-bench", dependencies: ["SwtopCore"]),
        .testTarget(name: "SwtopCoreTests", dependencies: ["SwtopCore"]),
        .testTarget(name: "SwtopUITests", dependencies: ["SwtopUI"]),
        .testTarget(name: "SwtopEndToEndTests", dependencies: ["swtop"]),
    ],
    swiftLanguageModes: [.v6]
)
