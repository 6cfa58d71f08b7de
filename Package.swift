// swift-tools-version:6.0
import PackageDescription

// The layers, each depending only on those above it in this list (docs/ARCHITECTURE.md):
//   Plumbing        bytes, threads, file I/O, hashing, random: the only Swift target besides
//                   NetStore where `Unsafe*`, `madvise`, `dlsym` and `@unchecked Sendable` appear
//   NetModel        the document, the product's rules, the indexes they read, the demo, the merge
//   NetStore        the data file: validating and fast codecs, atomic saves, the lock
//   NetInterchange  import and export (vCard, LinkedIn and Google CSV)
//   NetTUI          the program (the only target that sees curses, through CNcurses and CTerminal)
// The layers are modules, and a call into another module is not inlined or specialised unless the
// compiler may see the callee's body: the release build optimises across them (the hot loops of
// the codecs, the import and the rules call Plumbing's small helpers millions of times).
let acrossModules: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

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
        .target(name: "Plumbing", swiftSettings: acrossModules),
        .target(name: "NetModel", dependencies: ["Plumbing"], swiftSettings: acrossModules),
        .target(name: "NetStore", dependencies: ["NetModel", "Plumbing"], swiftSettings: acrossModules),
        .target(name: "NetInterchange", dependencies: ["NetModel", "NetStore", "Plumbing"], swiftSettings: acrossModules),
        .executableTarget(
            name: "NetTUI",
            dependencies: [
                "Plumbing", "NetModel", "NetStore", "NetInterchange", "CNcurses", "CTerminal", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: acrossModules
        ),
        // Test tools and tests.
        .executableTarget(name: "StressSave", dependencies: ["NetModel", "NetStore"], path: "Tests/StressSave"),
        .target(name: "TestSupport", dependencies: ["Plumbing", "NetModel", "NetStore", "NetInterchange"], path: "Tests/TestSupport"),
        .testTarget(name: "NetModelTests", dependencies: ["Plumbing", "NetModel", "NetStore", "NetInterchange", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NetTUITests", dependencies: ["NetTUI", "Plumbing", "NetModel", "NetStore", "NetInterchange", "TestSupport"]),
    ]
)
