// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Epreuve",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "epreuve", targets: ["epreuve"]),
        .executable(name: "epreuve-center", targets: ["epreuve-center"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        // Headers only: Speech opens libespeak-ng at run time, so a terminal without it still starts.
        .systemLibrary(
            name: "CEspeakNG",
            providers: [.apt(["libespeak-ng-dev"])]
        ),
        .target(
            name: "ExamKit",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        .target(
            name: "ExamContent",
            dependencies: ["ExamKit", "Yams", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "CenterService",
            dependencies: [
                "ExamKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "CenterWire",
            dependencies: ["ExamKit"]
        ),
        .target(
            name: "ExamStore",
            dependencies: [
                "ExamKit", "CenterService",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "CenterPostgres",
            dependencies: [
                "ExamKit", "CenterService",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ExamDelivery",
            dependencies: ["ExamKit", "ExamStore", "CenterService", "CenterWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "CenterServer",
            dependencies: [
                "ExamKit", "CenterService", "CenterWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "CTextWidth"),
        .target(name: "CThreadPlacement"),
        .target(
            name: "CommandLineKit",
            dependencies: ["ExamKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "Documents",
            dependencies: ["CPangoCairo", "ExamKit"]
        ),
        .target(
            name: "CenterDocuments",
            dependencies: ["CenterService", "Documents", "ExamKit"]
        ),
        .target(
            name: "TerminalUI",
            dependencies: ["ExamKit", "Yams", "CTextWidth"]
        ),
        .target(
            name: "Curses",
            dependencies: ["CNcursesw", "TerminalUI"]
        ),
        .target(
            name: "TerminalRuntime",
            dependencies: ["ExamKit", "ExamStore", "ExamDelivery", "TerminalUI", "Speech"]
        ),
        .target(
            name: "ConsoleUI",
            dependencies: ["ExamKit", "CenterService", "TerminalUI", "TerminalRuntime"]
        ),
        .target(
            name: "Speech",
            dependencies: ["CEspeakNG"]
        ),
        .executableTarget(
            name: "epreuve",
            dependencies: [
                "ExamKit", "ExamContent", "ExamStore", "CenterService", "ExamDelivery", "TerminalUI", "TerminalRuntime", "Curses", "CommandLineKit", "Speech", "CThreadPlacement",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The static stdlib's link arguments export every symbol of the program (42,800). At each
            // start the Swift runtime's backtracer calls `dladdr`, which walked all of them: 1.5 to
            // 2 ms of the first frame (docs/content-cache.md, "Start-up order"). Nothing looks the
            // program's own symbols up dynamically; crash reports read the symbol table, not these.
            // Linking/ holds a linker script that the terminal's static build looks up (README).
            exclude: ["Linking"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .executableTarget(
            name: "epreuve-center",
            dependencies: [
                "ExamKit", "ExamContent", "ExamStore", "CenterService", "CenterServer", "CenterPostgres", "CommandLineKit",
                "CenterDocuments", "Documents", "ConsoleUI", "Curses", "TerminalRuntime", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Durations and process usage, as every benchmark measures them.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "epreuve-bench",
            dependencies: ["BenchmarkSupport", "ExamKit", "ExamContent"],
            path: "Benchmarks/epreuve-bench"
        ),
        .executableTarget(
            name: "epreuve-delivery-bench",
            dependencies: [
                "BenchmarkSupport", "CenterServer", "CenterService", "CenterPostgres", "ExamDelivery", "ExamStore", "ExamKit",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/delivery-bench"
        ),
        .executableTarget(
            name: "epreuve-center-load",
            dependencies: [
                "BenchmarkSupport", "CenterService", "CenterPostgres", "ExamContent", "ExamDelivery", "ExamStore", "ExamKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Benchmarks/center-load"
        ),
        .executableTarget(
            name: "epreuve-console-bench",
            dependencies: ["BenchmarkSupport", "ConsoleUI", "CenterService", "ExamStore", "ExamKit", "TerminalUI",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/console-bench"
        ),
        .executableTarget(
            name: "epreuve-documents-bench",
            dependencies: ["BenchmarkSupport", "Documents", "ExamKit"],
            path: "Benchmarks/documents-bench"
        ),
        // Not a test target: the throwaway PostgreSQL server that test targets share.
        .target(
            name: "PostgresTestServer",
            dependencies: ["CenterPostgres", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/PostgresTestServer"
        ),
        // Not a test target: child processes run without pipes, a TCP client that misbehaves on purpose.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ExamKitTests",
            dependencies: ["ExamKit", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "ExamKit"]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "CenterService", "TerminalUI", "ExamKit"]
        ),
        .testTarget(
            name: "TerminalRuntimeTests",
            dependencies: ["TerminalRuntime", "TerminalUI", "ExamDelivery", "ExamStore", "ExamKit", "Speech",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ExamStoreTests",
            dependencies: ["ExamStore", "ExamKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "CenterServiceTests",
            dependencies: [
                "CenterService", "CenterPostgres", "PostgresTestServer", "ExamStore", "ExamKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "CommandLineKitTests",
            dependencies: ["CommandLineKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "CenterWireTests",
            dependencies: ["CenterWire", "ExamKit"]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "CenterServer", "CenterService", "CenterWire", "ExamDelivery", "ExamStore", "ExamKit", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ExamContent", "ExamStore", "ExamDelivery", "CenterService", "CenterPostgres", "ExamKit", "PostgresTestServer", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EpreuveCommandTests",
            dependencies: ["epreuve", "CommandLineKit", "TerminalUI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "ExamKit", "TestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(
            name: "ExamContentTests",
            dependencies: ["ExamContent", "ExamKit"]
        ),
        .testTarget(
            name: "SpeechTests",
            dependencies: ["Speech", "ExamKit", "ExamContent"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Concrete generic types (a `Set<String>`, a `KeyedDecodingContainer<CodingKeys>`) get their metadata
// from direct accessor calls rather than from mangled names that the runtime demangles and whose
// generic requirements it checks by scanning every protocol conformance of the program (10,460 in the
// static terminal) once per new type: about a millisecond of the terminal's start
// (docs/content-cache.md, "Start-up order").
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? [])
        + [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]
}
