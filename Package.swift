// swift-tools-version:6.0
import PackageDescription

// The layers, each depending only on those above it in this list (docs/ARCHITECTURE.md):
//   Plumbing        bytes, threads, file I/O, hashing, random: the only Swift target besides
//                   NetStore where `Unsafe*`, `madvise`, `dlsym` and `@unchecked Sendable` appear
//   NetModel        the document, the product's rules, the indexes they read, the demo, the merge
//   NetStore        the data file: validating and fast codecs, atomic saves, the lock
//   NetInterchange  import and export (vCard, LinkedIn and Google CSV)
//   NetTUI          the program (the only target that sees curses, through CNcurses and CTerminal)
let package = Package(
    name: "NetTUI",
    products: [
        .executable(name: "nettui", targets: ["NetTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc", providers: [.apt(["libmimalloc-dev"]), .brew(["mimalloc"])]),
        // The signal handlers and their flag, defined once in C (see its header).
        .target(name: "CTerminal", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "Plumbing"),
        .target(name: "NetModel", dependencies: ["Plumbing"]),
        .target(name: "NetStore", dependencies: ["NetModel", "Plumbing"]),
        .target(name: "NetInterchange", dependencies: ["NetModel", "NetStore", "Plumbing"]),
        .executableTarget(
            name: "NetTUI",
            dependencies: [
                "Plumbing", "NetModel", "NetStore", "NetInterchange", "CNcurses", "CTerminal", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test tools and tests.
        .executableTarget(name: "StressSave", dependencies: ["NetModel", "NetStore"], path: "Tests/StressSave"),
        .target(name: "TestSupport", dependencies: ["Plumbing", "NetModel", "NetStore", "NetInterchange"], path: "Tests/TestSupport"),
        .testTarget(name: "NetModelTests", dependencies: ["Plumbing", "NetModel", "NetStore", "NetInterchange", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NetTUITests", dependencies: ["NetTUI", "Plumbing", "NetModel", "NetStore", "NetInterchange", "TestSupport"]),
    ]
)
