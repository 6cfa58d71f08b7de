// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "NetTUI",
    products: [
        .executable(name: "nettui", targets: ["NetTUI"]),
        .library(name: "NetModel", targets: ["NetModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc", providers: [.apt(["libmimalloc-dev"]), .brew(["mimalloc"])]),
        // The signal handlers and their flag, defined once in C (see its header).
        .target(name: "CTerminal", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "NetModel"),
        .executableTarget(
            name: "NetTUI",
            dependencies: [
                "NetModel", "CNcurses", "CTerminal", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "StressSave", dependencies: ["NetModel"]),
        .target(name: "TestSupport", dependencies: ["NetModel"], path: "Tests/TestSupport"),
        .testTarget(name: "NetModelTests", dependencies: ["NetModel", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NetTUITests", dependencies: ["NetTUI", "NetModel", "TestSupport"]),
    ]
)
